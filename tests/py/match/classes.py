# match: class patterns with __match_args__, keywords, builtin self-matching types, errors.
import collections
import collections.abc


class Point:
    __match_args__ = ("x", "y")

    def __init__(self, x, y):
        self.x = x
        self.y = y


class Line:
    __match_args__ = ("start", "end")

    def __init__(self, start, end):
        self.start = start
        self.end = end


def where(p):
    match p:
        case Point(0, 0):
            return "origin"
        case Point(0, y):
            return f"on y axis at {y}"
        case Point(x=0) | Point(y=0):
            return "on an axis"
        case Point(x, y=yy) if x == yy:
            return f"diagonal {x}"
        case Point():
            return "somewhere"
        case Line(Point(x1, y1), end=Point(x2, y2)):
            return f"line {x1},{y1} -> {x2},{y2}"
        case _:
            return "not a point"


for p in [Point(0, 0), Point(0, 5), Point(3, 0), Point(2, 2), Point(1, 2),
          Line(Point(1, 2), Point(3, 4)), 7]:
    print(where(p))
print(Line.__match_args__)

# Builtin types match themselves with one positional sub-pattern.
for v in [5, True, 2.5, "s", b"b", bytearray(b"ba"), [1], (1,), {1: 2}, {1}, frozenset({2})]:
    match v:
        case bool(x):
            print("bool", x)
        case int(x):
            print("int", x)
        case float(x):
            print("float", x)
        case str(x):
            print("str", x)
        case bytes(x):
            print("bytes", x)
        case bytearray(x):
            print("bytearray", x)
        case list(x):
            print("list", x)
        case tuple(x):
            print("tuple", x)
        case dict(x):
            print("dict", x)
        case set(x):
            print("set", x)
        case frozenset(x):
            print("frozenset", x)


class MyInt(int):
    pass


match MyInt(7):
    case int(v):
        print("subclass of int matches itself:", v, type(v).__name__)


class WithArgs(int):
    __match_args__ = ("real",)


match WithArgs(3):
    case WithArgs(r):
        print("own __match_args__:", r)

# Keyword sub-patterns read attributes; a missing one is just no match.
match 3:
    case int(real=3, imag=0):
        print("int attributes")
match Point(1, 2):
    case Point(z=1):
        print("no z")
    case Point(y=2):
        print("y is 2")


def show(exc):
    print(type(exc).__name__ + ":", exc)


# Runtime TypeErrors.
class Bad:
    __match_args__ = ["x"]


class NoArgs:
    pass


class TwoArgs:
    __match_args__ = ("a", "a")
    a = 1


class NotStr:
    __match_args__ = (1,)


not_a_type = len
for subject, label in [(Point(1, 2), "too many"), (Bad(), "list args"), (NoArgs(), "none"),
                       (5, "int two"), (TwoArgs(), "repeated"), (NotStr(), "not str"),
                       (1, "called")]:
    try:
        match subject:
            case Point(a, b, c):
                pass
            case Bad(x):
                pass
            case NoArgs(y):
                pass
            case int(a, b):
                pass
            case TwoArgs(p, q):
                pass
            case NotStr(z):
                pass
    except TypeError as e:
        show(e)
try:
    match 1:
        case not_a_type():
            pass
except TypeError as e:
    show(e)
try:
    match Point(1, 2):
        case Point(1, x=2):
            pass
except TypeError as e:
    show(e)

# isinstance honours __instancecheck__ on the metaclass.
class Meta(type):
    def __instancecheck__(cls, obj):
        return obj == "magic"


class Magic(metaclass=Meta):
    pass


match "magic":
    case Magic():
        print("metaclass instancecheck")

# Dotted class names.
match collections.OrderedDict(a=1):
    case collections.OrderedDict(a=x):
        print("hmm")
    case dict(d):
        print("OrderedDict as dict:", d)
