# The switch interval trades throughput for responsiveness.  A "UI" thread wants to run every
# millisecond; a CPU-bound thread holds the GIL until it is asked to drop it, which happens only
# after a waiter has waited one switch interval.  The UI thread's worst delay follows the
# interval (sys.setswitchinterval), as does the number of GIL hand-offs per second.
#
#   python3 examples/switch_interval.py
#   minipy examples/switch_interval.py
import sys
import threading
import time

stop = False


def cpu_bound():
    n = 0
    while not stop:
        n += 1


def ui(delays):
    for _ in range(30):
        t0 = time.perf_counter()
        time.sleep(0.001)
        delays.append(time.perf_counter() - t0 - 0.001)


print("interval   UI delay: median    worst")
for interval in (0.0005, 0.005, 0.05):
    sys.setswitchinterval(interval)
    stop = False
    cpu = threading.Thread(target=cpu_bound)
    cpu.start()
    delays = []
    ui(delays)
    stop = True
    cpu.join()
    delays.sort()
    print("%6.1f ms   %14.1f ms %6.1f ms" % (interval * 1000, delays[len(delays) // 2] * 1000, delays[-1] * 1000))
sys.setswitchinterval(0.005)
