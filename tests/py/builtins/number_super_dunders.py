import math, sys
for x in (2.5, -2.5, 0.0, -0.0, 1e300):
    print(x.__floor__(), x.__ceil__(), x.__trunc__(), math.floor(x), x.__getnewargs__())
for bad in (float('inf'), float('nan')):
    for m in ('__floor__', '__ceil__', '__trunc__'):
        try: getattr(bad, m)()
        except (OverflowError, ValueError) as e: print(m, type(e).__name__, e)
print((7.5).__divmod__(2), (7.5).__rdivmod__(2), (7.5).__divmod__('x'), (-7).__divmod__(2), (7).__rdivmod__(30), (7).__divmod__(2.0), True.__divmod__(2))
try: (1.0).__divmod__(0)
except ZeroDivisionError as e: print(e)
class F(float): pass
print(divmod(F(7.5), 2), F(2.5).__floor__(), type(F(2.5).__getnewargs__()[0]))
class I(int):
    def __divmod__(self, o): return ('I', super().__divmod__(o))
print(divmod(I(7), 2))
class A:
    def f(self): return 'A.f'
class B(A):
    def f(self):
        s = super()
        return s.__thisclass__.__name__, s.__self__ is self, s.__self_class__.__name__, s.f()
print(B().f())
s = super(B)
print(s.__thisclass__, s.__self__, s.__self_class__)
print(s.__get__(B()).f(), s.__get__(None, B) is s)
class C(B):
    sup = super(B)
print(C().sup.f())
print(object.__sizeof__(object()) > 0, sys.getsizeof(None) > 0)
# __sizeof__: object's and the containers' (values are the implementation's; only their shape)
print(object.__sizeof__.__text_signature__, list.__sizeof__.__text_signature__)
print([].__sizeof__() < list(range(1000)).__sizeof__(), ''.__sizeof__() <= ('x' * 1000).__sizeof__())
print({}.__sizeof__() < dict.fromkeys(range(1000)).__sizeof__(), set().__sizeof__() < set(range(1000)).__sizeof__())
print((1).__sizeof__() <= (10 ** 100).__sizeof__(), b''.__sizeof__() <= (b'x' * 1000).__sizeof__())
print(sys.getsizeof(int) > 0, sys.getsizeof([]) >= [].__sizeof__())
class Neg:
    def __sizeof__(self): return -1
class Str:
    def __sizeof__(self): return 'x'
class Boom:
    def __sizeof__(self): raise KeyError('k')
for o in (Neg(), Str(), Boom()):
    try:
        sys.getsizeof(o)
    except Exception as e:
        print(type(e).__name__, e)
print(sys.getsizeof(Str(), 'default'))
try:
    sys.getsizeof(Boom(), 'default')
except KeyError as e:
    print('KeyError', e)
