# Cost of creating, starting and joining threads (CPython 3.11: ~56 us each).
import threading
import time

N = 1000


def nothing():
    pass


def main():
    t0 = time.perf_counter()
    for _ in range(N):
        t = threading.Thread(target=nothing)
        t.start()
        t.join()
    one_by_one = (time.perf_counter() - t0) / N * 1e6
    t0 = time.perf_counter()
    ts = [threading.Thread(target=nothing) for _ in range(N)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    batch = (time.perf_counter() - t0) / N * 1e6
    print("threads=%d" % N)
    print("start_join_each_us=%.1f" % one_by_one)
    print("start_all_join_all_each_us=%.1f" % batch)


main()
