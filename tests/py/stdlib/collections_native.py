# collections over the native _collections (deque, defaultdict, _count_elements) and itertools.
from collections import deque, defaultdict, Counter, OrderedDict, namedtuple, ChainMap
d = deque([1, 2, 3], maxlen=5)
d.append(4); d.appendleft(0); d.append(5)
print(d, len(d), d[0], d[-1], d.maxlen, 3 in d)
d.rotate(2); print(d)
d.rotate(-3); print(d)
print(d.pop(), d.popleft(), d, d.count(3), d.index(3))
d.extend("ab"); d.extendleft("xy"); print(d)
e = deque(range(5)); e.insert(2, "i"); e.remove("i"); e.reverse(); print(e, list(reversed(e)), e == deque([4,3,2,1,0]), e < deque([5]))
print(e + deque([9]), e * 2, deque("ab", 3) * 3)
e[0] = 40; del e[1]; print(e, e.copy(), bool(deque()), repr(deque()))
try:
    deque().pop()
except IndexError as x: print(x)
try:
    e.index(99)
except ValueError as x: print(x)
try:
    for i in e: e.append(1)
except RuntimeError as x: print(x)
dd = defaultdict(list)
dd["a"].append(1); dd["b"]
print(dd, dd.default_factory, dict(dd), isinstance(dd, dict), dd.copy())
print(defaultdict(int, a=1) | {"b": 2}, type(defaultdict(int) | {}).__name__)
try:
    defaultdict(None)["x"]
except KeyError as x: print("KeyError", x)
try:
    defaultdict(5)
except TypeError as x: print(x)
print(Counter("abracadabra").most_common(3), Counter(a=3) + Counter(a=1, b=2))
P = namedtuple("P", "x y")
p = P(1, 2); print(p, p.x, p._replace(y=5), p._asdict())
o = OrderedDict(a=1, b=2); o.move_to_end("a"); print(o, list(o))
print(ChainMap({"a": 1}, {"b": 2})["b"])
class D(deque): pass
print(D([1, 2]), D([1]).copy(), type(D().copy()).__name__)
print(deque[int])
