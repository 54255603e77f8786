# object's dunders are slot wrappers (types.WrapperDescriptorType), bound ones method-wrappers;
# object.__init__'s excess-argument rule; inspect.signature of plain classes; type(x) only for
# type itself; __prepare__ with class keywords and its error.
import inspect
import types

o = object()
for x in (object.__init__, object.__str__, object.__lt__, int.__lt__, object.__hash__):
    print(isinstance(x, types.WrapperDescriptorType), x)
for x in (o.__init__, o.__str__, o.__lt__, (42).__lt__):
    print(isinstance(x, types.MethodWrapperType), type(x).__name__, x.__name__, x.__qualname__,
          x.__self__ is o or x.__self__ == 42)
print(repr(o.__str__).startswith("<method-wrapper '__str__' of object object at 0x"))
sig = inspect.signature(object.__init__.__get__)
print(sig, sig.parameters["owner"].default)
print(inspect.signature(object.__init__), inspect.signature(int.__add__), inspect.signature(o.__eq__))
print(inspect.signature(int.__pow__), inspect.signature(list.__setitem__))
print(object.__new__ is object.__new__, object.__text_signature__, list.__text_signature__,
      int.__text_signature__)


class A:
    def __str__(self):
        return "A:" + super().__str__()[:3]

    def __eq__(self, other):
        return super().__eq__(other)

    def __hash__(self):
        return super().__hash__() * 0 + 7


a = A()
print(str(a), a == a, a == 1, hash(a), a != a, a != 1)
print(o.__eq__ == o.__eq__, o.__eq__ == o.__ne__, hash(o.__eq__) == hash(o.__eq__))
print(object.__eq__(1, 1), object.__lt__(1, 2), object.__ne__(1, 2), object.__str__(5))
print(object.__hash__(5) == object.__hash__(5), [].__len__.__self__, [].__ne__([]))
for bad in (lambda: object.__str__.__get__(1)(), lambda: int.__add__.__get__("x"),
            lambda: object.__init__()):
    try:
        bad()
    except TypeError as e:
        print("TypeError:", e)


class P:
    def __init__(self, x, y=2):
        pass


class Q:
    pass


print(inspect.signature(P), inspect.signature(Q), inspect.signature(list))


class B:
    def __init__(self, x):
        super().__init__()


class C:
    def __init__(self, x):
        super().__init__(x)


class D:
    def __new__(cls, *args):
        return super().__new__(cls)


B(1)
D(1, 2)
for make in (lambda: C(1), lambda: object(1), lambda: Q(1), lambda: Q().__init__(1),
             lambda: object.__init__(D(), 1)):
    try:
        make()
    except TypeError as e:
        print("TypeError:", e)


class M(type):
    pass


print(type(5), type("a", (), {}).__name__)
for args in [(5,), (1, 2), ("a", (), {}, 1)]:
    try:
        M(*args)
    except TypeError as e:
        print("TypeError:", e)
for args in [(1, 2), (1, 2, 3, 4), ("a", 1, {}), ("a", (), 1), (1, (), {})]:
    try:
        type(*args)
    except TypeError as e:
        print("TypeError:", e)
try:
    type(5, x=1)
except TypeError as e:
    print("TypeError:", e)


class Meta(type):
    @classmethod
    def __prepare__(mcls, name, bases, **kwds):
        print("prepare", name, sorted(kwds))
        return super().__prepare__(name, bases, **kwds)

    def __new__(mcls, name, bases, ns, **kwds):
        return super().__new__(mcls, name, bases, ns)

    def __init__(cls, name, bases, ns, **kwds):
        super().__init__(name, bases, ns)


class K(metaclass=Meta, z=2, a=1):
    pass


print(type(K).__name__, type.__prepare__("x", ()), type.__prepare__())
K2 = types.new_class("K2", (), {"metaclass": Meta, "z": 2})
print(type(K2).__name__)


class BadMeta(type):
    @classmethod
    def __prepare__(*args):
        return None


try:
    class Foo(metaclass=BadMeta):
        pass
except TypeError as e:
    print("TypeError:", e)


class BadMeta2:
    @classmethod
    def __prepare__(*args):
        return 42


try:
    class Bar(metaclass=BadMeta2()):
        pass
except TypeError as e:
    print("TypeError:", e)

# The wrappers return what the slot computed (hash and length included).
print(object.__hash__(o) == hash(o) == o.__hash__(), range.__len__(range(3)), len.__call__([1]))
print(frozenset.__hash__(frozenset()) == hash(frozenset()), dict.__len__({1: 2}))
