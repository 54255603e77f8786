a = b = c = [1]
print(a, b is c)
a = a + [2]
print(a, b)
x, y = 1, 2
x, y = y, x
print(x, y)
(p, q), r = (3, 4), 5
print(p, q, r)
[m, n] = "mn"
print(m, n)
i = 0
lst = [10, 20, 30]
i, lst[i] = 1, 99
print(i, lst)
d = {}
d['k'], d['j'] = 1, 2
print(sorted(d.items()))
class O: pass
o = O()
o.attr, o.other = 'A', 'B'
print(o.attr, o.other)
t = 1,
print(t, type(t).__name__)
for idx, (k, v) in enumerate([('a', 1), ('b', 2)]):
    print(idx, k, v)
