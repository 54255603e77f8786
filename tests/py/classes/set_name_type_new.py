# type.__new__ itself calls __set_name__ and the parent's __init_subclass__ and fills the
# __class__ cell (not only the class statement): a metaclass's super().__new__(), type(...) and
# the functional Enum API rely on it; a failing __set_name__ is wrapped in RuntimeError (3.11).
from enum import Enum, IntEnum


class P:
    def __set_name__(self, owner, name):
        print("set_name", owner.__name__, name)


class Meta(type):
    def __new__(mcls, name, bases, ns, **kw):
        cls = super().__new__(mcls, name, bases, ns, **kw)
        print("after super().__new__:", sorted(k for k in vars(cls) if k.startswith('m')))
        return cls


X = Meta.__new__(Meta, 'X', (), {'mx': P()})
Y = Meta('Y', (), {'my': P()})
W = type('W', (), {'d': P()})


class Base:
    def __init_subclass__(cls, **kw):
        print("init_subclass", cls.__name__, kw, cls.hello())


class Child(Base, flag=1):
    @classmethod
    def hello(cls):
        return super().__name__ if False else "hi " + __class__.__name__


Dyn = type('Dyn', (Base,), {'hello': classmethod(lambda cls: 'dyn')}, color='red')

E = Enum('E', 'a b c')
print(len(E), list(E))
M = IntEnum('M', [('x', 5), ('y', 6)])
print(list(M), M.x + 1)


class Bad:
    def __set_name__(self, owner, name):
        raise ValueError("no")


try:
    class Holder:
        attr = Bad()
except RuntimeError as e:
    print(type(e).__name__, e, "| cause:", repr(e.__cause__))

try:
    class NoKw(x=1):
        pass
except TypeError as e:
    print(e)
