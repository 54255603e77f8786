def box(w, h, d=1):
    return w * h * d
print(box(2, 3), box(w=2, h=3), box(h=3, w=2, d=4), box(2, d=5, h=1))
def show(**kw):
    return [f"{k}={v}" for k, v in kw.items()]
print(show(z=1, a=2, m=3))
print(show(**{'x': 1}, y=2))
def f(a, b):
    return a - b
try:
    f(1, a=2)
except TypeError as e:
    print("TypeError:", e)
try:
    f(1, c=2)
except TypeError as e:
    print("TypeError:", e)
try:
    f(b=1)
except TypeError as e:
    print("TypeError:", e)
try:
    f(1, 2, 3)
except TypeError as e:
    print("TypeError:", e)
try:
    f(**{'a': 1, 'b': 2, 'c': 3})
except TypeError as e:
    print("TypeError:", e)
