# The same two workloads under each of minipy's GIL designs (gil.set_policy; or start with
# -X gil-policy=NAME).  Workload 1: two CPU-bound threads run side by side for 0.4 s; how evenly
# do they share the GIL?  Workload 2: the convoy: an I/O loop beside a CPU-bound thread.
#   interval     CPython >= 3.2: drop requests after 5 ms, forced hand-off
#   ticks        CPython <= 3.1: release every 100 check points, no hand-off (a "GIL battle")
#   fifo         waiters are served in arrival order: equal shares
#   io-priority  a thread back from I/O preempts the CPU-bound holder at once
# On python3 only the built-in design runs.
#   minipy examples/gil_policies.py
import threading
import time

try:
    import gil
except ImportError:
    gil = None


def shares(seconds=0.4):
    stop = [False]
    counts = [0, 0]

    def spin(i):
        n = 0
        while not stop[0]:
            n += 1
        counts[i] = n

    ts = [threading.Thread(target=spin, args=(i,)) for i in range(2)]
    for t in ts:
        t.start()
    time.sleep(seconds)
    stop[0] = True
    for t in ts:
        t.join()
    return min(counts) / max(max(counts), 1)


def convoy(seconds=0.4):
    stop = [False]

    def cpu():
        n = 0
        while not stop[0]:
            n += 1

    c = threading.Thread(target=cpu)
    c.start()
    n = 0
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        time.sleep(0.0001)
        n += 1
    stop[0] = True
    c.join()
    return n / seconds


print("policy        CPU shares (min/max)   I/O loops/s beside a CPU thread   switches")
for policy in (["interval", "ticks", "fifo", "io-priority"] if gil else ["(built in)"]):
    if gil:
        gil.set_policy(policy)
        gil.reset_stats()
    s = shares()
    c = convoy()
    sw = gil.stats()["switches"] if gil else "-"
    print("%-13s %20.2f   %31.0f   %8s" % (policy, s, c, sw))
if gil:
    gil.set_policy("interval")
