# -X gil-policy=ticks (run by observatory_test.sh): CPython <= 3.1's GIL releases every N check
# points with no drop request and no hand-off. Two CPU-bound threads: acquisitions follow the
# check point count (about 2 * 300_000 / N), not the clock; no requests, no forced switches.
# N is set as on CPython <= 3.8, with sys.setcheckinterval (present under this policy only).
import gil
import sys
import threading


def spin(n, out):
    while n:
        n -= 1
    me = threading.get_ident()
    out.append([t["acquisitions"] for t in gil.stats()["threads"] if t["ident"] == me][0])


def run(ticks):
    sys.setcheckinterval(ticks)
    gil.reset_stats()
    acquisitions = []
    ts = [threading.Thread(target=spin, args=(300_000, acquisitions)) for _ in range(2)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    return gil.stats(), sum(acquisitions)


print("policy:", gil.policy(), "ticks:", gil.ticks(), "check interval:", sys.getcheckinterval())
s100, acq100 = run(100)
s1000, acq1000 = run(1000)
print("no drop requests:", s100["drop_requests"] == 0 and s1000["drop_requests"] == 0)
print("no forced switches:", s100["forced_switches"] == 0 and s1000["forced_switches"] == 0)
# A holder re-takes the GIL only every N check points (and only while someone waits): the two
# threads pass 600_000 loop back edges, so with N = 1000 there are at most ~600 re-acquisitions,
# however the battle for the lock goes (how long a waiter waits is up to the OS).
print("at most one release per 1000 check points:", acq1000 <= 600_000 // 1000 + 20)
print("and per 100:", acq100 <= 600_000 // 100 + 20)
print("gil.ticks() follows:", gil.ticks() == sys.getcheckinterval() == 1000)
gil.set_ticks(100)
try:
    gil.set_ticks(0)
except ValueError as e:
    print("ValueError:", e)
gil.set_policy("interval")
print("no check interval under interval:", not hasattr(sys, "setcheckinterval"))
