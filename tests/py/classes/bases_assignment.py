# C.__bases__ = (...): the MROs of the class and its subclasses follow, typing.NamedTuple (which
# assigns it) works, and CPython's checks and messages for bad assignments.
class A:
    def f(self): return "A"
class B:
    def f(self): return "B"
class C(A):
    pass
class D(C):
    pass
print(D().f(), D.__mro__)
C.__bases__ = (B,)
print(D().f(), C.__mro__, D.__mro__, C.__bases__, A.__subclasses__(), B.__subclasses__())
C.__bases__ = (A, B)
print(D().f(), D.__mro__)
for bad in [[], (), (1,), (D,), (C,), (int,), (A, A)]:
    try:
        C.__bases__ = bad
    except TypeError as e:
        print(type(e).__name__, e)
try:
    int.__bases__ = (object,)
except TypeError as e:
    print(e)
try:
    del C.__bases__
except TypeError as e:
    print(e)
print(C.__mro__)
class L(list): pass
class L2(list): pass
class M(L): pass
M.__bases__ = (L2,)
print(M.__mro__, M([1, 2]))
try:
    M.__bases__ = (dict,)
except TypeError as e:
    print(e)
from typing import NamedTuple
class NT(NamedTuple):
    x: int
    y: str = "a"
print(NT(1), NT.__bases__, NT.__mro__)
