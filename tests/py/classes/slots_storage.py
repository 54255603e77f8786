# __slots__ values: set, read, delete, inheritance (members keep their places in subclasses),
# classes with both slots and a __dict__, multiple inheritance, __class__ assignment, copying,
# pickling and cycles through slots.
import copy
import gc
import pickle
import weakref


class P:
    __slots__ = ("x", "y")

    def __init__(self, x, y):
        self.x = x
        self.y = y


p = P(1, 2)
print(p.x, p.y)
p.x += 10
print(p.x)
del p.y
try:
    p.y
except AttributeError as e:
    print("AttributeError:", e)
try:
    del p.y
except AttributeError as e:
    print("AttributeError:", e)
try:
    p.z = 1
except AttributeError as e:
    print("AttributeError:", e)
print(hasattr(p, "__dict__"))
e = P.__new__(P)
print(hasattr(e, "x"), getattr(e, "y", "unset"))


class P3(P):
    __slots__ = ("z",)


q = P3(3, 4)
q.z = 5
print(q.x, q.y, q.z)
P.x.__set__(q, 30)
print(P.x.__get__(q), P3.z.__get__(q))
try:
    P3.z.__get__(p)
except TypeError as e:
    print("TypeError:", e)


class WithDict(P):
    pass


w = WithDict(7, 8)
w.extra = 9
print(w.x, w.y, w.extra, 'extra' in w.__dict__)


class SlotsAndDict:
    __slots__ = ("a", "__dict__")


s = SlotsAndDict()
s.a = 1
s.b = 2
print(s.a, s.b, 'b' in s.__dict__)


class Empty:
    __slots__ = ()


class Mixed(Empty, P):
    __slots__ = ("m",)


m = Mixed(1, 2)
m.m = 3
print(m.x, m.y, m.m)


class Base:
    __slots__ = ("a",)


class L(Base):
    __slots__ = ()


class R(Base):
    __slots__ = ()


class D(L, R):
    __slots__ = ("d",)


d = D()
d.a, d.d = "a", "d"
print(d.a, d.d)


class Other:
    __slots__ = ("o",)


try:
    class Bad(P, Other):
        pass
except TypeError as e:
    print("TypeError:", e)


class Q:
    __slots__ = ("x", "y")


q2 = P(5, 6)
q2.__class__ = Q
print(type(q2).__name__, q2.x, q2.y)
try:
    q2.__class__ = P3
except TypeError as e:
    print("TypeError:", e)

c = copy.copy(P(1, [2]))
print(c.x, c.y)
dc = copy.deepcopy(P3(1, 2))
print(dc.x, dc.y, hasattr(dc, "z"))
r = pickle.loads(pickle.dumps(P(11, "b")))
print(type(r).__name__, r.x, r.y)


class Node:
    __slots__ = ("other", "__weakref__")


gc.collect()
a, b = Node(), Node()
a.other, b.other = b, a
ref = weakref.ref(a)
del a, b
print(gc.collect() >= 2, ref() is None)


class Lst(list):
    __slots__ = ("tag",)


t = Lst((1, 2))
t.tag = "t"
print(t, t.tag, len(t))
try:
    class Tup(tuple):
        __slots__ = ("tag",)
except TypeError as e:
    print("TypeError:", e)


class Many:
    __slots__ = tuple("s%d" % i for i in range(40))


o = Many()
for i in range(40):
    setattr(o, "s%d" % i, i * i)
print(sum(getattr(o, "s%d" % i) for i in range(40)))
