# The convoy effect (bpo-7946).  A thread that does a little I/O in a loop (here a 0.1 ms sleep)
# gives the GIL up at every call.  Next to a CPU-bound thread it must wait, each time, until
# the CPU thread is asked to drop the GIL: about one switch interval (5 ms).  So the I/O loop
# runs tens of times slower, while the CPU thread hardly notices.
#
#   python3 examples/convoy_effect.py
#   minipy examples/convoy_effect.py                          # the same effect (interval GIL)
#   minipy -X gil-policy=io-priority examples/convoy_effect.py  # the remedy: I/O preempts
#   minipy -X gil-policy=ticks examples/convoy_effect.py        # the pre-3.2 GIL
import sys
import threading
import time

stop = False


def cpu_bound():
    n = 0
    while not stop:
        n += 1


def io_loop(seconds):
    """Sleeps of 0.1 ms in a loop; returns loops per second."""
    n = 0
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        time.sleep(0.0001)
        n += 1
    return n / seconds


alone = io_loop(0.5)
cpu = threading.Thread(target=cpu_bound)
cpu.start()
beside = io_loop(0.5)
stop = True
cpu.join()
policy = "interval"
try:
    import gil
    policy = gil.policy()
except ImportError:
    pass
print("GIL policy: %s, switch interval %.1f ms" % (policy, sys.getswitchinterval() * 1000))
print("I/O loops per second alone:           %8.0f" % alone)
print("I/O loops per second beside CPU work: %8.0f  (%.0fx slower)" % (beside, alone / max(beside, 1)))
