a = [1, 2]
t = (3, 4)
print([*a, *t], (*a, 0), {*a, *t} == {1, 2, 3, 4}, [*"ab", *range(2)])
d1 = {'a': 1}
d2 = {'b': 2, 'a': 0}
print({**d1, **d2}, {**d2, **d1}, {'z': 9, **d1})
first, *middle, last = [*a, *t]
print(first, middle, last)
print(*[1, 2], *(3,))
matrix = [[1, 2], [3, 4]]
print(list(zip(*matrix)), [*zip(*matrix)])
print([*{}], [*{'k': 1}], (*[],))
