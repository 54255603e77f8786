# -X gil-policy=fifo: waiters get the GIL in arrival order. Two CPU-bound threads take strict
# turns (checked on the trace by observatory_test.sh) and so hold the GIL for equal shares:
# issue 11's target is shares within 10% of each other.
import gil
import sys
import threading
import time

sys.setswitchinterval(0.002)
stop = False


holds = []


def spin():
    n = 0
    while not stop:
        n += 1
    me = threading.get_ident()
    holds.append([t["hold_s"] for t in gil.stats()["threads"] if t["ident"] == me][0])


gil.trace_start(sys.argv[1])
ts = [threading.Thread(target=spin, name="cpu%d" % i) for i in range(2)]
for t in ts:
    t.start()
# Run for a number of turns rather than a time: a loaded machine delays every hand-off.
deadline = time.monotonic() + 20
while gil.stats()["forced_switches"] < 150 and time.monotonic() < deadline:
    time.sleep(0.05)
stop = True
for t in ts:
    t.join()
gil.trace_stop()
s = gil.stats()
holds.sort()
print("policy:", s["policy"])
print("forced switches:", s["forced_switches"] >= 150)
# Hold time also counts while a busy OS deschedules the holder; over 150 turns that evens out.
print("shares within 10% (min/max >= 0.9):", holds[0] / holds[1] >= 0.9, holds)
