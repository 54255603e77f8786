class Adder:
    def __init__(self, n):
        self.n = n
    def __call__(self, x, *more, scale=1):
        return (self.n + x + sum(more)) * scale
add3 = Adder(3)
print(add3(1), add3(1, 2, 3), add3(1, scale=10), callable(add3), callable(Adder))
print(list(map(add3, [0, 10])))
class Counter:
    def __init__(self):
        self.calls = 0
    def __call__(self):
        self.calls += 1
        return self.calls
c = Counter()
c(); c()
print(c(), c.calls)
class Factory:
    def __call__(self, cls):
        return cls()
print(type(Factory()(dict)).__name__)
