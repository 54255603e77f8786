sq = lambda x: x * x
add = lambda a, b=10: a + b
print(sq(7), add(1), add(1, 2), add(b=5, a=1))
print((lambda: 'no args')())
print((lambda *a, **k: (a, sorted(k.items())))(1, 2, z=3, y=4))
print(list(map(lambda p: p[1], [(1, 'a'), (2, 'b')])))
print(sorted(['ccc', 'a', 'bb'], key=lambda s: len(s)))
compose = lambda f, g: lambda x: f(g(x))
inc = lambda x: x + 1
print(compose(sq, inc)(3), compose(inc, sq)(3))
print(sq.__name__, (lambda: 0).__name__)
fs = [lambda x, i=i: x + i for i in range(3)]
print([f(10) for f in fs])
print((lambda x: (lambda y: x * y))(6)(7))
