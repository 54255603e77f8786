# Instances of tuple subclasses keep their __dict__ outside the tuple's own header (minipy keeps
# it in front of the object): attributes, __slots__, __class__ assignment, pickling-style
# access, cycles through the __dict__ collected, hashing without a cache.
import gc
import weakref
from collections import namedtuple


class T(tuple):
    pass


t = T((1, 2, 3))
t.name = 'x'
print(t, t.name, t.__dict__, len(t), t[1], hash(t) == hash((1, 2, 3)), t == (1, 2, 3))
t.__dict__ = {'a': 1}
print(t.__dict__, vars(t), getattr(t, 'name', None))
del t.a
print(t.__dict__)

# Every size, including those exact tuples reuse from free lists.
for n in range(0, 25):
    s = T(range(n))
    s.n = n
    assert s.n == n and len(s) == n and tuple(s) == tuple(range(n))
print('sizes ok')


class S(tuple):
    __slots__ = ()


s = S((1,))
try:
    s.x = 1
except AttributeError as e:
    print('AttributeError', e)
print(hasattr(s, '__dict__'))


class U(T):
    pass


u = U('ab')
u.v = 5
u.__class__ = T
print(type(u).__name__, u.v, u)

# A cycle through an instance's __dict__ is found and freed (tuple subclasses take no weak
# references, as on CPython).
class Node(tuple):
    def __del__(self):
        print('del', tuple(self), sorted(self.__dict__))


gc.collect()
n = Node((1, 2))
n.me = n
try:
    weakref.ref(n)
except TypeError as e:
    print('TypeError', e)
del n
print(gc.collect() >= 1)

# namedtuple instances (heap tuple subclass with __slots__ = ()).
P = namedtuple('P', 'x y')
p = P(3, 4)
print(p, p.x + p.y, p._replace(x=1), p._asdict(), hash(p) == hash((3, 4)))
try:
    p.z = 1
except AttributeError as e:
    print('AttributeError', e)

# Hashes are recomputed (no cache), so an equal tuple hashes the same whenever it is asked.
k = (1, 'a', (2.5, None))
d = {k: 'v'}
print(d[(1, 'a', (2.5, None))], hash(k) == hash((1, 'a', (2.5, None))), hash(k) == hash(k))
try:
    hash((1, []))
except TypeError as e:
    print('TypeError', e)
