import threading, time
actions = []
b = threading.Barrier(3, action=lambda: actions.append("action"))
results = []
lock = threading.Lock()
def worker():
    r = b.wait()
    with lock:
        results.append(r)
for _ in range(2):
    ts = [threading.Thread(target=worker) for _ in range(3)]
    for t in ts: t.start()
    for t in ts: t.join()
print(sorted(results), actions, b.broken, b.n_waiting)

ab = threading.Barrier(3)
outcomes = []
def aborted():
    try:
        ab.wait()
        outcomes.append("passed")
    except threading.BrokenBarrierError:
        outcomes.append("broken")
ts = [threading.Thread(target=aborted) for _ in range(2)]
for t in ts: t.start()
while ab.n_waiting < 2:
    time.sleep(0.005)
print("waiting:", ab.n_waiting)
ab.abort()
for t in ts: t.join()
print(outcomes, ab.broken)
try:
    ab.wait()
except threading.BrokenBarrierError as e:
    print("still broken", type(e).__mro__[1].__name__)
ab.reset()
print("after reset:", ab.broken, ab.n_waiting)
ts = [threading.Thread(target=aborted) for _ in range(3)]
for t in ts: t.start()
for t in ts: t.join()
print(outcomes)

def bad_action():
    raise ValueError("action failed")
bb = threading.Barrier(1, action=bad_action)
try:
    bb.wait()
except ValueError as e:
    print("ValueError:", e, bb.broken)
print(threading.Barrier(2).wait(timeout=None) if False else "skip", threading.Barrier(4).parties)
single = threading.Barrier(1)
print(single.wait(), single.wait())
