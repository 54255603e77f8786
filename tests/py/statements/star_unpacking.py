a, *b = [1, 2, 3, 4]
print(a, b)
*a, b = (1, 2, 3, 4)
print(a, b)
a, *b, c = range(5)
print(a, b, c)
a, *b, c = [1, 2]
print(a, b, c)
(a, *b), *c = [1, 2, 3], 4, 5
print(a, b, c)
first, *_, last = "python"
print(first, last, _)
for x, *ys in [(1, 2, 3), (4,), (5, 6)]:
    print(x, ys)
try:
    a, b = [1, 2, 3]
except ValueError as e:
    print("ValueError:", e)
try:
    a, b, c = [1, 2]
except ValueError as e:
    print("ValueError:", e)
try:
    a, *b, c = [1]
except ValueError as e:
    print("ValueError:", e)
try:
    a, b = 5
except TypeError as e:
    print("TypeError:", e)
