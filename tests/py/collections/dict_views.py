d = {'a': 1, 'b': 2, 'c': 3}
k, v, it = d.keys(), d.values(), d.items()
print(k, v, it)
print(len(k), 'a' in k, 2 in v, ('c', 3) in it, ('c', 4) in it)
d['d'] = 4
print(list(k), list(v), list(it))
print(sorted(k & {'a', 'z'}), sorted(k | {'z'}), sorted(k - {'a'}), sorted(k ^ {'a', 'q'}))
print(sorted(it & {('a', 1), ('b', 5)}))
print(type(k).__name__, type(v).__name__, type(it).__name__)
try:
    for key in d:
        d['new'] = 1
except RuntimeError as e:
    print("RuntimeError:", e)
print(list(zip(d.keys(), d.values())) == list(d.items()))
print(d.keys() == {'a', 'b', 'c', 'd', 'new'}, list(iter(d.values()))[-1])
