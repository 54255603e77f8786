# deque's searches (remove, index, count, `in`) compare items one by one and stop when a
# comparison changed the deque, with CPython 3.11's exceptions and messages; a comparison that
# removes the very item being compared cannot free it under the search.
from collections import deque

d = deque([1, 2, 3])


class Grows:
    def __eq__(self, other):
        d.append(9)
        return False


for name, f in [
    ("remove", lambda: d.remove(Grows())),
    ("index", lambda: d.index(Grows())),
    ("count", lambda: d.count(Grows())),
    ("in", lambda: Grows() in d),
]:
    try:
        f()
        print(name, "no error")
    except Exception as e:
        print(name, type(e).__name__, e)
print(len(d))


class Drains:
    def __eq__(self, other):
        d.clear()
        return other == "x"


d = deque(["x" * 3, "y" * 3])
for name, f in [("remove", lambda: d.remove(Drains())), ("count", lambda: d.count(Drains()))]:
    d.extend(["a" * 2, "b" * 2])
    try:
        f()
        print(name, "no error")
    except Exception as e:
        print(name, type(e).__name__, e)
    print(list(d))

d = deque([1, 2, 3, 2])
print(d.index(2), d.index(2, 2), d.index(2, -1), d.count(2), 3 in d, 7 in d)
d.remove(2)
print(d)
try:
    d.index(7)
except ValueError as e:
    print(e)
try:
    d.remove(7)
except ValueError as e:
    print(e)
