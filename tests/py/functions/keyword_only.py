def f(a, *, b, c=3):
    return a, b, c
print(f(1, b=2), f(1, c=4, b=5))
try:
    f(1, 2)
except TypeError as e:
    print("TypeError:", e)
try:
    f(1)
except TypeError as e:
    print("TypeError:", e)
def g(*args, flag=False):
    return args, flag
print(g(1, 2), g(1, flag=True))
def h(*, x, y):
    return x * y
print(h(y=3, x=4))
try:
    h(3, 4)
except TypeError as e:
    print("TypeError:", e)
print(f.__kwdefaults__)
