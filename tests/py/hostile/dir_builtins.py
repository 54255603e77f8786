# dir() lists only attributes getattr() can read: builtin instances have no __dict__ (issue 12).
for obj in ((), 1, "s", b"b", [], {}, set(), 1.5, None, object(), range(3), len):
    names = dir(obj)
    bad = [n for n in names if not hasattr(obj, n)]
    print(type(obj).__name__, "__dict__" in names, bad)


class A:
    pass


class S:
    __slots__ = ("x",)


class L(list):
    pass


class E(Exception):
    pass


def f():
    pass


for o in (A(), S(), L(), E(), f, ValueError()):
    print(type(o).__name__, "__dict__" in dir(o), hasattr(o, "__dict__"))
a = A()
a.x = 1
print(a.__dict__, vars(a))
a.__dict__ = {"y": 2}
print(a.y)
print("__dict__" in A.__dict__, "__dict__" in object.__dict__, "__dict__" in L.__dict__)
f.z = 3
print(f.__dict__)
e = E(1)
e.k = 2
print(e.__dict__)
