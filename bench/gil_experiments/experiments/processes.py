# Processes run in parallel: the same CPU-bound work sequentially and in a multiprocessing.Pool
# of two workers, each process with its own interpreter and its own GIL. Headline:
# procs2_over_seq (about 0.5 plus the pool's start-up on two free cores; 1 on one core).
import multiprocessing
import sys
import time

N = int(3_000_000 * float(sys.argv[2] if len(sys.argv) > 2 else 1))


def count(n):
    while n:
        n -= 1
    return n


if __name__ == "__main__":
    sys.setswitchinterval(float(sys.argv[1]))
    t0 = time.perf_counter()
    count(N)
    count(N)
    seq = time.perf_counter() - t0
    t0 = time.perf_counter()
    with multiprocessing.Pool(2) as pool:
        pool.map(count, [N, N])
    procs = time.perf_counter() - t0
    print("seq_s=%.4f" % seq)
    print("procs2_s=%.4f" % procs)
    print("procs2_over_seq=%.3f" % (procs / seq))
