# type.__flags__ (CPython's Py_TPFLAGS_* bits for what minipy models), __basicsize__ and
# __itemsize__: inspect.isabstract, copyreg and test.support read them.
import abc
import copyreg
import inspect

MASK = (1 << 5 | 1 << 6 | 1 << 8 | 1 << 9 | 1 << 10 | 1 << 12 | 1 << 20 | 1 << 22 |
        0xFF << 24)


class C:
    pass


class D(list):
    pass


class E(ValueError):
    pass


class Meta(type):
    pass


class A(abc.ABC):
    @abc.abstractmethod
    def f(self):
        pass


class B(A):
    def f(self):
        return 1


for t in (object, int, bool, list, tuple, dict, str, bytes, type, BaseException, ValueError,
          float, C, D, E, Meta, A, B, type(None), range):
    fl = t.__flags__
    print(t.__name__, [i for i in range(32) if (fl & MASK) >> i & 1])

print(inspect.isabstract(A), inspect.isabstract(B), inspect.isabstract(C))
A.__abstractmethods__ = frozenset()
print(inspect.isabstract(A))


class P:
    __slots__ = ('a',)


class Q(P):
    __slots__ = ()


print(P.__basicsize__ == Q.__basicsize__)
print(object.__itemsize__, list.__itemsize__, bytes.__itemsize__, C.__itemsize__)
print(tuple.__itemsize__ > 0, type('T', (tuple,), {}).__itemsize__ == tuple.__itemsize__)
print(int.__itemsize__ > 0, bool.__itemsize__ == int.__itemsize__)
print(type(int.__flags__), type(C.__basicsize__))
# copyreg's fallback reducer walks up to the first base that is not a heap type
print(copyreg._reduce_ex(D([1, 2]), 1)[1][:2])
