def count_up(n):
    print("start")
    i = 0
    while i < n:
        yield i
        i += 1
    print("end")
g = count_up(3)
print(type(g).__name__)
print(next(g))
print(next(g))
print(list(g))
print(list(g))
print(list(count_up(0)))
def multi():
    yield 1
    yield "two"
    yield [3]
print([x for x in multi()])
print(sum(count_up(5)))
def empty():
    return
    yield
print(list(empty()))
