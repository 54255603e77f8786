def g():
    yield 1
    yield 2
it = g()
print(it is iter(it), hasattr(it, '__next__'), hasattr(it, 'send'))
print(list(zip(it, "ab")))
def running_total(items):
    total = 0
    for x in items:
        total += x
        yield total
print(list(running_total([1, 2, 3, 4])))
def counter():
    count = 0
    while True:
        count += 1
        cmd = yield count
        if cmd == 'reset':
            count = 0
c = counter()
print(next(c), next(c), c.send('reset'), next(c))
def with_locals(prefix):
    for i in range(3):
        local = f"{prefix}{i}"
        yield local
print(list(with_locals("p")))
gens = [with_locals(p) for p in "xy"]
print([next(gg) for gg in gens], [next(gg) for gg in gens])
