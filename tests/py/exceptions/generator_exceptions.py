def gen():
    yield 1
    raise ValueError("in generator")
try:
    for x in gen():
        print("got", x)
except ValueError as e:
    print("caught:", e)
def protected():
    for i in range(3):
        try:
            yield 10 // (1 - i)
        except ZeroDivisionError:
            yield "div by zero at " + str(i)
print(list(protected()))
def cleanup():
    try:
        yield 1
        yield 2
    finally:
        print("generator finally ran")
g = cleanup()
next(g)
del g
print("after del")
def raises_in_genexpr():
    return [1 / x for x in (1, 0)]
try:
    raises_in_genexpr()
except ZeroDivisionError as e:
    print("comprehension:", e)
def stopper():
    yield 1
    return
    yield 2
print(list(stopper()))
