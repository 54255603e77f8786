def g():
    yield 1
    return 'ret'
it = g()
print(next(it))
try:
    next(it)
except StopIteration as e:
    print("StopIteration args", e.args, "value", e.value)
try:
    next(it)
except StopIteration as e:
    print("again", e.args, e.value)
print(next(it, 'default'))
print(next(iter([]), 'empty default'))
def bad():
    yield 1
    raise StopIteration("inside")
try:
    list(bad())
except RuntimeError as e:
    print("RuntimeError:", e)
    print("cause:", type(e.__cause__).__name__, e.__cause__)
it = iter([1, 2])
print(next(it), next(it))
try:
    next(it)
except StopIteration as e:
    print("list iterator exhausted", e.args)
