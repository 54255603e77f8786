# Coroutine protocol errors with CPython 3.11's messages: `yield from` a coroutine in a plain
# generator (allowed in a types.coroutine one), async with over objects whose __aenter__ or
# __aexit__ result is not awaitable, async for over a bad __anext__ result (the failure is the
# cause), throw() into an exhausted coroutine; the docstrings of the coroutine methods; the
# stack seen from a sub-generator resumed by throw() includes the delegating frames.
import traceback
import types


def run(coro):
    out = []
    try:
        while True:
            out.append(coro.send(None))
    except StopIteration as e:
        return out, e.value


async def ten():
    return 10


def plain():
    yield from ten_coro


ten_coro = ten()
try:
    list(plain())
except TypeError as e:
    print("TypeError:", e)
ten_coro.close()


@types.coroutine
def wrapper():
    return (yield from inner)


async def spam():
    return "spam"


inner = spam()
print(run(wrapper()))


class NotAwaitableEnter:
    def __aenter__(self):
        return 1

    async def __aexit__(self, *e):
        return False


class NotAwaitableExit:
    async def __aenter__(self):
        return self

    def __aexit__(self, *e):
        return 444


async def with_enter():
    async with NotAwaitableEnter():
        pass


async def with_exit():
    async with NotAwaitableExit():
        pass


async def with_exit_raising():
    async with NotAwaitableExit():
        1 / 0


async def with_exit_return():
    async with NotAwaitableExit():
        return 5


for f in (with_enter, with_exit, with_exit_raising, with_exit_return):
    try:
        run(f())
    except TypeError as e:
        print(f.__name__, "TypeError:", e, type(e.__context__).__name__)


class BadAnext:
    def __aiter__(self):
        return self

    def __anext__(self):
        return self

    def __await__(self):
        1 / 0


class NoAwait:
    def __aiter__(self):
        return self

    def __anext__(self):
        return 7


for cls in (BadAnext, NoAwait):
    async def main():
        async for _ in cls():
            pass
    try:
        run(main())
    except TypeError as e:
        print("TypeError:", e, type(e.__cause__).__name__, e.__suppress_context__)


async def coroutine():
    return "spam"


c = coroutine()
print(run(c))
for how in ("send", "throw", "await_send", "await_next", "await_throw"):
    try:
        if how == "send":
            c.send(None)
        elif how == "throw":
            c.throw(Exception("wat"))
        elif how == "await_send":
            c.__await__().send(None)
        elif how == "await_next":
            next(c.__await__())
        else:
            c.__await__().throw(Exception("wat"))
    except RuntimeError as e:
        print(how, "RuntimeError:", e)
c.close()
c.close()


def gen():
    yield


ct = type(c)
gt = type(gen())
for t in (ct, gt):
    for name in ("send", "throw", "close", "__name__", "__qualname__"):
        print(t.__name__, name, repr(t.__dict__[name].__doc__))
print(repr(ct.__dict__["cr_await"].__doc__), repr(gt.__dict__["gi_yieldfrom"].__doc__))
print(repr(ct.__await__.__doc__), ct.__await__.__text_signature__, ct.send.__text_signature__)


async def a():
    return await b()


async def b():
    return await c3()


@types.coroutine
def c3():
    try:
        yield [f.name for f in traceback.extract_stack()][-4:]
    except ZeroDivisionError:
        yield [f.name for f in traceback.extract_stack()][-4:]


co = a()
print(co.send(None))
print(co.throw(ZeroDivisionError))
co.close()
