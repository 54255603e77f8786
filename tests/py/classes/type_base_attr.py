# C.__base__ is the base whose layout the class extends (CPython's tp_base / best_base), not
# the first base listed: class C(B, int) has int.
import collections, types, enum, io, abc
class B: pass
class C(B, int): pass
class D(B): pass
class E(OSError, ValueError): pass
class F(dict, B): pass
class M(type): pass
class S(str): pass
class Sl:
    __slots__ = ('a',)
class G(Sl, B): pass
class EN(enum.IntEnum):
    A = 1
for t in (C, D, E, F, M, S, G, EN, object, int, bool, type, dict, collections.OrderedDict, types.ModuleType, io.StringIO, abc.ABC, BaseException, KeyError, collections.defaultdict, enum.Enum, float, complex, bytes, list, tuple, set, frozenset, range, memoryview, property, staticmethod, type(None), types.FunctionType, types.SimpleNamespace, collections.Counter):
    print(t.__name__, t.__base__)
