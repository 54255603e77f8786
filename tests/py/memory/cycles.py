# Reference cycles of every common kind are found and freed by gc.collect().
import gc
import _weakref

gc.collect()

l = []
l.append(l)
del l
print("list cycle:", gc.collect())

d = {}
d["self"] = d
del d
print("dict cycle:", gc.collect())

l1, l2 = [], []
l1.append(l2)
l2.append(l1)
del l1, l2
print("two lists:", gc.collect())


class Node:
    def __init__(self, name):
        self.name = name
        self.children = []
        self.parent = None


def tree(n):
    root = Node("root")
    for i in range(n):
        c = Node(i)
        c.parent = root
        root.children.append(c)
    return root


freed = []
root = tree(5)
ref = _weakref.ref(root, lambda r: freed.append("root"))
del root
print("tree before collect:", freed, ref() is not None)
print("tree found garbage:", gc.collect() > 0)
print("tree after collect:", freed, ref())


def make_closure():
    def inner():
        return inner
    return inner


f = make_closure()
fr = _weakref.ref(f)
del f
gc.collect()
print("self-referring closure freed:", fr() is None)


class Klass:
    pass


kr = _weakref.ref(Klass)
del Klass
gc.collect()
print("class freed:", kr() is None)

try:
    1 / 0
except ZeroDivisionError as e:
    saved = e
holder = Node("exc")
saved.holder = holder
holder.exc = saved
hr = _weakref.ref(holder)
del saved, holder
gc.collect()
print("exception cycle freed:", hr() is None)

# A reachable cycle survives any number of collections.
keep = []
keep.append(keep)
for _ in range(3):
    gc.collect()
print("reachable cycle kept:", keep[0] is keep)

# Cycles are also found without calling gc.collect(): the thresholds trigger collections.
alive = []
for i in range(20000):
    n = Node(i)
    n.me = n
    if i % 5000 == 0:
        alive.append(_weakref.ref(n))
    del n
print("automatic collection freed old cycles:", sum(r() is None for r in alive) >= 3)
