# Fairness: two CPU-bound threads run side by side for a fixed time; each counts its loops.
# Headline: share_min_over_max (1.0 = equal shares; the FIFO GIL aims at >= 0.9).
import sys
import threading
import time

sys.setswitchinterval(float(sys.argv[1]))
DURATION = 0.5 * float(sys.argv[2] if len(sys.argv) > 2 else 1)
stop = False
counts = [0, 0]


def spin(i):
    n = 0
    while not stop:
        n += 1
    counts[i] = n


ts = [threading.Thread(target=spin, args=(i,)) for i in range(2)]
for t in ts:
    t.start()
time.sleep(DURATION)
stop = True
for t in ts:
    t.join()
print("loops_a=%d" % counts[0])
print("loops_b=%d" % counts[1])
print("share_min_over_max=%.3f" % (min(counts) / max(max(counts), 1)))
