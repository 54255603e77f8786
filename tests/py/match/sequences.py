# match: sequence patterns ([...], (...), open), star captures, nesting; what is a sequence.
import collections
import collections.abc


def seq(x):
    match x:
        case []:
            return "empty"
        case [a]:
            return f"one {a}"
        case [a, b]:
            return f"two {a} {b}"
        case [first, *middle, last] if len(middle) > 2:
            return f"long {first} {middle} {last}"
        case (a, b, *rest):
            return f"many {a} {b} {rest}"
        case _:
            return "not a sequence"


for v in [[], (), [1], (1,), [1, 2], range(2), [1, 2, 3], list(range(7)), "ab", b"ab", bytearray(b"ab"),
          {1: 2}, {1, 2}, 5, collections.deque([1, 2]), memoryview(b"xy")]:
    print(repr(v) if not isinstance(v, memoryview) else "memoryview", "->", seq(v))

# Star in the middle, at the front, wildcards.
match [1, 2, 3, 4, 5]:
    case [*head, 4, 5]:
        print("head", head)
match [1, 2, 3, 4, 5]:
    case [1, *_, x]:
        print("last", x)
match [1, 2, 3, 4, 5]:
    case [_, _, *_]:
        print("at least two")
match (1, 2):
    case [*all_items]:
        print("star binds a list:", all_items, type(all_items).__name__)

# Open sequence patterns and nesting.
match [(1, 2), [3, [4, 5]]]:
    case (a, b), [c, [d, e]]:
        print(a, b, c, d, e)
match 1, "x":
    case int(), str() as s:
        print("open sequence with class patterns, s =", s)

# Indexing for `*_` uses non-negative indices (computed from len()).
class Seq(collections.abc.Sequence):
    def __init__(self, items):
        self.items = items

    def __len__(self):
        return len(self.items)

    def __getitem__(self, i):
        print("getitem", i)
        return self.items[i]


match Seq([10, 20, 30, 40]):
    case [a, *_, b]:
        print("Seq", a, b)

# Strings, bytes and bytearrays are never sequences here, subclasses of list are.
class MyList(list):
    pass


match MyList([1, 2]):
    case [x, y]:
        print("MyList", x, y)
match "abc":
    case [*chars]:
        print("string as sequence?!")
    case str(s):
        print("str", s)

# Length mismatch and element mismatch fall through.
match [1, 2, 3]:
    case [1, 2]:
        print("no")
    case [1, 2, 4]:
        print("no")
    case [1, 2, x]:
        print("third", x)
match iter([1, 2]):
    case [a, b]:
        print("iterator?!")
    case _:
        print("an iterator is not a sequence")
