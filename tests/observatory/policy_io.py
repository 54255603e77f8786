# The convoy effect (bpo-7946) and its remedy: a thread that sleeps 0.1 ms in a loop beside a
# CPU-bound thread. Under `interval`, a return from sleep that finds the CPU thread holding the
# GIL waits for its own drop request: a whole switch interval (5 ms). Under `io-priority` it asks
# at once and waits only for the holder's next check point. The GIL trace (argv[1]) records each
# of the sleeper's waits; observatory_test.sh checks that io-priority cuts their median by >= 10x
# against interval (issue 11's target). The trace, not the loop's speed, is the measure: on a
# heavily loaded machine the woken CPU thread is sometimes not scheduled within the 0.1 ms sleep
# and the sleeper goes on without waiting, which hides the convoy from a stopwatch, not from the
# waits that do happen.
import gil
import sys
import threading
import time

stop = False


def cpu():
    n = 0
    while not stop:
        n += 1


def io():
    ops = 0
    end = time.perf_counter() + 0.5
    while time.perf_counter() < end:
        time.sleep(0.0001)
        ops += 1
    print(gil.policy(), "sleeps", ops)


gil.trace_start(sys.argv[1])
c = threading.Thread(target=cpu, name="cpu")
c.start()
t = threading.Thread(target=io, name="io")
t.start()
t.join()
stop = True
c.join()
gil.trace_stop()
