# Cost of threading.Lock.  Uncontended acquire+release never touches the GIL
# (CPython 3.11: ~69 ns); a contended acquire blocks and releases the GIL.
import threading
import time

N = 1000000
DURATION = 0.8
stop = False
ops = [0, 0]


def uncontended():
    lock = threading.Lock()
    acq = lock.acquire
    rel = lock.release
    t0 = time.perf_counter()
    for _ in range(N):
        acq()
        rel()
    t1 = time.perf_counter()
    for _ in range(N):
        pass
    t2 = time.perf_counter()
    with_t0 = time.perf_counter()
    for _ in range(N):
        with lock:
            pass
    with_t1 = time.perf_counter()
    raw = (t1 - t0) / N * 1e9
    empty = (t2 - t1) / N * 1e9
    return raw, raw - empty, (with_t1 - with_t0) / N * 1e9 - empty


def hammer(lock, me):
    n = 0
    while not stop:
        with lock:
            n += 1
    ops[me] = n


def contended(nthreads):
    global stop
    stop = False
    lock = threading.Lock()
    ops[0] = ops[1] = 0
    ts = [threading.Thread(target=hammer, args=(lock, i)) for i in range(nthreads)]
    t0 = time.perf_counter()
    for t in ts:
        t.start()
    time.sleep(DURATION)
    stop = True
    for t in ts:
        t.join()
    el = time.perf_counter() - t0
    return (ops[0] + ops[1]) / el, ops[0] / max(1, ops[0] + ops[1])


def main():
    raw, net, with_net = uncontended()
    print("uncontended_acquire_release_ns=%.1f" % raw)
    print("uncontended_acquire_release_net_ns=%.1f" % net)
    print("uncontended_with_net_ns=%.1f" % with_net)
    r1, _ = contended(1)
    print("one_thread_with_lock_ops_per_s=%.0f" % r1)
    r2, share = contended(2)
    print("contended2_ops_per_s=%.0f" % r2)
    print("contended2_share_thread0=%.3f" % share)


main()
