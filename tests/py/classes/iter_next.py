class Range2:
    def __init__(self, n):
        self.n = n
    def __iter__(self):
        return Range2Iter(self.n)
class Range2Iter:
    def __init__(self, n):
        self.i, self.n = 0, n
    def __iter__(self):
        return self
    def __next__(self):
        if self.i >= self.n:
            raise StopIteration
        self.i += 1
        return self.i * 2
r = Range2(4)
print(list(r), list(r), sum(r), max(r), 6 in r)
for a, b in zip(r, r):
    print(a, b, end="; ")
print()
print(sorted(r, reverse=True), [x for x in r if x > 4], dict(enumerate(r)))
it = iter(r)
print(next(it), next(it), list(it))
a, b, *c = r
print(a, b, c)
