g = (x * x for x in range(5))
print(type(g).__name__)
print(next(g), list(g), list(g))
print(sum(x for x in range(101)))
print(max(len(w) for w in ["a", "abc", "ab"]))
print(list((i, j) for i in range(3) for j in range(i)))
print(list(x for x in range(20) if x % 3 == 0 if x % 2 == 0))
print(''.join(c.upper() for c in "hello"))
print(any(x > 3 for x in [1, 2, 5]), all(x > 0 for x in [1, -1]))
n = 10
g = (x + n for x in range(3))
n = 100
print(list(g))
lst = [1, 2, 3]
g = (x for x in lst)
lst = [9, 9]
print(list(g))
print(sorted((x % 3, x) for x in range(7)))
print(dict((k, k * 2) for k in "ab"))
