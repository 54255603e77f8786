# The convoy effect (bpo-7946) and its remedy: a thread that sleeps 0.5 ms in a loop beside a
# CPU-bound thread. Under `interval` each return from sleep waits for the holder's next drop
# request (one switch interval, 5 ms); under `io-priority` it preempts the holder at once.
# Prints the sleeper's loop count in 0.5 s; observatory_test.sh compares the two policies.
import gil
import threading
import time

stop = False


def cpu():
    n = 0
    while not stop:
        n += 1


def io(out):
    n = 0
    end = time.monotonic() + 0.5
    while time.monotonic() < end:
        time.sleep(0.0005)
        n += 1
    out.append(n)


out = []
c = threading.Thread(target=cpu)
c.start()
t = threading.Thread(target=io, args=(out,))
t.start()
t.join()
stop = True
c.join()
print(gil.policy(), out[0])
