t = (1, 2, 3, 2)
print(t, len(t), t[0], t[-1], t[1:3], t.count(2), t.index(3), 2 in t)
print(t + (4,), t * 2, (), (1,), tuple(), type((1,)).__name__)
a, b, c, d = t
print(a + b + c + d)
nested = ((1, 2), (3, (4, 5)))
print(nested[1][1][0], len(nested))
print((1, 2) < (1, 3), (1, 2, 3) > (1, 2), (2,) > (1, 100), (1, 2) == (1, 2))
try:
    t[0] = 9
except TypeError as e:
    print("TypeError:", e)
try:
    t.index(99)
except ValueError as e:
    print("ValueError:", e)
lst_in_tuple = ([1], [2])
lst_in_tuple[0].append(10)
print(lst_in_tuple)
print(tuple(reversed(t)), sorted(t), max(t), min(t), sum(t))
print(hash((1, 2)) == hash((1, 2)), {(1, 2): 'key'}[(1, 2)])
one = 1,
print(one, (1) == 1, (1,) == 1)
