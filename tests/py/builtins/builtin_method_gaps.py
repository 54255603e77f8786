# Builtin methods and attributes that dir_compare's gap list used to name (issue 14): each is
# exercised here for what it does, not only for being there.
import array
import itertools
import operator
import os
import types
import warnings

# __length_hint__ of the builtin iterators: what is left, 0 when exhausted.
def hints(it, steps=1):
    out = [operator.length_hint(it)]
    for _ in range(steps):
        next(it, None)
        out.append(it.__length_hint__())
    return out

print("list", hints(iter([1, 2, 3]), 4), "reversed list", hints(reversed([1, 2, 3]), 4))
print("tuple", hints(iter((1, 2)), 3), "range", hints(iter(range(5)), 2))
print("str", hints(iter("abc"), 2), "non-ascii", hints(iter("é中😀x"), 3))
print("bytes", hints(iter(b"ab"), 3), "bytearray", hints(iter(bytearray(b"xyz")), 1))
d = {1: 2, 3: 4, 5: 6}
print("dict", hints(iter(d), 1), hints(iter(d.values()), 2), hints(iter(d.items()), 4))
lst = [1, 2, 3, 4]
it = iter(lst)
next(it)
lst.clear()
print("list shrank", it.__length_hint__())
it = iter(d)
d[7] = 8
print("dict grew", it.__length_hint__())


class Seq:
    def __getitem__(self, i):
        if i < 3:
            return i
        raise IndexError


class SizedSeq(Seq):
    def __len__(self):
        return 3


print("getitem iterator", iter(Seq()).__length_hint__(), hints(iter(SizedSeq()), 2))

# memoryview's own iterator reads the buffer as it goes.
buf = bytearray(b"abc")
mit = iter(memoryview(buf))
print(type(mit).__name__, next(mit), end=" ")
buf[1] = 0x7A
print(list(mit))

# dict views: isdisjoint, mapping; `in` on values works by iteration (no __contains__ of its own).
d = {"a": 1, "b": 2}
print(d.keys().isdisjoint({"c"}), d.keys().isdisjoint(["b", "x"]), d.keys().isdisjoint(d.keys()))
print(d.items().isdisjoint({("a", 1)}), d.items().isdisjoint([("a", 2)]), {}.keys().isdisjoint({}.keys()))
print(d.keys().isdisjoint(range(3)), d.keys().isdisjoint(iter("xyz")))
try:
    d.keys().isdisjoint(5)
except TypeError as e:
    print("TypeError:", e)
m = d.values().mapping
print(type(m).__name__, m, m["a"], d.items().mapping == d)
print(2 in d.values(), 3 in d.values(), "__contains__" in dir(type(d.values())))

# staticmethod/classmethod: __wrapped__ and a __dict__ holding the wrapped function's attributes.
def f(x: int) -> str:
    "f's doc"


sm, cm = staticmethod(f), classmethod(f)
print(sm.__wrapped__ is f, cm.__wrapped__ is f, sm.__doc__, cm.__name__, cm.__qualname__)
print(sorted(sm.__dict__), sm.__annotations__)
cm.extra = 1
class Callable:
    "Callable's doc"

    def __call__(self):
        pass


print(cm.__dict__["extra"], sorted(classmethod(len).__dict__), staticmethod(Callable()).__dict__)

# type.__annotations__: the class's own, made on first read; builtin types have none.
class A:
    x: int


class B(A):
    pass


print(A.__annotations__, B.__annotations__, "__annotations__" in B.__dict__)
B.__annotations__ = {"y": str}
print(B.__annotations__, A.__annotations__)
del B.__annotations__
try:
    del B.__annotations__
except AttributeError as e:
    print("AttributeError:", e)
for target in (int, type):
    try:
        target.__annotations__
    except AttributeError as e:
        print("AttributeError:", e)
try:
    int.__annotations__ = {}
except TypeError as e:
    print("TypeError:", e)

# module.__annotations__: the namespace's entry, created on first read.
mod = types.ModuleType("m")
print("__annotations__" in mod.__dict__, mod.__annotations__, "__annotations__" in mod.__dict__)
mod.__annotations__["z"] = float
print(mod.__dict__["__annotations__"])

# bool(NotImplemented) is True, with a DeprecationWarning.
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    print(bool(NotImplemented), not NotImplemented)
print([(w.category.__name__, str(w.message)) for w in caught])
with warnings.catch_warnings():
    warnings.simplefilter("error")
    try:
        bool(NotImplemented)
    except DeprecationWarning as e:
        print("DeprecationWarning:", e)

# __index__ returning an int subclass: DeprecationWarning, and an exact int comes back.
class BadIndex:
    def __index__(self):
        return True


with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    n = range(BadIndex()).stop
    print(n, type(n).__name__, int(BadIndex()), [1, 2, 3][BadIndex()])
print(len(caught), str(caught[0].message))

# bytearray.__alloc__: the allocation (data plus its NUL), 0 with no buffer.
ba = bytearray(b"abc")
print(bytearray().__alloc__(), ba.__alloc__() >= len(ba) + 1)

# __class_getitem__ (PEP 585) of the builtin generic types that lacked it.
print(enumerate[int], itertools.chain[str], types.MappingProxyType[str, int])
print(os.DirEntry[bytes], types.AsyncGeneratorType[int, None])

# __module__ in the dict of the types an extension module creates, not of static types.
for t in (array.array, os.stat_result, os.DirEntry, int, type(iter([]))):
    print(t.__name__, t.__module__, "__module__" in t.__dict__)

# frozenset subclasses whose __init__ takes keywords accept them; frozenset itself does not.
class Tagged(frozenset):
    def __init__(self, items, tag=None):
        self.tag = tag


t = Tagged([3, 1], tag="x")
print(sorted(t), t.tag, type(t).__name__)


class TaggedNew(frozenset):
    def __new__(cls, items, tag=None):
        self = super().__new__(cls, items)
        self.tag = tag
        return self


t = TaggedNew([5, 4], tag="y")
print(sorted(t), t.tag, type(t).__name__)
for bad in (lambda: frozenset(iterable=[1]), lambda: type("F", (frozenset,), {})(sequence=())):
    try:
        bad()
    except TypeError as e:
        print("TypeError:", e)

# Keys move between dicts and sets with their stored hashes: __hash__ runs once per key.
class Counted(int):
    calls = 0

    def __hash__(self):
        Counted.calls += 1
        return int.__hash__(self)


keys = dict.fromkeys(map(Counted, range(8)))
s = set(keys)
fs = frozenset(keys)
s.difference(keys)
fs.difference(keys)
s.symmetric_difference_update(keys)
dict.fromkeys(set(keys))
dict.fromkeys(frozenset(keys), 0)
print("hash calls", Counted.calls)
print(dict.fromkeys(frozenset(keys), 0) == dict.fromkeys(keys, 0), s)
