# Free-threading scaling benchmark (issue 10): a fixed amount of CPU-bound work per thread run on
# N = 1, 2, 4, 8, 16 threads at once; prints key=value lines. Speed-up is N * T1 / TN, the
# measure of colesbury's ftscalingbench (ideal: N, up to the number of cores).
#   minipy -X gil=0 bench/ft/scaling.py     free-threaded build, GIL off
#   minipy -X gil=1 bench/ft/scaling.py     same build, GIL on (no speed-up expected)
#   python3 bench/ft/run_scaling.py         both, side by side (see that file)
# Workloads:
#   private      each thread loops over its own ints and a private list (no shared objects)
#   shared_read  every thread reads one shared dict and one shared list (reference-count and
#                lock contention on objects all threads touch)
#   method       calls a method of a shared object (the function and class every thread uses)
import sys
import threading
import time

WORK = int(sys.argv[1]) if len(sys.argv) > 1 else 200_000
COUNTS = [1, 2, 4, 8, 16]

SHARED_DICT = {i: i * 2 for i in range(256)}
SHARED_LIST = list(range(256))


class Point:
    def __init__(self, x):
        self.x = x

    def step(self, k):
        return (self.x * k + 1) % 1009


SHARED_POINT = Point(3)


def private(n):
    acc = 0
    data = [i for i in range(64)]
    for i in range(n):
        acc = (acc + data[i & 63] * i) % 1000003
    return acc


def shared_read(n):
    acc = 0
    d = SHARED_DICT
    lst = SHARED_LIST
    for i in range(n):
        acc = (acc + d[i & 255] + lst[i & 255]) % 1000003
    return acc


def method(n):
    acc = 0
    p = SHARED_POINT
    for i in range(n):
        acc = (acc + p.step(i)) % 1000003
    return acc


def run(fn, threads):
    start = threading.Barrier(threads + 1)

    def body():
        start.wait()
        fn(WORK)

    ts = [threading.Thread(target=body) for _ in range(threads)]
    for t in ts:
        t.start()
    start.wait()
    t0 = time.perf_counter()
    for t in ts:
        t.join()
    return time.perf_counter() - t0


gil = getattr(sys, "_is_gil_enabled", lambda: True)()
print(f"gil={int(gil)}")
print(f"work_per_thread={WORK}")
for fn in (private, shared_read, method):
    t1 = None
    for n in COUNTS:
        t = run(fn, n)
        if n == 1:
            t1 = t
        print(f"{fn.__name__}_t{n}={t:.4f}")
        print(f"{fn.__name__}_speedup{n}={n * t1 / t:.2f}")
