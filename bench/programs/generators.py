# Generator pipelines, generator expressions, yield from, send().


def numbers(n):
    i = 0
    while i < n:
        yield i
        i += 1


def evens(src):
    for x in src:
        if x % 2 == 0:
            yield x


def squares(src):
    for x in src:
        yield x * x


def chain(*gens):
    for g in gens:
        yield from g


def tree(depth):
    if depth == 0:
        yield 1
        return
    yield depth
    yield from tree(depth - 1)
    yield from tree(depth - 1)


def accumulator():
    total = 0
    while True:
        x = yield total
        if x is None:
            break
        total += x
    return total


def main():
    s = 0
    for rnd in range(16):
        s += sum(squares(evens(numbers(200000))))
        s += sum(chain(numbers(30000), (x * 3 for x in range(30000)), evens(numbers(30000))))
        s += sum(tree(14))
    acc = accumulator()
    next(acc)
    for i in range(400000):
        acc.send(i)
    s += acc.send(1)
    print("generators", s % 1000000007)


main()
