# Why the GIL exists: run this with a minipy built with -DMINIPY_UNSAFE_NO_GIL=ON (cmake --preset
# unsafe-no-gil), the default build with its GIL removed and nothing put in its place: plain
# reference counts, unlocked lists and dicts. Each experiment runs in a forked child so that a
# crash ends only that experiment; the parent reports what happened. Not run in CI (its outcome
# is a crash or corruption by design, and varies from run to run).
#   build/unsafe-no-gil/minipy examples/unsafe_no_gil_demo.py
# The same experiments pass on the default build (the GIL serialises them) and on the
# free-threaded build (per-object locks and biased reference counts make them safe).
import os
import sys
import threading

THREADS = 8
N = 50_000


def run_threads(fn):
    ts = [threading.Thread(target=fn, args=(t,)) for t in range(THREADS)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()


def counter():
    box = [0]

    def work(t):
        for _ in range(N):
            box[0] += 1
    run_threads(work)
    return "counter += 1: %d of %d (%d lost)" % (box[0], THREADS * N, THREADS * N - box[0])


def list_append():
    shared = []

    def work(t):
        for i in range(N):
            shared.append(i)
    run_threads(work)
    return "list.append: %d of %d items" % (len(shared), THREADS * N)


def dict_insert():
    d = {}

    def work(t):
        for i in range(N // 5):
            d[(t, i)] = i
            d.get((t, i - 1))
    run_threads(work)
    return "dict inserts: %d of %d keys" % (len(d), THREADS * (N // 5))


def shared_refcounts():
    shared = object()

    def work(t):
        for _ in range(N):
            x = shared  # each binding increments and decrements the same count
            del x
    run_threads(work)
    return "shared object's refcount after balanced use: %d (1 plus the temporaries expected)" % sys.getrefcount(shared)


print("GIL enabled:", getattr(sys, "_is_gil_enabled", lambda: True)())
for experiment in (counter, list_append, dict_insert, shared_refcounts):
    sys.stdout.flush()
    pid = os.fork()
    if pid == 0:
        try:
            print("  " + experiment())
        finally:
            sys.stdout.flush()
            os._exit(0)
    _, status = os.waitpid(pid, 0)
    if os.WIFSIGNALED(status):
        print("  %s: the child CRASHED (signal %d)" % (experiment.__name__, os.WTERMSIG(status)))
    elif os.WEXITSTATUS(status) != 0:
        print("  %s: the child failed (exit %d)" % (experiment.__name__, os.WEXITSTATUS(status)))
