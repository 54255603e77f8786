# _bisect: the C accelerator that bisect.py imports (CPython's test_bisect runs both versions).
import _bisect
import bisect

print(bisect.bisect_left is _bisect.bisect_left, bisect.insort is _bisect.insort_right)
print(sorted(n for n in dir(_bisect) if not n.startswith('__')))
a = [1, 2, 2, 2, 3, 5]
for x in (0, 2, 4, 6):
    print(x, _bisect.bisect_left(a, x), _bisect.bisect_right(a, x),
          _bisect.bisect_left(a, x, 2), _bisect.bisect_right(a, x, 0, 3),
          _bisect.bisect_right(a, x, hi=None), _bisect.bisect_left(a, x, lo=1, hi=-1))
keyed = [('a', 1), ('b', 3), ('c', 5)]
print(_bisect.bisect_left(keyed, 3, key=lambda p: p[1]), _bisect.bisect_right(keyed, 3, key=lambda p: p[1]))
_bisect.insort_left(keyed, ('x', 3), key=lambda p: p[1])
_bisect.insort_right(keyed, ('y', 3), key=lambda p: p[1])
print(keyed)
b = []
for v in (5, 1, 4, 1, 3):
    _bisect.insort(b, v) if hasattr(_bisect, 'insort') else _bisect.insort_right(b, v)
print(b)


class Seq:
    """Not a list: read by __getitem__/__len__, inserted into with .insert()."""
    def __init__(self, items):
        self.items = list(items)
    def __len__(self):
        return len(self.items)
    def __getitem__(self, i):
        return self.items[i]
    def insert(self, i, x):
        self.items.insert(i, x)


s = Seq([10, 20, 30])
_bisect.insort_left(s, 25)
print(s.items, _bisect.bisect_right(s, 20))
for args, kw in (((a, 1, -1), {}), ((a, 1, 'x'), {}), ((a,), {}), ((5, 1), {}), ((a, 1), {'k': 1}),
                 (([1, 2, 3], 1, 0, 10), {})):
    try:
        print(_bisect.bisect_right(*args, **kw))
    except (ValueError, TypeError, IndexError) as e:
        print(type(e).__name__, e)


class Shrink:
    """A comparison that empties the list: the next probe raises IndexError, never reads freed items."""
    def __init__(self, victim):
        self.victim = victim
    def __lt__(self, other):
        self.victim.clear()
        return False


victim = list(range(8))
try:
    _bisect.bisect_right(victim, Shrink(victim))
except IndexError as e:
    print('IndexError', e)
print(_bisect.bisect_right.__text_signature__)
print(_bisect.insort_left.__doc__.splitlines()[0])
