# object.__reduce_ex__/__reduce__/__getstate__ and BaseException.__reduce__: the default
# reductions copy and pickle use (copyreg.__newobj__, slots state, list/dict items, newargs).
import copy, copyreg
class C:
    def __init__(self): self.a=[1]
c=copy.copy(C()); print(c.a, copy.deepcopy(C()).a)
class S:
    __slots__ = ('x', 'y')
s = S(); s.x = 1
print(s.__reduce_ex__(2)[2], copy.copy(s).x, hasattr(copy.copy(s), 'y'))
class L(list): pass
l = L([1,2]); l.k = 3
r = l.__reduce_ex__(2); print(r[0].__name__, r[1], r[2], list(r[3]), r[4])
class D(dict): pass
print(copy.deepcopy(D(a=[1])))
class N:
    def __getnewargs__(self): return (1, 2)
    def __new__(cls, *a): o = object.__new__(cls); o.a = a; return o
print(N().__reduce_ex__(2)[1][1:], copy.copy(N()).a)
class KW:
    def __getnewargs_ex__(self): return ((1,), {'k': 2})
    def __new__(cls, *a, **k): o = object.__new__(cls); o.ak = (a, k); return o
print(copy.copy(KW()).ak)
print(C().__reduce_ex__(1)[0].__name__, object().__reduce__()[0].__name__)
print(C().__getstate__(), object().__getstate__())
e = ValueError(1, 2); e.x = 5; print(e.__reduce__(), copy.copy(e).x)
print(KeyError('a').__reduce__())
class R:
    def __reduce__(self): return (R, ())
print(R().__reduce_ex__(4))
try:
    class B(int): pass
    print(copy.copy(B(5)))
except TypeError as ex: print(ex)
import types
class SN(types.SimpleNamespace): pass
print(copy.copy(SN(y=2)))
