# PEP 442: __del__ runs exactly once, also for objects in cycles, which are collected (not left in
# gc.garbage); a resurrected object is not freed.
import gc

log = []


class D:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        log.append(self.name)


a = D("plain")
del a
print("refcount dealloc:", log)

log.clear()
x = D("x")
y = D("y")
x.other, y.other = y, x
del x, y
print("before collect:", log)
print("collect found garbage:", gc.collect() > 0)
print("after collect:", sorted(log), "garbage:", gc.garbage)

saved = []


class Phoenix:
    calls = 0

    def __del__(self):
        Phoenix.calls += 1
        saved.append(self)


p = Phoenix()
p.me = p
del p
gc.collect()
print("resurrected:", len(saved), "calls:", Phoenix.calls, "finalized:", gc.is_finalized(saved[0]))
saved.clear()
gc.collect()
print("calls after dropping it again:", Phoenix.calls)

# Resurrecting by reference count alone.
again = []


class Once:
    def __del__(self):
        again.append(self)


o = Once()
del o
print("resurrected without a cycle:", len(again))
again.clear()
print("second __del__ never runs:", len(again))


class Chain:
    def __init__(self, nxt):
        self.nxt = nxt
        self.me = self

    def __del__(self):
        log.append("chain")


log.clear()
c = Chain(Chain(Chain(None)))
del c
gc.collect()
print("chain:", log)


def gen():
    try:
        yield 1
        yield 2
    finally:
        log.append("generator closed")


log.clear()
g = gen()
next(g)
holder = [g]
holder.append(holder)
del g, holder
gc.collect()
print(log)


class Bad:
    def __del__(self):
        raise ValueError("from __del__")


log.clear()
print("errors in __del__ do not propagate")
