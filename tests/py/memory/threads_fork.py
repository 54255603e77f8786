# A collection started by any thread sees every thread's frames as roots; a forked child starts
# with a consistent collector and collects on its own.
import gc
import os
import sys
import threading
import _weakref


class N:
    pass


def worker(results):
    for i in range(100):
        c = N()
        c.me = c
    results.append(gc.collect() > 0)


def main():
    local = N()
    local.me = local  # a cycle that only this frame refers to
    r = _weakref.ref(local)
    results = []
    t = threading.Thread(target=worker, args=(results,))
    t.start()
    t.join()
    print("collected in a thread:", results, "main's local kept:", r() is local)


main()


def sleeper(ready, go, out):
    mine = N()
    mine.me = mine
    out.append(_weakref.ref(mine))
    ready.set()
    go.wait()
    out.append(mine.me is mine)


ready, go, out = threading.Event(), threading.Event(), []
t = threading.Thread(target=sleeper, args=(ready, go, out))
t.start()
ready.wait()
gc.collect()
print("blocked thread's local kept:", out[0]() is not None)
go.set()
t.join()
print("thread saw it intact:", out[1])

x = N()
x.me = x
del x
sys.stdout.flush()  # the child must not inherit buffered output
pid = os.fork()
if pid == 0:
    y = N()
    y.me = y
    del y
    print("child collected:", gc.collect() > 0, flush=True)
    os._exit(0)
_, status = os.waitpid(pid, 0)
print("child exit:", os.waitstatus_to_exitcode(status), "parent collected:", gc.collect() > 0)
