a = {1, 2, 3, 4}
b = {3, 4, 5}
print(sorted(a | b), sorted(a & b), sorted(a - b), sorted(b - a), sorted(a ^ b))
print(a <= {1, 2, 3, 4, 5}, a < a, a <= a, {1} < a, a >= {2}, a > {9}, a == {4, 3, 2, 1})
print(a.isdisjoint({7, 8}), a.isdisjoint(b), a.issubset(range(10)), a.issuperset([1, 2]))
print(sorted(a.union([7], (8,))), sorted(a.intersection(b, {4})), sorted(a.difference(b)), sorted(a.symmetric_difference(b)))
c = set(a)
c |= {10}; c &= {1, 2, 10}; c -= {2}; c ^= {5}
print(sorted(c))
print(len(set()), set() == frozenset(), {1, 2} == {2, 1}, 3 in a, 9 not in a)
print(sorted({x % 5 for x in range(20)}), {1, 1, 1})
try:
    a | [1]
except TypeError as e:
    print("TypeError:", e)
print(set(), {0}, {-1, -2} == {-2, -1})
