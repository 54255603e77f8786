# reversed objects pickle as CPython's: (reversed, (seq,), index) and __setstate__ clamps.
import pickle

r = reversed((1, 2, 3))
print(r.__reduce__()[1:])
next(r)
print(r.__reduce__()[1:])
for proto in range(pickle.HIGHEST_PROTOCOL + 1):
    r = reversed((1, 2, 3, 4))
    next(r)
    print(proto, list(pickle.loads(pickle.dumps(r, proto))))
r = reversed('abc')
r.__setstate__(10)
print(list(r))
r = reversed('abc')
r.__setstate__(-5)
print(list(r), r.__reduce__()[0] is reversed)
r = reversed((1, 2))
list(r)
print(r.__reduce__()[1:])
