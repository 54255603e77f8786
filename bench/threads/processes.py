# Processes vs threads for CPU work, and the costs of multiprocessing.
# CPython 3.11 on 2 cores: 2 processes / sequential ~0.55; Process start+join
# ~1.9 ms (fork); Pool(2) create+map+close ~6.7 ms.
import multiprocessing
import threading
import time

WORK = 10000000


def countdown(n):
    while n > 0:
        n -= 1
    return n


def nothing():
    pass


def small(x):
    return x * 2 + 1


def producer(q, n):
    for i in range(n):
        q.put(i)
    q.put(None)


def pipe_sender(conn, n, size):
    blob = b"y" * size
    for _ in range(n):
        conn.send_bytes(blob)
    conn.send_bytes(b"")
    conn.close()


def timed(f):
    t0 = time.perf_counter()
    f()
    return time.perf_counter() - t0


def two_threads():
    ts = [threading.Thread(target=countdown, args=(WORK // 2,)) for _ in range(2)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()


def two_processes():
    ps = [multiprocessing.Process(target=countdown, args=(WORK // 2,)) for _ in range(2)]
    for p in ps:
        p.start()
    for p in ps:
        p.join()


def pool_map():
    with multiprocessing.Pool(2) as pool:
        pool.map(countdown, [WORK // 2, WORK // 2])


def main():
    seq = timed(lambda: countdown(WORK))
    thr = timed(two_threads)
    prc = timed(two_processes)
    pl = timed(pool_map)
    print("cpu_seq_s=%.3f" % seq)
    print("cpu_2threads_s=%.3f" % thr)
    print("cpu_2processes_s=%.3f" % prc)
    print("cpu_pool2_s=%.3f" % pl)
    print("ratio_2threads_seq=%.3f" % (thr / seq))
    print("ratio_2processes_seq=%.3f" % (prc / seq))
    print("ratio_pool2_seq=%.3f" % (pl / seq))

    n = 10
    t0 = time.perf_counter()
    for _ in range(n):
        p = multiprocessing.Process(target=nothing)
        p.start()
        p.join()
    print("process_start_join_ms=%.2f" % ((time.perf_counter() - t0) / n * 1000))

    n = 5
    t0 = time.perf_counter()
    for _ in range(n):
        pool = multiprocessing.Pool(2)
        pool.map(small, range(4))
        pool.close()
        pool.join()
    print("pool2_create_map_close_ms=%.2f" % ((time.perf_counter() - t0) / n * 1000))

    with multiprocessing.Pool(2) as pool:
        t0 = time.perf_counter()
        out = pool.map(small, range(10000))
        el = time.perf_counter() - t0
    print("pool_map_10k_ok=%d" % (sum(out) == 10000 * 10000))
    print("pool_map_small_tasks_per_s=%.0f" % (10000 / el))

    items = 10000
    q = multiprocessing.Queue()
    p = multiprocessing.Process(target=producer, args=(q, items))
    t0 = time.perf_counter()
    p.start()
    got = 0
    while q.get() is not None:
        got += 1
    el = time.perf_counter() - t0
    p.join()
    print("queue_items_per_s=%.0f" % (got / el))

    for size, count, name in ((64, 10000, "small"), (65536, 500, "64k")):
        rx, tx = multiprocessing.Pipe(duplex=False)
        p = multiprocessing.Process(target=pipe_sender, args=(tx, count, size))
        t0 = time.perf_counter()
        p.start()
        tx.close()
        total = 0
        msgs = 0
        while True:
            b = rx.recv_bytes()
            if not b:
                break
            total += len(b)
            msgs += 1
        el = time.perf_counter() - t0
        p.join()
        print("pipe_%s_msgs_per_s=%.0f" % (name, msgs / el))
        print("pipe_%s_mb_per_s=%.1f" % (name, total / el / 1e6))


if __name__ == "__main__":
    main()
