def fails_midway():
    yield 1
    yield 2
    raise ValueError("midway")
out = []
try:
    for v in fails_midway():
        out.append(v)
except ValueError as e:
    print("caught", e, "after", out)
def guarded():
    try:
        yield 1
        yield 1 / 0
    except ZeroDivisionError:
        yield "handled inside"
print(list(guarded()))
def finalizer():
    try:
        yield "a"
        yield "b"
    finally:
        print("finally in generator")
for x in finalizer():
    print(x)
g = fails_midway()
next(g); next(g)
try:
    next(g)
except ValueError:
    pass
print(next(g, "dead generator"))
def reraiser():
    try:
        yield 1
    except KeyError as e:
        raise RuntimeError("wrapped") from e
r = reraiser()
next(r)
try:
    r.throw(KeyError("k"))
except RuntimeError as e:
    print(e, repr(e.__cause__))
