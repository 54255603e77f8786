f = frozenset([3, 1, 2])
g = frozenset([2, 3, 4])
print(sorted(f), len(f), 1 in f, sorted(f | g), sorted(f & g), type(f | g).__name__, type({1} | f).__name__)
print(f == {1, 2, 3}, hash(f) == hash(frozenset([1, 2, 3])), f.issubset({1, 2, 3, 4}))
d = {f: "frozen key"}
print(d[frozenset({1, 2, 3})])
try:
    f.add(4)
except AttributeError as e:
    print("AttributeError:", e)
print(frozenset(), frozenset() == set(), sorted(frozenset("hello")))
print(frozenset([1]), repr(frozenset([5])))
s = {frozenset([1, 2]), frozenset([2, 1])}
print(len(s))
