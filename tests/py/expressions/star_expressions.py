def f(*args, **kwargs):
    return args, sorted(kwargs.items())
a = [1, 2]
b = (3, 4)
d = {'x': 1}
e = {'y': 2}
print(f(*a, *b))
print(f(0, *a, 5, *b))
print(f(**d, **e))
print(f(*a, z=0, **d))
print([*a, *b, *'hi'])
print((*a, *b))
print(sorted({*a, *b, 3}))
print({**d, **e, 'x': 9})
print({**d, 'x': 5, **{'x': 7}})
print([*range(3), *[]])
first, *rest = a + list(b)
print(first, rest)
*init, last = "hello"
print(init, last)
print(*a, sep='-')
