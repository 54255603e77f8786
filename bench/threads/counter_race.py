# Lost updates on a shared global counter.
#  - `counter += 1`: a switch can only happen at check points (back edges,
#    function entry, after calls), never between the load and the store, so
#    CPython 3.11 loses 0 updates, even at a 1 us switch interval.
#  - `v = counter; f(); counter = v + 1`: f's entry is a check point, so a
#    switch there throws away the other thread's work: 29-72 % lost.
#  - the same with a Lock: exact.
import sys
import threading

N = 1000000
N_LOCKED = 20000
counter = 0
lock = threading.Lock()


def nop():
    pass


def inc_plain(n):
    global counter
    for _ in range(n):
        counter += 1


def inc_rcw(n):
    global counter
    for _ in range(n):
        v = counter
        nop()
        counter = v + 1


def inc_locked(n):
    global counter
    for _ in range(n):
        with lock:
            v = counter
            nop()
            counter = v + 1


def run(target, nthreads, n):
    global counter
    counter = 0
    threads = [threading.Thread(target=target, args=(n,)) for _ in range(nthreads)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    expected = nthreads * n
    return expected - counter, expected


def report(name, target, nthreads, n):
    lost, expected = run(target, nthreads, n)
    print("%s_thr%d_lost=%d" % (name, nthreads, lost))
    print("%s_thr%d_lost_pct=%.2f" % (name, nthreads, 100.0 * lost / expected))


def main():
    old = sys.getswitchinterval()
    print("n_per_thread=%d" % N)
    print("n_per_thread_locked=%d" % N_LOCKED)
    for k in (2, 8):
        report("plain", inc_plain, k, N)
    sys.setswitchinterval(1e-6)
    report("plain_si1us", inc_plain, 2, N // 2)
    sys.setswitchinterval(old)
    for k in (2, 8):
        report("rcw", inc_rcw, k, N)
    for k in (2, 8):
        report("locked", inc_locked, k, N_LOCKED)


main()
