d = {'a': 1, 'b': 2}
print(d.get('a'), d.get('z'), d.get('z', 0))
print(d.setdefault('a', 100), d.setdefault('c', 3), d)
print(d.pop('a'), d.pop('zz', 'default'), d)
try:
    d.pop('zz')
except KeyError as e:
    print("KeyError:", e)
d.update({'x': 10}); d.update(y=20); d.update([('z', 30)]); print(d)
print(d.popitem(), d)
c = d.copy(); c['new'] = 1; print(d, c)
print(dict.fromkeys(['k1', 'k2']), dict.fromkeys('ab', 0))
print(list(d.keys()), list(d.values()), list(d.items()))
d.clear(); print(d, len(d))
d = {1: 'a'}
d[2] = 'b'; d[1] = 'A'
print(d, 1 in d, 'a' in d, 'A' in d.values(), (2, 'b') in d.items())
m = {'a': 1} | {'b': 2}
m |= {'a': 0}
print(m)
