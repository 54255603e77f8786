# Attribute loads, stores and method loads run through per-site caches keyed by the receiver's
# type and a class-change epoch: every change that CPython sees must be seen here too. Each
# check runs one code site in a loop so that the cache is warm before the change.


def load(o):
    return o.x


def call_m(o):
    return o.m()


def store(o, v):
    o.x = v


class A:
    x = "class-x"

    def m(self):
        return "A.m"


a = A()
print([load(a) for _ in range(3)])
a.x = "inst-x"                          # instance attribute now shadows the class one
print([load(a) for _ in range(3)])
del a.x
print(load(a))
A.x = "class-x2"                        # class attribute rebound
print(load(a))
del A.x
try:
    load(a)
except AttributeError as e:
    print("AttributeError:", e)

print([call_m(a) for _ in range(3)])
A.m = lambda self: "patched"            # method replaced on the class
print(call_m(a))
a.m = lambda: "instance attr"           # instance attribute shadows the method
print(call_m(a))
del a.m
print(call_m(a))


class B(A):
    pass


b = B()
print([call_m(b) for _ in range(3)])
A.m = lambda self: "base changed"       # change in a base class reaches the subclass
print(call_m(b))
B.m = staticmethod(lambda: "static")    # not a plain method any more
print(call_m(b))
B.m = classmethod(lambda cls: cls.__name__)
print(call_m(b))


# a property added after the site is warm; then removed
class P:
    pass


p = P()
p.x = 1
print([load(p) for _ in range(3)])
P.x = property(lambda self: "prop")
print(load(p), p.__dict__)
try:
    store(p, 5)
except AttributeError as e:
    print("AttributeError:", e)
P.x = property(lambda self: "prop", lambda self, v: self.__dict__.__setitem__("seen", v))
store(p, 7)
print(p.__dict__)
del P.x
print(load(p))


# __getattr__ / __getattribute__ / __setattr__ added later
class G:
    pass


g = G()
try:
    load(g)
except AttributeError as e:
    print("AttributeError:", e)
G.__getattr__ = lambda self, name: "getattr:" + name
print(load(g))
G.__getattribute__ = lambda self, name: "getattribute:" + name
print(load(g))
del G.__getattribute__
del G.__getattr__
log = []
store(g, 1)
G.__setattr__ = lambda self, name, v: log.append((name, v))
store(g, 2)
print(log, g.__dict__)
del G.__setattr__
store(g, 3)
print(g.__dict__)


# several types at one site, instances with different attribute orders
class C1:
    def __init__(self):
        self.x = 1
        self.y = 2


class C2:
    def __init__(self):
        self.y = 3
        self.x = 4


class C3:
    x = 5


objs = [C1(), C2(), C3(), C1(), C2()]
print([load(o) for o in objs * 2])
for o in objs:
    store(o, 10)
print([load(o) for o in objs], C3.x)
c = C1()
c.__dict__ = {"z": 0, "x": "new dict"}  # instance dict replaced
print(load(c))
store(c, "stored")
print(c.__dict__)

# __class__ assignment
c.__class__ = C3
print(load(c), type(c).__name__)
del c.x
print(load(c))


# __slots__ members and a data descriptor with only __set__
class S:
    __slots__ = ("x",)


s = S()
try:
    load(s)
except AttributeError as e:
    print("AttributeError:", e)
store(s, "slot")
print([load(s) for _ in range(3)])


class SetOnly:
    def __set__(self, obj, v):
        obj.__dict__["x"] = ("set", v)


class D:
    x = SetOnly()


d = D()
print(load(d) is D.__dict__["x"])
store(d, 1)
print(load(d))

# attribute of non-instances at a warm site
import math
class M: pass
mo = M(); mo.x = 1
print([load(o) for o in (mo, type("T", (), {"x": "type attr"}), mo)])
print(load(type("T2", (), {"x": 2})()))
try:
    load(3)
except AttributeError as e:
    print("AttributeError:", e)
