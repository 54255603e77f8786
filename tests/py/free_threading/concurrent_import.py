# Eight threads import one module at the same moment (issue 10's stress test). Its body runs
# once, and every thread gets the same, fully initialised module: the others wait for the first
# import to finish (the import lock; per-module locks in CPython).
import sys
import threading

THREADS = 8
start = threading.Barrier(THREADS)
got = [None] * THREADS
errors = []


def worker(t):
    start.wait()
    try:
        import helper_import_target as m
        got[t] = (m, getattr(m, "DONE", False))
    except Exception as e:  # reported below; must never happen
        errors.append(repr(e))


threads = [threading.Thread(target=worker, args=(t,)) for t in range(THREADS)]
for th in threads:
    th.start()
for th in threads:
    th.join()

print("errors:", errors)
print("body ran:", sys.ft_import_runs)
print("one module object:", len({id(m) for m, _ in got}) == 1)
print("all saw it finished:", all(done for _, done in got))
