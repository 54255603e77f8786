# Eight threads append to, pop from, index and iterate one collections.deque at once (issue 10's
# stress test). Each single operation is atomic (append, appendleft, pop, popleft, d[i], len,
# remove, rotate); iterating while others mutate may raise "deque mutated during iteration", as in
# CPython, but nothing crashes and no item is lost or duplicated.
import threading
from collections import deque

THREADS = 8
N = 3000
d = deque()
popped = [[] for _ in range(THREADS)]
errors = []
start = threading.Barrier(THREADS)


def worker(t):
    start.wait()
    try:
        for i in range(N):
            if i % 2:
                d.append((t, i))
            else:
                d.appendleft((t, i))
            if i % 3 == 0:
                # This thread has added more than it took, so the deque is never empty here.
                popped[t].append(d.pop() if i % 2 else d.popleft())
            if i % 50 == 0:
                try:
                    d[len(d) // 2]
                    d[-1]
                except IndexError:
                    pass  # the deque shrank between len() and the index: allowed
                d.rotate(1)
                (t, i) in d
            if i % 300 == 0:
                try:
                    for item in d:
                        assert type(item) is tuple
                except RuntimeError as e:
                    assert "mutated during iteration" in str(e), e
                snapshot = d.copy()
                assert all(type(x) is tuple for x in snapshot)
                try:
                    d.index((t, i))
                except ValueError:
                    pass  # popped by another thread meanwhile
                except RuntimeError as e:
                    assert "mutated during iteration" in str(e), e
    except Exception as e:  # reported below; must never happen
        errors.append(repr(e))


threads = [threading.Thread(target=worker, args=(t,)) for t in range(THREADS)]
for th in threads:
    th.start()
for th in threads:
    th.join()

everything = list(d) + [x for p in popped for x in p]
print("errors:", errors)
print("items accounted for:", len(everything) == THREADS * N)
print("no duplicates:", len(set(everything)) == len(everything))
print("popped per thread:", [len(p) for p in popped])
