# types.SimpleNamespace (and sys.implementation, which is one).
import copy
import pickle
import sys
import types

n = types.SimpleNamespace(b=1, a=2)
n.c = n
print(n)
print(types.SimpleNamespace.__name__, types.SimpleNamespace.__module__, types.SimpleNamespace.__qualname__)
class S(types.SimpleNamespace):
    pass
print(S(x=1), S(x=1) == types.SimpleNamespace(x=1), S(x=1) != S(x=2))
print(n.__reduce__()[0], n.__reduce__()[1])
for bad in [lambda: types.SimpleNamespace(1), lambda: types.SimpleNamespace(**{1: 2}), lambda: hash(n)]:
    try:
        bad()
    except TypeError as e:
        print(e)
n2 = types.SimpleNamespace()
n2.__dict__['3'] = 4
print(n2, vars(n2))
del n2.__dict__['3']
print(n2, vars(n2) == {})
print(type(sys.implementation) is types.SimpleNamespace)
print(copy.copy(S(y=2)), pickle.loads(pickle.dumps(types.SimpleNamespace(z=3))))
print(copy.deepcopy(types.SimpleNamespace(l=[1])))
