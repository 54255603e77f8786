# Six threads build reference cycles and call gc.collect() while the others keep allocating and
# mutating shared containers (issue 10: in the free-threaded build a collection stops the world,
# every other thread parked at its next check point). Nothing crashes, nothing shared is lost,
# and every cycle made is freed.
import gc
import threading
from _weakref import ref as weakref_ref  # weakref.py needs async def, which minipy lacks

THREADS = 6
ROUNDS = 300
start = threading.Barrier(THREADS)
errors = []
shared = []
alive = []  # weak references to one object of every cycle


class Node:
    def __init__(self):
        self.other = None


def worker(t):
    start.wait()
    try:
        for i in range(ROUNDS):
            a, b = Node(), Node()
            a.other, b.other = b, a  # a cycle only the collector can free
            alive.append(weakref_ref(a))
            d = {}
            d["self"] = d
            shared.append((t, i))
            if i % 60 == t:
                gc.collect()
    except Exception as e:  # reported below; must never happen
        errors.append(repr(e))


threads = [threading.Thread(target=worker, args=(t,)) for t in range(THREADS)]
for th in threads:
    th.start()
for th in threads:
    th.join()
gc.collect()

print("errors:", errors)
print("shared items:", len(shared) == THREADS * ROUNDS, len(set(shared)) == THREADS * ROUNDS)
print("cycles freed:", sum(r() is None for r in alive) == THREADS * ROUNDS)
