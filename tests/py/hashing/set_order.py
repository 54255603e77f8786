# Set iteration order is CPython's: the same table size, probing, resizing and merging, so a
# printed set of ints (or floats, tuples, bools) reads exactly as CPython prints it.
print({10, 3, 7, 1, 100, 33})
s = set()
for x in [10, 3, 7, 1, 100, 33]:
    s.add(x)
print(s)
print(set([10, 3, 7, 1, 100, 33]))
print({x for x in range(20, 0, -3)})
print({3, 11, 19, 27, 35, 43, 51}, set((3, 11, 19, 27, 35, 43, 51)), frozenset((3, 11, 19, 27, 35, 43, 51)))
print({-1, -2, 5, 2**40, 2**61, 2**61 - 1})
print(set({"a": 1, 3: 2, 9: 3, 17: 0}.values()), set({9: 1, 1: 2, 17: 3}))
print({(1, 2), (3, 4), (5, 6), (-1, 0)})
print({1.5, 2.5, 0.1, 100.0, -3.25})
print({True, 1, 1.0}, {1.0, True, 1}, {1, True}, {False, 0, None})
print(list(set(range(1000, 0, -7)))[:20])
print(set(), frozenset(), set([None]), {()})
c = set(range(100))
for i in range(0, 100, 3):
    c.discard(i)
print(c)
c.update(range(200, 260, 7))
print(c)
popped = []
while len(c) > 50:
    popped.append(c.pop())
print(popped)
print(c)
d = {8, 16, 24, 32}
d.remove(16)
d.add(40)
d.add(16)
print(d)


class S(set):
    pass


class F(frozenset):
    pass


print(S([5, 1, 9]), S([5, 1, 9]) | {2}, type(S([1]) | {2}).__name__, F([33, 1]), type(F([1]) & {1}).__name__)
g = {17, 1, 33, 49}
print(g.copy(), set(g), frozenset(g), sorted(g))
print(list(iter({5, 13, 21})), [x * 2 for x in {5, 13, 21}])
print(dict.fromkeys({9, 1, 17}), tuple({4, 12, 20}))
