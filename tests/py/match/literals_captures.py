# match: literal, capture, wildcard, value (dotted) patterns, guards; soft keywords stay names.
import enum


class Color(enum.Enum):
    RED = 1
    GREEN = 2


class Consts:
    ANSWER = 42
    inner = None


Consts.inner = Consts


def classify(x):
    match x:
        case 0:
            return "zero"
        case -1:
            return "minus one"
        case 1.5:
            return "one and a half"
        case "hello" | "hi":
            return "greeting"
        case b"raw":
            return "bytes"
        case None:
            return "none"
        case True:
            return "true"
        case False:
            return "false"
        case Color.RED:
            return "red"
        case Consts.inner.ANSWER:
            return "the answer"
        case n if isinstance(n, int) and n > 100:
            return f"big {n}"
        case other:
            return f"other {other!r}"


for v in [0, -1, 1.5, "hello", "hi", b"raw", None, True, False, 1, 1.0, Color.RED, Color.GREEN,
          42, 500, 7, "x"]:
    print(repr(v), "->", classify(v))

# True matches by identity: 1 is not True.
match 1:
    case True:
        print("1 is True?")
    case _:
        print("1 is not True")

# Guards see the captured names; a failing guard goes on to the next case.
for point in [3, 4]:
    match point:
        case p if p % 2:
            print("odd", p)
        case p:
            print("even", p)
print("p after the loop:", p)

# Capture binds even when the guard then fails.
match 10:
    case q if q > 100:
        print("unreachable")
    case _:
        print("q bound anyway:", q)

# match and case are soft keywords: still ordinary names.
match = [1, 2]
case = {"a": 1}
print(match, case)
match[0] = 5
print(match)
match (match):
    case [5, 2]:
        print("matched a list named match")
_ = "underscore"
print(_)
match _:
    case _:
        print("wildcard doesn't bind:", _)


def match(case):
    return case * 2


print(match(21))
print([match for match in range(3)])

# The subject is evaluated once; no case matching leaves names unbound.
calls = []


def subject():
    calls.append(1)
    return 99


match subject():
    case 1:
        pass
    case 2:
        pass
print("calls:", len(calls))

# A walrus subject and a tuple subject.
match (n := 5):
    case 5:
        print("walrus", n)
match 1, 2:
    case (1, 2):
        print("tuple subject")
match *[1, 2], 3:
    case [1, 2, 3]:
        print("starred subject")
