# CPU-bound work in threads: counting primes in four ranges.  Only one thread
# can execute Python bytecode at a time (the GIL), so four threads take about
# as long as doing the four ranges one after another.  minipy's free-threaded
# build (cmake --preset free-threading) runs the same script with the GIL off
# by default (-X gil=0): there the four threads run in parallel and finish
# sooner on a multi-core machine; `-X gil=1` shows the GIL's effect again.
import sys
import threading
import time


def count_primes(lo, hi):
    count = 0
    for n in range(max(lo, 2), hi):
        d = 2
        prime = True
        while d * d <= n:
            if n % d == 0:
                prime = False
                break
            d += 1
        if prime:
            count += 1
    return count


RANGES = [(0, 75000), (75000, 150000), (150000, 225000), (225000, 300000)]


def main():
    t0 = time.perf_counter()
    seq = [count_primes(lo, hi) for lo, hi in RANGES]
    t_seq = time.perf_counter() - t0

    thr = [0] * len(RANGES)

    def work(i):
        thr[i] = count_primes(*RANGES[i])
    t0 = time.perf_counter()
    threads = [threading.Thread(target=work, args=(i,)) for i in range(len(RANGES))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    t_thr = time.perf_counter() - t0

    print("primes below 300000: %d (per range %s)" % (sum(seq), seq))
    assert seq == thr
    print("sequential: %.2f s" % t_seq)
    gil = getattr(sys, "_is_gil_enabled", lambda: True)()
    verdict = "no speed-up" if t_thr / t_seq > 0.8 else "a speed-up: the threads ran in parallel"
    print("4 threads:  %.2f s  (%.2fx the sequential time: %s; GIL %s)" %
          (t_thr, t_thr / t_seq, verdict, "on" if gil else "off"))


main()
