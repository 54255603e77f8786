# type.__subclasses__, instance layouts of multiple builtin bases, tuple subclass attributes.
class A: pass
class B(A): pass
class C(A): pass
class D(B, C): pass
print([k.__name__ for k in A.__subclasses__()], [k.__name__ for k in B.__subclasses__()], D.__subclasses__())
print(bool in int.__subclasses__(), object.__subclasshook__(int), A.__subclasshook__(B))
del C
import gc; gc.collect()
print([k.__name__ for k in A.__subclasses__()])
class E(LookupError, SystemError): pass
print(E.__mro__[1].__name__, issubclass(E, SystemError), isinstance(E("x"), LookupError))
class KV(KeyError, AttributeError): pass
try:
    class Bad(int, str): pass
except TypeError as e:
    print("TypeError", e)
try:
    class Bad2(OSError, KeyError): pass
    print("ok OSError+KeyError")
except TypeError as e:
    print("TypeError", e)
class T(tuple):
    pass
t = T((1, 2))
t.label = "pair"
print(t, t.label, vars(t), len(t), t[1])
class S(tuple):
    __slots__ = ()
try:
    S((1,)).x = 1
except AttributeError as e:
    print("AttributeError", e)
import abc, numbers
print(isinstance(1.0, numbers.Complex), isinstance(3, numbers.Rational), isinstance(1j, numbers.Real), issubclass(bool, numbers.Integral))
class MyABC(abc.ABC):
    @classmethod
    def __subclasshook__(cls, other):
        return hasattr(other, "quack") or NotImplemented
class Duck:
    quack = 1
print(isinstance(Duck(), MyABC), isinstance(1, MyABC), [k.__name__ for k in numbers.Number.__subclasses__()])
