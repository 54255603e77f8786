# Instances of classes over builtins (namedtuple, list/dict/int subclasses) pickle through
# object.__reduce_ex__ at every protocol, as in CPython.
import pickle, collections
TestNT = collections.namedtuple('TestNT', 'x y z')
p = TestNT(1,2,3)
for proto in range(-1, 6):
    try:
        print(proto, pickle.loads(pickle.dumps(p, proto)))
    except Exception as e:
        print(proto, type(e).__name__, e)
class L(list):
    pass
l = L([1, 2]); l.attr = 5
q = pickle.loads(pickle.dumps(l, 2))
print(type(q).__name__, q, q.attr)
class D(dict):
    pass
print(pickle.loads(pickle.dumps(D(a=1), 4)))
class I(int):
    pass
print(pickle.loads(pickle.dumps(I(7), 3)), type(pickle.loads(pickle.dumps(I(7), 0))).__name__)
import sys
try:
    class F(type(sys.flags)): pass
except TypeError as e:
    print("TypeError")
