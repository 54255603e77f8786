# isinstance() falls back to the object's __class__ when its type does not match (CPython's
# object_isinstance): proxies and `__class__ = str` in a class body; __class__ errors other than
# AttributeError propagate.
import weakref


class C:
    pass


class D(C):
    pass


class Proxy:
    def __init__(self, obj):
        self.__obj = obj

    def __getattribute__(self, name):
        if name.startswith("_Proxy__"):
            return object.__getattribute__(self, name)
        return getattr(self.__obj, name)


print(isinstance(Proxy(C()), C), isinstance(Proxy(D()), C), isinstance(Proxy(C()), D))
print(isinstance(Proxy(D()), (int, D)), isinstance(Proxy(3), int))


class FakeStr:
    __class__ = str


print(isinstance(FakeStr(), str), isinstance(FakeStr(), FakeStr), isinstance(FakeStr(), int))
try:
    str.split(FakeStr())
except TypeError as e:
    print("TypeError", e)


class NotAType:
    __class__ = 42


print(isinstance(NotAType(), int))


class Raises:
    @property
    def __class__(self):
        raise ValueError("no class")


try:
    isinstance(Raises(), int)
except ValueError as e:
    print("ValueError", e)


class Missing:
    @property
    def __class__(self):
        raise AttributeError("none")


print(isinstance(Missing(), int), isinstance(Missing(), Missing))
c = C()
p = weakref.proxy(c)
print(isinstance(p, C), type(p) is C)
print(isinstance(3, str), isinstance(C, type), isinstance(C(), type))
