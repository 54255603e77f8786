# The builtin iterator types: real types, reprs, laziness, strict zip, callable_iterator.
for t in (enumerate, zip, map, filter, reversed):
    print(t, t.__name__, type(t) is type)
e = enumerate("ab", 5)
print(isinstance(e, enumerate), iter(e) is e, repr(e).startswith("<enumerate object at 0x"))
print(list(e), list(e))
print(list(enumerate([], 10)), list(enumerate("xy", start=-1)), list(enumerate("a", 2 ** 70)))
print(repr(zip()).startswith("<zip object"), repr(map(str, [])).startswith("<map object"))
print(isinstance(filter(None, []), filter), isinstance(map(abs, []), map), isinstance(zip(), zip))
r = reversed([1, 2, 3])
print(type(r).__name__, list(r))
r = reversed("abc")
print(type(r).__name__, isinstance(r, reversed), list(r))
print(list(reversed(())), list(reversed(range(2, 9, 3))))
calls = []
def f(x):
    calls.append(x)
    return x * 2
m = map(f, [1, 2, 3])
print(calls, next(m), calls)
print(list(zip("ab", [1, 2], strict=True)))
for args in (([1, 2, 3], [1]), ([1], [1, 2]), ([1], [1], [1, 2]), ([1, 2], [1, 2], [1])):
    try:
        list(zip(*args, strict=True))
    except ValueError as err:
        print("ValueError:", err)
n = [0]
def counter():
    n[0] += 1
    return n[0]
ci = iter(counter, 3)
print(type(ci).__name__, list(ci), list(ci))
print(list(filter(bool, [0, 1, 2, None])), list(filter(lambda v: v > 1, (1, 2, 3))))
print(list(map(lambda *a: sum(a), [1, 2], [10, 20], [100, 200, 300])))
for bad in (lambda: enumerate(), lambda: enumerate([], 1, 2), lambda: enumerate([], st=2),
            lambda: map(str), lambda: filter(None), lambda: zip([1], x=2), lambda: reversed(),
            lambda: reversed(1), lambda: reversed([], []), lambda: iter(1, 2), lambda: enumerate([], 'a'),
            lambda: map(str, 1), lambda: reversed({})):
    try:
        bad()
    except TypeError as err:
        print("TypeError:", err)
