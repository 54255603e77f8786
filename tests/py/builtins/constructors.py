print(list(), list("abc"), list((1, 2)), list(range(3)), list({'a': 1, 'b': 2}))
print(tuple(), tuple([1, 2]), tuple("hi"), tuple(x * 2 for x in range(3)))
print(dict(), dict(a=1, b=2), dict([('x', 1), ('y', 2)]), dict({'k': 'v'}, extra=True))
print(dict(zip("ab", "xy")), dict([("a", 1)], a=2))
print(sorted(set([3, 1, 3, 2])), sorted(set("aabbc")), set(), sorted(frozenset([1, 2, 1])))
print(frozenset(), type(frozenset()).__name__, frozenset([1]) == {1})
a = [1, 2]
b = list(a)
print(b == a, b is a)
t = (1, 2)
print(tuple(t) is t)
try:
    dict([1, 2])
except TypeError as e:
    print("TypeError:", e)
try:
    dict([(1, 2, 3)])
except ValueError as e:
    print("ValueError:", e)
try:
    list(5)
except TypeError as e:
    print("TypeError:", e)
