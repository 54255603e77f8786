a = [[1, 2], [3]]
b = a
c = a[:]
d = list(a)
e = a.copy()
a.append([4])
a[0].append(99)
print(a, b, c, d, e, sep="\n")
print(c[0] is a[0], c is a)
grid = [[0] * 3] * 2
grid[0][0] = 1
print(grid)
grid = [[0] * 3 for _ in range(2)]
grid[0][0] = 1
print(grid)
orig = {'k': [1]}
shallow = dict(orig)
shallow['k'].append(2)
shallow['new'] = 0
print(orig, shallow)
def deep(x):
    if isinstance(x, list):
        return [deep(v) for v in x]
    if isinstance(x, dict):
        return {k: deep(v) for k, v in x.items()}
    return x
o = {'a': [1, [2]]}
dc = deep(o)
dc['a'][1].append(3)
print(o, dc)
