# Eight threads append to, pop from and iterate one list at once (issue 10's stress test).
# Nothing may crash and no item may be lost or duplicated: under the GIL each list operation is
# atomic; the free-threaded build keeps each one atomic with the list's own lock.
import threading

THREADS = 8
N = 3000
shared = []
popped = [[] for _ in range(THREADS)]
errors = []
start = threading.Barrier(THREADS)


def worker(t):
    start.wait()
    try:
        for i in range(N):
            shared.append((t, i))
            if i % 3 == 0:
                # This thread has appended more than it popped, so the list is never empty here.
                popped[t].append(shared.pop())
            if i % 500 == 0:
                seen = 0
                for item in shared:  # iterating while the others append and pop
                    seen += 1
                snapshot = shared[:]
                assert all(type(x) is tuple for x in snapshot)
                try:
                    shared[len(shared) // 2]
                except IndexError:
                    pass  # the list shrank between len() and the index: allowed
    except Exception as e:  # reported below; must never happen
        errors.append(repr(e))


threads = [threading.Thread(target=worker, args=(t,)) for t in range(THREADS)]
for th in threads:
    th.start()
for th in threads:
    th.join()

everything = list(shared) + [x for p in popped for x in p]
print("errors:", errors)
print("items accounted for:", len(everything) == THREADS * N)
print("no duplicates:", len(set(everything)) == len(everything))
print("popped per thread:", [len(p) for p in popped])
