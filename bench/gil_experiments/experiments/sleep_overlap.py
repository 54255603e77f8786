# Blocking calls overlap: 20 threads each sleep 0.1 s, beside a CPU-bound thread.
# Headline: wall_s (ideal 0.1; CPython 3.11: ~0.1 alone, a little more beside a CPU thread).
import sys
import threading
import time

sys.setswitchinterval(float(sys.argv[1]))
stop = False


def cpu():
    n = 0
    while not stop:
        n += 1


c = threading.Thread(target=cpu)
c.start()
t0 = time.perf_counter()
ts = [threading.Thread(target=time.sleep, args=(0.1,)) for _ in range(20)]
for t in ts:
    t.start()
for t in ts:
    t.join()
wall = time.perf_counter() - t0
stop = True
c.join()
print("wall_s=%.3f" % wall)
