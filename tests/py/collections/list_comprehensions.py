print([x * x for x in range(6)])
print([x for x in range(20) if x % 3 == 0 if x % 2])
print([(x, y) for x in range(3) for y in range(x)])
print([[x * y for y in range(1, 4)] for x in range(1, 4)])
m = [[1, 2, 3], [4, 5, 6]]
print([row[i] for i in range(3) for row in m])
print([[row[i] for row in m] for i in range(3)])
print([v for row in m for v in row if v % 2 == 0])
print([s.upper() for s in "a b c".split()], [len(w) for w in ["hi", "there"]])
print([x if x > 2 else -x for x in range(5)], [f(2) for f in (abs, str, float)])
print({x % 3: x for x in range(10)}, sorted({c for c in "hello"}))
print([(i, c) for i, c in enumerate("abc") if i != 1])
x = 'outer'
_ = [x for x in range(3)]
print(x)
print([y for y in [] if y], [[]], [[] for _ in range(2)])
