# Eight threads add to, discard from, test and iterate one set at once (issue 10's stress test):
# no crash, and exactly the items that were added and not discarded remain.
import threading

THREADS = 8
N = 3000
s = set()
errors = []
start = threading.Barrier(THREADS)


def worker(t):
    start.wait()
    try:
        for i in range(N):
            s.add((t, i))
            if i % 2:
                s.discard((t, i - 1))
            assert (t, i) in s
            if i % 400 == 0:
                try:
                    for x in s:
                        pass
                except RuntimeError as e:
                    assert "changed size" in str(e)
                c = s.copy()
                assert all(type(x) is tuple for x in c)
                s | {(-1, -1)}
                len(s)
    except Exception as e:  # reported below; must never happen
        errors.append(repr(e))


threads = [threading.Thread(target=worker, args=(t,)) for t in range(THREADS)]
for th in threads:
    th.start()
for th in threads:
    th.join()

print("errors:", errors)
print("exact:", s == {(t, i) for t in range(THREADS) for i in range(1, N, 2)})
print("pop drains it:", len([s.pop() for _ in range(len(s))]) == THREADS * (N // 2), len(s))
