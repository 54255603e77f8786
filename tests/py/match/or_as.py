# match: or-patterns (same names, any order), as-patterns, nested captures.
def f(x):
    match x:
        case [a, b] | (b, a, 0):
            return f"a={a} b={b}"
        case {"k": v} | [_, _, _, v]:
            return f"v={v}"
        case (1 | 2 | 3) as small:
            return f"small {small}"
        case [(1 | 2) as first, *rest] as whole:
            return f"first={first} rest={rest} whole={whole}"
        case str() | bytes() as s:
            return f"text {s!r}"
        case _:
            return "other"


for v in [[1, 2], (1, 2, 0), {"k": 5}, [9, 9, 9, 7], 2, [2, 8, 9, 10, 11], "s", b"b", 4.5]:
    print(v, "->", f(v))

# Alternatives binding several names in different orders.
for v in [(1, 2, "x"), ("y", 3, 4)]:
    match v:
        case (int(p), int(q), str(r)) | (str(r), int(q), int(p)):
            print("p", p, "q", q, "r", r)

# A failed alternative leaves no partial bindings behind in the stack.
match [1, [2, 3]]:
    case [1, [2, 4] | [2, 3] as inner] as outer:
        print(inner, outer)

# Nested or inside sequence inside or.
match (0, (1, 2)):
    case (0, (1, 3) | (1, 2)) | (9, _):
        print("nested or")
