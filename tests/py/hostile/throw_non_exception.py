# Regression (issue 12): a class whose __new__ returns something that is no exception, thrown into
# a generator, crashed minipy with SIGSEGV (CPython's test_generators,
# test_except_throw_bad_exception). CPython throws the TypeError into the generator instead.


class E(Exception):
    def __new__(cls, *args, **kwargs):
        return cls


class F(Exception):
    def __init__(self, *args):
        raise ValueError("no F today")


def show(f):
    try:
        print("returned", f())
    except BaseException as e:
        print(type(e).__name__ + ":", e)


show(lambda: (_ for _ in ()).throw(E))
try:
    raise E
except TypeError as e:
    print("raise:", e)


def boring():
    yield


gen = boring()
show(lambda: gen.throw(E))
show(lambda: next(gen))  # the failed throw finished the generator


def catching():
    try:
        yield 1
    except TypeError as e:
        print("inside:", e)
        yield 2
    except ValueError as e:
        print("inside:", e)
        yield 3


for exc in (E, F):
    g = catching()
    next(g)
    show(lambda: g.throw(exc))
g = catching()
next(g)
show(lambda: g.throw(ValueError, ("a", "b")))
g = catching()
next(g)
show(lambda: g.throw(ValueError("x"), "y"))
show(lambda: g.throw(ValueError, None, 5))
show(lambda: g.throw(5))
show(lambda: g.throw(TypeError, TypeError("same")))


async def coro():
    pass


c = coro()
show(lambda: c.throw(E))
c.close()

# object.__str__ / object.__hash__ in a class body (doctest.DocTestCase does this) recursed.


class A:
    def __repr__(self):
        return "A()"

    __str__ = object.__str__
    __hash__ = object.__hash__


class B(A):
    pass


print(str(A()), str(B()), object.__str__(B()), format(B()))
b = B()
print(hash(b) == object.__hash__(b), type(hash(b)).__name__)
