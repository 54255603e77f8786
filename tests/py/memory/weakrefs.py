# The _weakref module: ref (callbacks, sharing, hashing, equality, subclassing), proxies,
# getweakrefcount/getweakrefs, and which objects can be weakly referenced.
import _weakref
import gc


class A:
    def __init__(self, v):
        self.v = v

    def method(self):
        return self.v * 2

    def __repr__(self):
        return "A(%r)" % self.v


a = A(1)
r1 = _weakref.ref(a)
r2 = _weakref.ref(a)
print("shared basic ref:", r1 is r2)
r3 = _weakref.ref(a, lambda r: print("callback got dead ref:", r() is None))
print("with callback is new:", r3 is not r1)
print("count:", _weakref.getweakrefcount(a), "refs:", len(_weakref.getweakrefs(a)))
print("call:", r1() is a, r1.__callback__, r3.__callback__ is not None)
print("equal while alive:", r1 == r3, hash(r1) == hash(a))
h = hash(r1)
del a
print("dead:", r1(), "hash kept:", hash(r1) == h, "equal when dead:", r1 == r3, r1 == r1)
print("count of an object with none:", _weakref.getweakrefcount(A(2)))

b = A(3)
p = _weakref.proxy(b)
print("proxy attr:", p.v, p.method(), repr(p.method()))
p.v = 10
print("proxy setattr:", b.v)
print("proxy type:", type(p).__name__)
try:
    hash(p)
except TypeError:
    print("proxies are unhashable")
del b
try:
    p.v
except ReferenceError as e:
    print("ReferenceError:", e)

lst = A([1, 2, 3])
pl = _weakref.proxy(lst.v) if False else None


class L(list):
    pass


seq = L([3, 1, 2])
ps = _weakref.proxy(seq)
print("proxy len/getitem/contains/iter:", len(ps), ps[0], 2 in ps, list(ps), sorted(ps))
print("proxy ops:", ps + [9], ps == [3, 1, 2], bool(ps))


def func(x):
    return x + 1


pf = _weakref.proxy(func)
print("callable proxy:", pf(1), type(pf).__name__)

for obj in (1, "s", (1,), [1], {1: 2}, None, 2.5, b"b"):
    try:
        _weakref.ref(obj)
    except TypeError as e:
        print("TypeError:", e)
for obj in (func, A, {1}, frozenset({1}), len, A(0).method, gen := (x for x in ()), func.__code__):
    print("weakrefable:", type(obj).__name__, _weakref.ref(obj)() is obj)


class Slotted:
    __slots__ = ("x",)


class SlottedWeak:
    __slots__ = ("x", "__weakref__")


try:
    _weakref.ref(Slotted())
except TypeError as e:
    print("TypeError:", e)
sw = SlottedWeak()
print("slots with __weakref__:", _weakref.ref(sw)() is sw)


class KeyedRef(_weakref.ref):
    __slots__ = ("key",)

    def __new__(cls, ob, callback, key):
        self = _weakref.ref.__new__(cls, ob, callback)
        self.key = key
        return self

    def __init__(self, ob, callback, key):
        super().__init__(ob, callback)


c = A(5)
kr = KeyedRef(c, lambda r: print("keyed callback, key =", r.key), "k1")
print("subclass:", kr() is c, kr.key, isinstance(kr, _weakref.ref), _weakref.getweakrefcount(c))
del c

d = {}
v = A(6)
d["k"] = _weakref.ref(v)
_weakref._remove_dead_weakref(d, "k")
print("live entry kept:", list(d))
del v
_weakref._remove_dead_weakref(d, "k")
print("dead entry removed:", list(d))

# Weak references into a cycle are cleared when the cycle is collected, callbacks run once.
x = A(7)
x.me = x
wx = _weakref.ref(x, lambda r: print("cycle member gone"))
del x
gc.collect()
print("after collect:", wx())

# A weak reference that is itself garbage does not call its callback.
y = A(8)
y.wr = _weakref.ref(y, lambda r: print("never printed"))
del y
gc.collect()
print("done")
