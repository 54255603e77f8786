# minipy's main demo: what the GIL means for threads, in about five seconds.
#
#  1. I/O-bound work (here: sleeping) overlaps in threads -> big speed-up.
#  2. CPU-bound work does not: threads take as long as doing it in sequence,
#     but separate processes (multiprocessing.Pool) run on separate cores.
#  3. Threads switch only at certain points, so `v = counter; f(); counter = v + 1`
#     loses updates; a Lock makes it exact.
#  4. The switch interval, which decides how often a CPU-bound thread is asked
#     to hand the GIL over.
import multiprocessing
import os
import sys
import threading
import time

IO_TASKS = 6
IO_SLEEP = 0.15
CPU_TASKS = 2
CPU_WORK = 4000000
RACE_N = 300000


def wait_for_io(i):
    time.sleep(IO_SLEEP)  # stands in for a network or disk request
    return i


def crunch(n):
    total = 0
    while n > 0:
        total += n & 7
        n -= 1
    return total


def in_threads(func, args_list):
    results = [None] * len(args_list)

    def run(k):
        results[k] = func(args_list[k])
    threads = [threading.Thread(target=run, args=(k,)) for k in range(len(args_list))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results


def timed(func, *args):
    t0 = time.perf_counter()
    value = func(*args)
    return time.perf_counter() - t0, value


counter = 0
lock = threading.Lock()


def helper():
    pass


def unsafe_increment(n):
    global counter
    for _ in range(n):
        v = counter
        helper()          # a function call: a point where threads may switch
        counter = v + 1


def safe_increment(n):
    global counter
    for _ in range(n):
        with lock:
            v = counter
            helper()
            counter = v + 1


def race(func):
    global counter
    counter = 0
    in_threads(func, [RACE_N, RACE_N])
    return counter


def line(label, seconds, base=None):
    if base is None:
        print("  %-34s %6.2f s" % (label, seconds))
    else:
        print("  %-34s %6.2f s   (%.2fx the sequential time)" % (label, seconds, seconds / base))


def main():
    print("GIL demo on %s %d.%d.%d, %d CPU cores"
          % (sys.implementation.name, sys.version_info[0], sys.version_info[1],
             sys.version_info[2], os.cpu_count() or 1))
    print()

    print("1. I/O-bound: %d tasks that each wait %.2f s" % (IO_TASKS, IO_SLEEP))
    seq, _ = timed(lambda: [wait_for_io(i) for i in range(IO_TASKS)])
    thr, _ = timed(in_threads, wait_for_io, list(range(IO_TASKS)))
    line("one after another", seq)
    line("%d threads" % IO_TASKS, thr, seq)
    print("  -> waiting releases the GIL, so the waits overlap.")
    print()

    print("2. CPU-bound: %d tasks of pure Python arithmetic" % CPU_TASKS)
    work = [CPU_WORK] * CPU_TASKS
    seq, r1 = timed(lambda: [crunch(n) for n in work])
    thr, r2 = timed(in_threads, crunch, work)
    with multiprocessing.Pool(CPU_TASKS) as pool:
        prc, r3 = timed(pool.map, crunch, work)
    assert r1 == r2 == r3
    line("one after another", seq)
    line("%d threads" % CPU_TASKS, thr, seq)
    line("%d processes (multiprocessing.Pool)" % CPU_TASKS, prc, seq)
    print("  -> only one thread runs Python code at a time: threads give no speed-up;")
    print("     processes each have their own interpreter and GIL.")
    print()

    print("3. Race: 2 threads x %d increments of a shared counter" % RACE_N)
    expected = 2 * RACE_N
    got = race(unsafe_increment)
    print("  v = counter; f(); counter = v + 1  -> %7d of %d (%.0f%% lost)"
          % (got, expected, 100.0 * (expected - got) / expected))
    got = race(safe_increment)
    print("  the same inside `with lock:`       -> %7d of %d (%.0f%% lost)"
          % (got, expected, 100.0 * (expected - got) / expected))
    print("  -> the GIL protects the interpreter, not your read-modify-write.")
    print()

    print("4. sys.getswitchinterval() = %.3f s: a thread that holds the GIL is asked"
          % sys.getswitchinterval())
    print("   to give it up after this long when another thread is waiting.")


if __name__ == "__main__":
    main()
