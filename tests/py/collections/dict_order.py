d = {}
for k in ["zebra", "apple", "mango", "kiwi"]:
    d[k] = len(k)
print(d, list(d))
d["apple"] = 0
print(list(d))
del d["zebra"]
d["zebra"] = 1
print(list(d))
print(list(reversed(d)), list(reversed(d.items()))[0])
e = dict(b=1, a=2, c=3)
print(e, {**e, 'a': 99}, list({'x': 1, **{'y': 2}, 'x2': 3}))
print({'a': 1, 'b': 2} == {'b': 2, 'a': 1})
f = {3: 'c', 1: 'a', 2: 'b'}
print(f, sorted(f), dict(sorted(f.items())))
d2 = {}
for i in range(20):
    d2[i * 7 % 20] = i
print(list(d2)[:10])
for i in range(0, 20, 2):
    del d2[i * 7 % 20]
print(list(d2))
