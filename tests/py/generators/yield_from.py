def inner():
    yield 1
    yield 2
    return "inner-result"
def outer():
    r = yield from inner()
    print("inner returned", r)
    yield 3
    r2 = yield from [10, 20]
    print("list delegation returns", r2)
    return "outer-done"
g = outer()
print(list(g))
def chain(*its):
    for it in its:
        yield from it
print(list(chain("ab", [1, 2], range(3))))
def tree(n):
    if n > 0:
        yield from tree(n - 1)
        yield n
        yield from tree(n - 1)
print(list(tree(3)))
def wrapper():
    result = yield from outer()
    yield "wrapper got " + result
print(list(wrapper()))
