# CPU-bound work split over threads is not faster than doing it sequentially under the GIL
# (CPython 3.11: 2 threads / sequential ~= 1.01). Loose bounds: only the absence of a
# parallel speed-up (ratio well above 0.5 on a 2-core machine) is asserted.
import threading
import time

def count(n):
    while n > 0:
        n -= 1

N = 400_000

def sequential():
    t0 = time.perf_counter()
    count(N)
    count(N)
    return time.perf_counter() - t0

def threaded():
    t0 = time.perf_counter()
    ts = [threading.Thread(target=count, args=(N,)) for _ in range(2)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    return time.perf_counter() - t0

seq = min(sequential() for _ in range(3))
thr = min(threaded() for _ in range(3))
ratio = thr / seq
print("no parallel speed-up:", ratio > 0.75)
print("no big slow-down:", ratio < 3.0)
