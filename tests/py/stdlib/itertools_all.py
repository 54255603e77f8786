# itertools over minipy's native module: every iterator, its edge cases and error messages.
from itertools import *
import itertools
import operator

def show(name, it, n=30):
    print(name, list(islice(it, n)))

show("count", count())
show("count2", count(10, 3), 5)
show("countf", count(1.5, 0.5), 4)
print(repr(count()), repr(count(5)), repr(count(5, 2)), repr(count(1.0, 1)))
show("cycle", cycle("abc"), 7)
show("cycle-empty", cycle([]))
show("repeat", repeat("x", 3))
show("repeat-inf", repeat(1), 4)
print(repr(repeat("a")), repr(repeat("a", 2)), repeat(0, -5).__length_hint__(), list(repeat(0, -5)))
show("accumulate", accumulate([1, 2, 3, 4]))
show("accumulate-mul", accumulate([1, 2, 3, 4], operator.mul))
show("accumulate-init", accumulate([1, 2], initial=100))
show("accumulate-empty-init", accumulate([], initial=5))
show("chain", chain("ab", [1, 2], (), range(2)))
show("from_iterable", chain.from_iterable(["xy", "z"]))
show("compress", compress("ABCDEF", [1, 0, 1, 0, 1, 1]))
show("dropwhile", dropwhile(lambda x: x < 5, [1, 4, 6, 4, 1]))
show("takewhile", takewhile(lambda x: x < 5, [1, 4, 6, 4, 1]))
show("filterfalse", filterfalse(lambda x: x % 2, range(10)))
show("filterfalse-none", filterfalse(None, [0, 1, "", "a", None]))
show("starmap", starmap(pow, [(2, 5), (3, 2), [10, 3]]))
print([(k, list(g)) for k, g in groupby("AAAABBBCCDAABBB")])
print([(k, list(g)) for k, g in groupby([1, 2, 3, 4, 5, 6], key=lambda x: x // 3)])
groups = groupby("aabb")
k1, g1 = next(groups)
k2, g2 = next(groups)
print(k1, list(g1), k2, list(g2))
show("islice", islice("ABCDEFG", 2))
show("islice2", islice("ABCDEFG", 2, 4))
show("islice3", islice("ABCDEFG", 2, None))
show("islice4", islice("ABCDEFG", 0, None, 2))
show("islice5", islice(count(), 1, 20, 7))
it = iter(range(10))
print(list(islice(it, 3)), next(it))
show("pairwise", pairwise("ABCDEFG"))
show("pairwise1", pairwise("A"))
a, b = tee(range(5))
print(list(a), list(b))
a, b, c = tee(iter("hello"), 3)
print(next(a), list(b), list(a), list(c))
x, = tee([1, 2], 1)
y = x.__copy__()
print(list(x), list(y), tee([], 0))
t1, t2 = tee(range(200))
print(sum(t1), sum(t2))
show("zip_longest", zip_longest("ABCD", "xy", fillvalue="-"))
show("zip_longest2", zip_longest([1], [], [3, 4]))
show("zip_longest0", zip_longest())
show("product", product("AB", "xy"))
show("product-rep", product(range(2), repeat=3))
show("product-empty", product())
show("product-emptypool", product("ab", []))
show("permutations", permutations("ABC", 2))
show("permutations-full", permutations(range(3)))
show("permutations-r0", permutations("ab", 0))
show("permutations-big", permutations("ab", 3))
show("combinations", combinations("ABCD", 2))
show("combinations-r0", combinations("AB", 0))
show("combinations-big", combinations("AB", 3))
show("cwr", combinations_with_replacement("ABC", 2))
show("cwr-empty", combinations_with_replacement("", 2))
print(len(list(permutations(range(6)))), len(list(combinations(range(10), 4))))

class MyChain(chain):
    pass
print(list(MyChain([1], [2])), type(MyChain()).__name__, isinstance(MyChain(), chain))
print(type(count()).__module__, type(count()).__name__, itertools.count.__name__)

for f in [lambda: count("a"), lambda: islice([], -1), lambda: islice([], 0, 1, 0),
          lambda: islice([], "x"), lambda: islice([], 1, "x"), lambda: repeat(),
          lambda: combinations("ab", -1), lambda: permutations("ab", -1), lambda: permutations("ab", "x"),
          lambda: product("ab", repeat=-1), lambda: tee([], -1), lambda: chain(x=1),
          lambda: zip_longest([], foo=1), lambda: cycle(), lambda: accumulate(),
          lambda: list(chain([1], 2)), lambda: zip_longest(1), lambda: list(starmap(pow, [1])),
          lambda: repeat(1).__length_hint__()]:
    try:
        r = f()
        print("no error", r)
    except Exception as e:
        print(type(e).__name__, e)
