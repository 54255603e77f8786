# Forced switching between two CPU-bound threads.  Each thread writes its id into
# a shared "last runner" variable every iteration; when it finds the other id
# there, the other thread ran in between: one switch.  Measured for 1 s at several
# switch intervals.  CPython 3.11: switches/s ~ 1/(interval + ~0.1 ms):
# 4864 / 1633 / 895 / 193 / 19.7 at 0.1 / 0.5 / 1 / 5 / 50 ms, 50/50 share,
# total throughput within ~4% of one thread alone.
import sys
import threading
import time

DURATION = 1.0
INTERVALS_MS = [0.1, 0.5, 1, 5, 50]

last = -1
stop = False
counts = [0, 0]
switches = [0, 0]


def worker(me):
    global last
    n = 0
    sw = 0
    while not stop:
        if last != me:
            sw += 1
            last = me
        n += 1
    counts[me] = n
    switches[me] = sw


def alone_rate():
    # the same loop body, one thread, no competitor
    global stop, last
    best = 0.0
    for _ in range(1):
        stop = False
        last = -1
        t = threading.Thread(target=worker, args=(0,))
        t0 = time.perf_counter()
        t.start()
        time.sleep(0.2)
        stop = True
        t.join()
        r = counts[0] / (time.perf_counter() - t0)
        if r > best:
            best = r
    return best


def measure(interval_ms):
    global stop, last
    stop = False
    last = -1
    counts[0] = counts[1] = 0
    switches[0] = switches[1] = 0
    sys.setswitchinterval(interval_ms / 1000.0)
    threads = [threading.Thread(target=worker, args=(i,)) for i in range(2)]
    t0 = time.perf_counter()
    for t in threads:
        t.start()
    time.sleep(DURATION)
    stop = True
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - t0
    # the first entry of each thread is not a switch
    total_sw = max(0, switches[0] + switches[1] - 2)
    total = counts[0] + counts[1]
    return total_sw / elapsed, counts[0] / max(1, total), total / elapsed


def main():
    old = sys.getswitchinterval()
    print("default_switchinterval_ms=%.3f" % (old * 1000))
    for ms in INTERVALS_MS:
        sys.setswitchinterval(old)
        # alone before and after, averaged: the CPU speed of a shared
        # machine drifts
        base = alone_rate()
        rate, share, thr = measure(ms)
        sys.setswitchinterval(old)
        base = (base + alone_rate()) / 2
        tag = ("%g" % ms).replace(".", "_")
        print("si%sms_switches_per_s=%.1f" % (tag, rate))
        print("si%sms_share_thread0=%.3f" % (tag, share))
        print("si%sms_throughput_vs_alone=%.3f" % (tag, thr / base))
    sys.setswitchinterval(old)


main()
