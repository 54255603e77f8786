# CPU-bound work on several cores with multiprocessing.Pool and
# concurrent.futures.ProcessPoolExecutor.  Each worker is a separate process
# with its own interpreter and its own GIL.  The __main__ guard is required:
# worker processes must not run the pool code again.
import multiprocessing
import os
import time
from concurrent.futures import ProcessPoolExecutor


def collatz_steps(limit):
    best = 0
    for n in range(1, limit):
        steps = 0
        while n != 1:
            n = n // 2 if n % 2 == 0 else 3 * n + 1
            steps += 1
        if steps > best:
            best = steps
    return best


def whoami(x):
    return os.getpid()


def main():
    jobs = [30000, 30001, 30002, 30003]

    t0 = time.perf_counter()
    seq = [collatz_steps(j) for j in jobs]
    t_seq = time.perf_counter() - t0

    with multiprocessing.Pool(2) as pool:
        t0 = time.perf_counter()
        par = pool.map(collatz_steps, jobs)
        t_pool = time.perf_counter() - t0
        pids = set(pool.map(whoami, range(8)))

    with ProcessPoolExecutor(max_workers=2) as ex:
        t0 = time.perf_counter()
        par2 = list(ex.map(collatz_steps, jobs))
        t_exec = time.perf_counter() - t0

    assert seq == par == par2
    print("longest Collatz chains:", seq)
    print("main process %d, pool workers %s" % (os.getpid(), sorted(pids)))
    print("sequential:              %.2f s" % t_seq)
    print("Pool(2).map:             %.2f s (%.2fx)" % (t_pool, t_pool / t_seq))
    print("ProcessPoolExecutor(2):  %.2f s (%.2fx)" % (t_exec, t_exec / t_seq))


if __name__ == "__main__":
    main()
