# match: mapping patterns, **rest, keys that are literals or dotted names, get() semantics.
import collections
import collections.abc


class K:
    key = "k"


def m(x):
    match x:
        case {}:
            return "any mapping"


def kind(x):
    match x:
        case {"type": "point", "x": px, "y": py}:
            return f"point {px},{py}"
        case {"type": "circle", **rest}:
            return f"circle rest={rest}"
        case {K.key: v}:
            return f"dotted key {v}"
        case {1: one, -2: minus_two, 1.5: f, None: n, False: t}:
            return f"numbers {one} {minus_two} {f} {n} {t}"
        case {}:
            return "other mapping"
        case _:
            return "not a mapping"


for v in [{"type": "point", "x": 1, "y": 2, "extra": 0}, {"type": "circle", "r": 3, "c": (0, 0)},
          {"k": 9}, {1: "a", -2: "b", 1.5: "c", None: "d", False: "e"}, {}, {"type": "point"},
          [("type", "point")], "type", collections.OrderedDict(k=1)]:
    print(m(v), "|", kind(v))

# A defaultdict is not changed by looking keys up (get() is used, not []).
d = collections.defaultdict(list, {"a": 1})
match d:
    case {"b": _}:
        print("b?")
    case {"a": a}:
        print("a =", a, "keys", sorted(d))

# **rest gets a new dict without the matched keys.
src = {"a": 1, "b": 2, "c": 3}
match src:
    case {"a": 1, **others}:
        print(others, others is src, src)
match {}:
    case {**empty}:
        print("empty rest", empty)

# Duplicate dotted keys are a runtime ValueError.
class Dup:
    a = "x"
    b = "x"


try:
    match {"x": 1, "y": 2}:
        case {Dup.a: 1, Dup.b: 2}:
            pass
except ValueError as e:
    print("ValueError:", e)

# Mapping subclasses and collections.abc.Mapping subclasses are mappings.
class MyMap(collections.abc.Mapping):
    def __init__(self, d):
        self.d = d

    def __getitem__(self, k):
        return self.d[k]

    def __iter__(self):
        return iter(self.d)

    def __len__(self):
        return len(self.d)


match MyMap({"q": 5}):
    case {"q": q, **rest}:
        print("MyMap q =", q, "rest", rest)
