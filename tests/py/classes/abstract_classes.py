# __abstractmethods__ on a class makes it abstract: object.__new__ refuses to instantiate it
# with CPython's message. abc uses it (minipy has no _abc, so abc runs _py_abc's ABCMeta).
import abc
import _py_abc


class Base(abc.ABC):
    @abc.abstractmethod
    def run(self): ...
    @property
    @abc.abstractmethod
    def name(self): ...


for cls in (Base,):
    try:
        cls()
    except TypeError as e:
        print(e)
print(sorted(Base.__abstractmethods__), type(Base.__abstractmethods__).__name__)


class Half(Base):
    def run(self):
        return 'run'
try:
    Half()
except TypeError as e:
    print(e)


class Full(Half):
    name = 'full'
print(Full().run(), Full().name, Full.__abstractmethods__)


class PyMeta(metaclass=_py_abc.ABCMeta):
    @abc.abstractmethod
    def f(self): ...
    @classmethod
    @abc.abstractmethod
    def g(cls): ...
try:
    PyMeta()
except TypeError as e:
    print(e)


# A class with its own __new__ that calls object.__new__ is refused too.
class WithNew(abc.ABC):
    def __new__(cls):
        return super().__new__(cls)
    @abc.abstractmethod
    def f(self): ...
try:
    WithNew()
except TypeError as e:
    print(e)

# Setting, clearing and deleting the attribute by hand.
class Plain:
    pass
print(hasattr(Plain, '__abstractmethods__'))
Plain.__abstractmethods__ = frozenset({'x'})
try:
    Plain()
except TypeError as e:
    print(e)
Plain.__abstractmethods__ = ()
print(type(Plain()).__name__)
Plain.__abstractmethods__ = {'y'}
del Plain.__abstractmethods__
print(type(Plain()).__name__, hasattr(Plain, '__abstractmethods__'))
try:
    del Plain.__abstractmethods__
except AttributeError as e:
    print('AttributeError', e)
try:
    type.__abstractmethods__
except AttributeError as e:
    print('AttributeError', e)
try:
    int.__abstractmethods__ = frozenset()
except TypeError as e:
    print(e)

# __name__ and __qualname__ of a class can be set; a builtin's cannot.
Plain.__qualname__ = 'Outer.Plain'
Plain.__name__ = 'Renamed'
print(Plain.__qualname__, Plain.__name__, Plain)
for attr, value in (('__qualname__', 5), ('__name__', 5), ('__name__', 'a\0b')):
    try:
        setattr(Plain, attr, value)
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
for attr in ('__qualname__', '__name__'):
    try:
        setattr(int, attr, 'x')
    except TypeError as e:
        print(e)
    try:
        delattr(Plain, attr)
    except TypeError as e:
        print(e)

# types.MethodType binds any callable to an object.
import types
class Callable:
    def __call__(self, *args):
        return args
m = types.MethodType(Callable(), 42)
print(m(1, 2), m.__self__, types.MethodType(len, 'abc')())
for args in ((1, 2), (len, None), (len,)):
    try:
        types.MethodType(*args)
    except TypeError as e:
        print(e)

# Instances of float subclasses have a __dict__ (an Enum mixing in float sets _value_ on them).
import enum
class F(float):
    pass
f = F(1.5)
f.note = 'x'
print(f, f.note, f.__dict__, F(2) + 1)
class FE(float, enum.Enum):
    a = 1.5
    b = 2.0
print(FE.a, FE.a.value, FE.b + 1, repr(FE.b), FE(1.5) is FE.a)
