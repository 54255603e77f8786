def naturals():
    n = 0
    while True:
        yield n
        n += 1
out = []
for v in naturals():
    if v >= 5:
        break
    out.append(v)
print(out)
def fib():
    a, b = 0, 1
    while True:
        yield a
        a, b = b, a + b
f = fib()
print([next(f) for _ in range(15)])
def take(n, it):
    it = iter(it)
    res = []
    for _ in range(n):
        res.append(next(it))
    return res
def primes():
    found = []
    n = 2
    while True:
        if all(n % p for p in found):
            found.append(n)
            yield n
        n += 1
print(take(12, primes()))
def cycle(seq):
    while True:
        yield from seq
print(take(7, cycle("abc")))
evens = (n for n in naturals() if n % 2 == 0)
print(take(5, evens))
