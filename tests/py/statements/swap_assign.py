# `a, b = x, y` / `a, b, c = x, y, z` compile to SWAP instead of a tuple: evaluation order
# (all values, then targets left to right) and every kind of target must behave as before.
log = []


def v(x):
    log.append("value %r" % (x,))
    return x


class T:
    def __setattr__(self, name, value):
        log.append("set %s=%r" % (name, value))
        object.__setattr__(self, name, value)


class L(list):
    def __setitem__(self, i, value):
        log.append("item %r=%r" % (i, value))
        list.__setitem__(self, i, value)


t = T()
lst = L([0, 0, 0])
t.a, lst[v(1)] = v("x"), v("y")
print(log, t.a, lst)
log.clear()
lst[0], t.b, lst[2] = v(10), v(20), v(30)
print(log, lst, t.b)
a, b = 1, 2
a, b = b, a
print(a, b)
a, b, c = 1, 2, 3
a, b, c = c, a, b
print(a, b, c)
[a, b] = (b, a)
print(a, b)
(a, b), c = (1, 2), 3
print(a, b, c)
a, b = b, a = 5, 6
print(a, b)
x = [1, 2, 3]
i = 0
i, x[i] = 1, 9
print(i, x)


def gen():
    a, b = 0, 1
    for _ in range(10):
        yield a
        a, b = b, a + b


print(list(gen()))
try:
    a, b = 1, undefined_name
except NameError as e:
    print("NameError:", e, a)
