def apply(f, *args):
    return f(*args)
def compose(*fns):
    def run(x):
        for f in reversed(fns):
            x = f(x)
        return x
    return run
def my_reduce(f, seq, init):
    acc = init
    for x in seq:
        acc = f(acc, x)
    return acc
def partial(f, *bound, **kbound):
    def call(*rest, **k):
        return f(*bound, *rest, **kbound, **k)
    return call
print(apply(max, 3, 9, 2), apply(len, "abcd"))
inc = lambda x: x + 1
dbl = lambda x: x * 2
print(compose(inc, dbl)(5), compose(dbl, inc)(5), compose()(7))
print(my_reduce(lambda a, b: a * b, range(1, 8), 1))
print(my_reduce(lambda a, s: a + len(s), ["ab", "cde", ""], 0))
pow2 = partial(pow, 2)
print(pow2(10), partial(pow, exp=3)(4) if False else partial(lambda b, exp: b ** exp, exp=3)(4))
print(list(map(partial(lambda a, b: a - b, 10), [1, 2, 3])))
print(sorted([(1, 'b'), (2, 'a'), (0, 'c')], key=lambda t: t[1]))
def curry3(f):
    return lambda a: lambda b: lambda c: f(a, b, c)
print(curry3(lambda a, b, c: a * 100 + b * 10 + c)(1)(2)(3))
