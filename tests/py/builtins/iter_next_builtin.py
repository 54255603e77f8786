it = iter([1, 2, 3])
print(next(it), next(it), next(it), next(it, "default"), next(it, None))
s = iter("ab")
print(list(s), list(s))
d = iter({'x': 1, 'y': 2})
print(next(d), next(d))
class Counter:
    def __init__(self): self.n = 0
    def __call__(self):
        self.n += 1
        return self.n
print(list(iter(Counter(), 4)))
try:
    next(iter([]))
except StopIteration:
    print("StopIteration raised")
try:
    next([1, 2])
except TypeError as e:
    print("TypeError:", e)
it = iter(range(3))
print(iter(it) is it, type(it).__name__, type(iter(())).__name__, type(iter("")).__name__)
