def opts(**kwargs):
    print(type(kwargs).__name__, list(kwargs))
    return kwargs
r = opts(a=1, b=2)
print(r['a'], r.get('c', 'none'))
def merge(base, **over):
    out = dict(base)
    out.update(over)
    return out
print(merge({'x': 1, 'y': 2}, y=20, z=30))
def all_kinds(a, b=0, *args, key=None, **kwargs):
    return (a, b, args, key, kwargs)
print(all_kinds(1))
print(all_kinds(1, 2, 3, 4, key='k', extra=True))
d = {'a': 10, 'key': 'K', 'other': 5}
print(all_kinds(**d))
def mod(**kw):
    kw['added'] = 1
    return kw
src = {'x': 1}
print(mod(**src), src)
