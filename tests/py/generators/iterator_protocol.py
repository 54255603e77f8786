class Countdown:
    def __init__(self, start):
        self.n = start
    def __iter__(self):
        return self
    def __next__(self):
        if self.n <= 0:
            raise StopIteration
        self.n -= 1
        return self.n + 1
print(list(Countdown(4)))
c = Countdown(2)
print(next(c), next(c), next(c, 'done'))
class Seq:
    def __init__(self, data):
        self.data = data
    def __iter__(self):
        yield from self.data
s = Seq("xyz")
print(list(s), list(s), 'y' in s)
class OldStyle:
    def __getitem__(self, i):
        if i >= 3:
            raise IndexError
        return i * 10
print(list(OldStyle()), 20 in OldStyle())
it = iter([1, 2, 3])
for x in it:
    if x == 1:
        print("skipping", next(it))
    else:
        print("got", x)
print(list(iter(Countdown(3).__next__, 1)))
