# An unlocked read-modify-write with a call in the middle loses updates; a Lock fixes it.
# Headline: lost_pct (CPython 3.11: 29-72 % with four threads, depending on the interval).
import sys
import threading

sys.setswitchinterval(float(sys.argv[1]))
N = int(50_000 * float(sys.argv[2] if len(sys.argv) > 2 else 1))
counter = 0
lock = threading.Lock()


def touch(v):
    return v


def unlocked():
    global counter
    for _ in range(N):
        v = counter
        touch(v)
        counter = v + 1


def locked():
    global counter
    for _ in range(N):
        with lock:
            v = counter
            touch(v)
            counter = v + 1


for name, fn in (("unlocked", unlocked), ("locked", locked)):
    counter = 0
    ts = [threading.Thread(target=fn) for _ in range(4)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    lost = 4 * N - counter
    print("%s_lost=%d" % (name, lost))
    if name == "unlocked":
        print("lost_pct=%.2f" % (100.0 * lost / (4 * N)))
