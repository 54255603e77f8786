# sys.setswitchinterval changes how often CPU-bound threads switch (CPython: ~4864 switches/s
# at 0.1 ms, ~19.7 at 50 ms). Two threads count how often they see the other one ran.
import sys
import threading
import time

def measure(interval, duration=0.4):
    sys.setswitchinterval(interval)
    state = {"last": None, "switches": 0, "stop": False}
    def work(me):
        s = state
        while not s["stop"]:
            if s["last"] != me:
                s["switches"] += 1
                s["last"] = me
    ts = [threading.Thread(target=work, args=(i,)) for i in range(2)]
    for t in ts:
        t.start()
    time.sleep(duration)
    state["stop"] = True
    for t in ts:
        t.join()
    return state["switches"] / duration

print("default interval:", sys.getswitchinterval())
# A busy machine (CI's shared cores) can starve one 0.4 s sample: the waiter that should ask for
# the GIL is not scheduled in time. Up to five pairs of samples; one clean pair shows the effect,
# and a minipy whose switch interval did nothing fails all five.
for attempt in range(5):
    fast = measure(0.0005)
    slow = measure(0.05)
    if fast > slow and slow < 100:
        break
    print("attempt %d: %.1f switches/s at 0.5 ms, %.1f at 50 ms" % (attempt, fast, slow),
          file=sys.stderr)
print("shorter interval switches more:", fast > slow)
print("50 ms interval keeps switches rare (< 100/s):", slow < 100)
sys.setswitchinterval(0.005)
print("restored:", sys.getswitchinterval())
