# Native code that releases the GIL runs in parallel: hashlib and zlib drop the GIL while they
# work on a large buffer (hashlib from 2 KiB, zlib around every deflate/inflate call), so two
# threads hashing or compressing take about half the sequential time on two cores (CPython 3.11
# on a 2-core machine: 0.53 for sha256, 0.52 for zlib). Pure-Python work in threads shows no such
# speed-up (cpu_bound_threads.py).
#
#   python3 examples/parallel_hash_zlib.py
#   minipy examples/parallel_hash_zlib.py
import hashlib
import threading
import time
import zlib

data = bytes(range(256)) * (16 * 4096)  # 16 MiB: half pseudo-random, half repetitive
data = hashlib.shake_256(data).digest(len(data) // 2) + data[: len(data) // 2]


def sha256_job():
    for _ in range(4):
        hashlib.sha256(data).digest()


def zlib_job():
    zlib.compress(data, 1)


def sequential(job):
    t0 = time.perf_counter()
    job()
    job()
    return time.perf_counter() - t0


def threaded(job):
    t0 = time.perf_counter()
    ts = [threading.Thread(target=job) for _ in range(2)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    return time.perf_counter() - t0


print("%-8s %12s %12s %8s" % ("job", "sequential", "2 threads", "ratio"))
for name, job in (("sha256", sha256_job), ("zlib", zlib_job)):
    job()  # warm up (page faults, lazy initialisation)
    seq = min(sequential(job) for _ in range(2))
    thr = min(threaded(job) for _ in range(2))
    print("%-8s %10.3f s %10.3f s %8.2f" % (name, seq, thr, thr / seq))
print("a ratio near 0.5 means the two threads ran in parallel (the GIL was released)")
