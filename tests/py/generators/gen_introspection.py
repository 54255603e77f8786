# gi_frame/cr_frame (a frame object until the generator finishes), gi_suspended/cr_suspended,
# gi_yieldfrom/cr_await, and writable __name__/__qualname__ (strings only).
import inspect
import types


def gen():
    x = yield 1
    yield x


g = gen()
print(g.gi_suspended, g.gi_yieldfrom, g.gi_frame.f_back, g.gi_frame.f_lineno, g.gi_frame.f_code is gen.__code__)
print(inspect.getgeneratorstate(g))
next(g)
print(g.gi_suspended, g.gi_frame.f_lineno, g.gi_frame.f_locals, inspect.getgeneratorstate(g))
g.send(5)
print(g.gi_frame.f_locals)
for _ in g:
    pass
print(g.gi_frame, g.gi_suspended, inspect.getgeneratorstate(g))


def outer():
    yield from inner


inner = gen()
o = outer()
next(o)
print(o.gi_yieldfrom is inner, inspect.getgeneratorstate(inner))

g.__name__ = "renamed"
g.__qualname__ = "Q.renamed"
print(g.__name__, g.__qualname__, repr(g).split(" at ")[0])
for bad in (1, None):
    try:
        g.__name__ = bad
    except TypeError as e:
        print(e)
try:
    del g.__qualname__
except TypeError as e:
    print(e)


@types.coroutine
def step():
    yield "tick"


async def coro():
    await step()
    return 7


c = coro()
print(c.cr_suspended, c.cr_await, c.cr_frame.f_lineno)
print(c.send(None), c.cr_suspended, type(c.cr_await).__name__)
try:
    c.send(None)
except StopIteration as e:
    print("result", e.value, c.cr_frame, c.cr_suspended)
