# CPU-bound threads give no speed-up: the same work sequentially and split over two threads.
# Headline: thr2_over_seq (CPython >= 3.2: ~1.0; the pre-3.2 GIL on two cores: > 1, Beazley 2009).
import sys
import threading
import time

sys.setswitchinterval(float(sys.argv[1]))
N = int(2_000_000 * float(sys.argv[2] if len(sys.argv) > 2 else 1))


def count(n):
    while n:
        n -= 1


t0 = time.perf_counter()
count(N)
count(N)
seq = time.perf_counter() - t0
t0 = time.perf_counter()
ts = [threading.Thread(target=count, args=(N,)) for _ in range(2)]
for t in ts:
    t.start()
for t in ts:
    t.join()
thr = time.perf_counter() - t0
print("seq_s=%.4f" % seq)
print("thr2_s=%.4f" % thr)
print("thr2_over_seq=%.3f" % (thr / seq))
