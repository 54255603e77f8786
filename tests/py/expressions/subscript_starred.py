# PEP 646 subscripts: a[*b] is a[(*b,)], a lone starred subscript makes a one-item tuple.
d = {}
x = [1, 2]
d[*x] = 3
d[0, *x] = 4
print(d, d[*x], d[*x, ], d[(*x,)])
del d[*x]
print(d)


class Show:
    def __getitem__(self, key):
        return key


s = Show()
print(s[*x], s[*x, 5], s[*()], s[*'ab', *'c'])
