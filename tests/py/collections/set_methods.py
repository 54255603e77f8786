s = {1, 2}
s.add(3); s.add(1); print(sorted(s))
s.update([4, 5], {6}); print(sorted(s))
s.discard(99); s.discard(1); print(sorted(s))
s.remove(2); print(sorted(s))
try:
    s.remove(2)
except KeyError as e:
    print("KeyError:", e)
p = s.pop()
print(p in {3, 4, 5, 6}, len(s))
c = s.copy(); c.clear(); print(len(s), c)
s = {1, 2, 3, 4}
s.intersection_update({2, 3, 9}); print(sorted(s))
s.difference_update({3}); print(sorted(s))
s.symmetric_difference_update({2, 7}); print(sorted(s))
print({10, 20}.pop() in (10, 20))
empty = set()
try:
    empty.pop()
except KeyError as e:
    print("KeyError:", e)
nested = {(1, 2), (1, 2), frozenset([3])}
print(len(nested), (1, 2) in nested, frozenset({3}) in nested)
