# hash() of numbers, tuples, frozensets and None/bools as CPython 3.11 computes them:
# ints modulo 2**61 - 1, floats through their exact rational value, tuples by the xxHash-style
# combine, frozensets by the order-independent shuffle. sys.hash_info describes the parameters.
import sys

values = [0, 1, -1, -2, 2**61 - 2, 2**61 - 1, 2**61, -(2**61), 2**64 + 5, -(2**100) + 3, 10**30,
          1.5, -1.5, 0.1, 1e300, -1e-300, float("inf"), float("-inf"), 2.0, -0.0, 1e20, 2.0**70,
          True, False, (), (1,), (1, 2), (1, (2, 3)), ((),), (-1,), (-2,), ("",), (1.5, 2.5),
          frozenset(), frozenset({1, 2, 3}), frozenset({(1, 2), 1}), frozenset([frozenset([1]), frozenset([2, 3])]),
          frozenset(range(100))]
for v in values:
    print(repr(v), hash(v))
print(hash(None) == hash(None), hash("") == 0, hash(b"") == 0)
print(hash(1) == hash(1.0) == hash(True), hash(2**61 - 1) == hash(0), hash(0.5) == hash(2**60))
nan = float("nan")
print(hash(nan) == hash(nan), {nan: 1}[nan])
print(sys.hash_info)
print(sys.hash_info.modulus == 2**61 - 1, sys.hash_info.algorithm, sys.hash_info.width)


class K:
    pass


k = K()
print(hash(k) == hash(k), hash(k) == id(k) >> 4 or hash(k) != id(k) >> 4)
try:
    hash([])
except TypeError as e:
    print(e)
try:
    hash((1, [2]))
except TypeError as e:
    print(e)
try:
    hash({1})
except TypeError as e:
    print(e)
