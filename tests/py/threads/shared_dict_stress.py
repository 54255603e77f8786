# Eight threads insert into, delete from, read and iterate one dict at once (issue 10's stress
# test). Single operations (d[k] = v, del d[k], d.get, d.setdefault, d.copy) stay atomic;
# iterating a dict that others resize may raise "dictionary changed size during iteration",
# as in CPython, but nothing crashes and the final contents are exact.
import threading

THREADS = 8
N = 3000
d = {}
errors = []
start = threading.Barrier(THREADS)


def worker(t):
    start.wait()
    try:
        for i in range(N):
            d[(t, i)] = i
            if i % 2:
                del d[(t, i - 1)]
            other = d.get(((t + 1) % THREADS, i))
            assert other is None or other == i
            d.setdefault("first", t)
            if i % 400 == 0:
                try:
                    for k in d:
                        pass
                except RuntimeError as e:
                    assert "changed size" in str(e)
                c = d.copy()
                assert all(type(k) is tuple or k == "first" for k in c)
                len(d)
    except Exception as e:  # reported below; must never happen
        errors.append(repr(e))


threads = [threading.Thread(target=worker, args=(t,)) for t in range(THREADS)]
for th in threads:
    th.start()
for th in threads:
    th.join()

print("errors:", errors)
print("size:", len(d), "expected:", THREADS * (N // 2) + 1)
print("values exact:", all(d[(t, i)] == i for t in range(THREADS) for i in range(1, N, 2)))
print("setdefault kept one thread's value:", d["first"] in range(THREADS))
