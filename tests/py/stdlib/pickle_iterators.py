# Pickling the builtin and itertools iterators (__reduce__/__setstate__, CPython 3.11's shapes):
# a copy continues where the original was, part-consumed or exhausted, with every protocol; the
# __reduce__ values themselves; __setstate__'s clamping and its errors.
import copy
import itertools as it
import pickle


def roundtrip(obj, proto=pickle.HIGHEST_PROTOCOL):
    return pickle.loads(pickle.dumps(obj, proto))


def take(n, iterator):
    return list(it.islice(iterator, n))


def check(name, make, consume=1, n=8, same_type=True):
    for proto in range(pickle.HIGHEST_PROTOCOL + 1):
        a = make()
        for _ in range(consume):
            next(a, None)
        b = roundtrip(a, proto)
        assert type(a) is type(b) or not same_type, (name, type(a), type(b))
        assert take(n, a) == take(n, b), name
    print(name, take(n, roundtrip(next_skipped(make(), consume))))


def next_skipped(iterator, k):
    for _ in range(k):
        next(iterator, None)
    return iterator


check("list", lambda: iter([1, 2, 3]))
check("list exhausted", lambda: iter([1, 2]), consume=3)
check("list_reverse", lambda: reversed([1, 2, 3]))
check("tuple", lambda: iter((1, 2, 3)))
check("str", lambda: iter("héllo"), consume=2)
check("bytes", lambda: iter(b"abc"))
check("bytearray", lambda: iter(bytearray(b"abc")))
check("range", lambda: iter(range(0, 20, 3)), consume=2)
check("range reversed", lambda: reversed(range(10)), consume=3)
check("longrange", lambda: iter(range(2**70, 2**70 + 10, 3)))
check("dict keys", lambda: iter({1: 2, 3: 4, 5: 6}), same_type=False)
check("dict values", lambda: iter({1: 2, 3: 4}.values()), same_type=False)
check("dict items", lambda: iter({1: 2, 3: 4}.items()), same_type=False)
check("set", lambda: iter({7}), consume=0, same_type=False)
check("enumerate", lambda: enumerate("abc", 10))
check("zip", lambda: zip("abc", range(5)))
check("map", lambda: map(pow, [2, 3, 4], [2, 2, 2]))
check("filter", lambda: filter(None, [0, 1, 0, 2, 3]))


class Seq:
    def __len__(self):
        return 4

    def __getitem__(self, i):
        if i >= 4:
            raise IndexError
        return i * 10


check("reversed", lambda: reversed(Seq()))
check("seq iterator", lambda: iter(Seq()))
class Counter:
    def __init__(self):
        self.n = 0

    def __call__(self):
        self.n += 1
        return self.n


check("callable_iterator", lambda: iter(Counter(), 5), consume=1, same_type=False)

# Exact __reduce__ values, as CPython gives them.
i = iter([1, 2, 3])
next(i)
print(i.__reduce__())
for _ in i:
    pass
print(i.__reduce__())
r = iter(range(0, 10, 2))
next(r)
print(r.__reduce__())
print(reversed(range(5)).__reduce__())
print(iter(range(2**65, 2**65 + 4)).__reduce__())
print(range(1, 9, 2).__reduce__(), slice(1, None, 2).__reduce__())
s = iter("héllo")
next(s), next(s)
print(s.__reduce__(), s.__length_hint__())
print(iter(b"ab").__reduce__(), iter({}).__reduce__())
z = zip("ab", "cd", strict=True)
print(z.__reduce__()[2], list(roundtrip(z)))
print(it.count(5).__reduce__(), it.count(5, 2).__reduce__(), it.count(1.5).__reduce__())
print(it.repeat("x", 3).__reduce__(), it.repeat("x").__reduce__())

# __setstate__ clamps the index to the sequence; a non-int is a TypeError.
i = iter([1, 2, 3])
i.__setstate__(-5)
print(list(i))
i = iter([1, 2, 3])
i.__setstate__(99)
print(list(i))
r = iter(range(10))
r.__setstate__(7)
print(list(r))
for bad in ("x", 2.0):
    try:
        iter([1]).__setstate__(bad)
    except TypeError as e:
        print("TypeError", e)
try:
    iter([1]).__setstate__(10**30)
except OverflowError as e:
    print("OverflowError", e)

# itertools, part-consumed.
check("count", lambda: it.count(3, 2), n=5)
check("cycle", lambda: it.cycle("abc"), consume=4, n=7)
check("repeat", lambda: it.repeat(7, 4))
check("accumulate", lambda: it.accumulate(range(6)))
check("accumulate initial", lambda: it.accumulate([1, 2, 3], initial=100), consume=0)
check("chain", lambda: it.chain("ab", "cd"), consume=1)
check("chain from_iterable", lambda: it.chain.from_iterable(["ab", "cd"]), consume=3)
check("compress", lambda: it.compress("abcdef", [1, 0, 1, 1, 0, 1]))
def small(x):
    return x < 3


check("dropwhile", lambda: it.dropwhile(small, range(8)))
check("takewhile", lambda: it.takewhile(small, range(8)))
check("filterfalse", lambda: it.filterfalse(None, [0, 1, 0, 2]), consume=0)
check("starmap", lambda: it.starmap(pow, [(2, 3), (3, 2), (4, 1)]))
check("islice", lambda: it.islice(range(20), 2, 15, 3))
check("zip_longest", lambda: it.zip_longest("ab", "wxyz", fillvalue="-"))
check("product", lambda: it.product("ab", range(3)), consume=2)
check("combinations", lambda: it.combinations(range(5), 3), consume=3)
check("cwr", lambda: it.combinations_with_replacement("abc", 2), consume=2)
check("permutations", lambda: it.permutations(range(4), 2), consume=5)
check("tee", lambda: it.tee(range(6))[0], consume=2)

g = it.groupby("aabbbc")
k, grp = next(g)
g2 = roundtrip(g)
print([(k, list(v)) for k, v in g2])
print(copy.deepcopy(it.cycle("xy")).__next__())

# __setstate__ checks of the itertools types.
for bad in ((), [], 0, ([],), (iter([]), [])):
    try:
        it.chain().__setstate__(bad)
    except TypeError as e:
        print("chain TypeError", e)
c = it.cycle("defg")
c.__setstate__((list("abcdefg"), 1))
print(take(12, c))
for bad in ([list("ab"), 0], (tuple("ab"), 0), (list("ab"), "x")):
    try:
        it.cycle("x").__setstate__(bad)
    except TypeError as e:
        print("cycle TypeError", type(e).__name__)
try:
    it.product("ab").__setstate__((0, 0))
except ValueError as e:
    print("product ValueError", e)


# Subclasses of the builtins' iterator types pickle as themselves.
class MyEnum(enumerate):
    pass


e = MyEnum("xyz")
next(e)
e2 = roundtrip(e)
print(type(e2).__name__, list(e2))
