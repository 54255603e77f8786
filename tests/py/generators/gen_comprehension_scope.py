x = "global"
print([x for x in range(3)], x)
g = (y * 2 for y in range(3))
print('y' in dir(), list(g))
class C:
    vals = [1, 2, 3]
    doubled = [v * 2 for v in vals]
    total = sum(v for v in vals)
print(C.doubled, C.total)
def f():
    k = 10
    return [k + i for i in range(3)], list(k * j for j in range(2))
print(f())
matrix = [[1, 2], [3, 4]]
print([[row[i] for row in matrix] for i in range(2)])
print({k: [v for v in range(k)] for k in range(3)})
print(sorted({n % 4 for n in range(10)}))
