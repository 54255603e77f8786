# aiter() and anext(): async iteration by hand, with and without anext's default.
import asyncio
import types


async def agen(n):
    for i in range(n):
        yield i


class Counter:
    """An async iterator written as a class: __anext__ is a coroutine function."""

    def __init__(self, stop):
        self.i, self.stop = 0, stop

    def __aiter__(self):
        return self

    async def __anext__(self):
        if self.i >= self.stop:
            raise StopAsyncIteration
        self.i += 1
        return self.i


class AwaitableNext:
    """__anext__ returns a plain awaitable (an object with __await__), not a coroutine."""

    def __aiter__(self):
        return self

    def __anext__(self):
        return Ready()


class Ready:
    def __await__(self):
        return "ready"  # finishes at once: the await evaluates to "ready"
        yield


class Exhausted:
    def __aiter__(self):
        return self

    def __anext__(self):
        return Raiser()


class Raiser:
    def __await__(self):
        raise StopAsyncIteration
        yield


async def main():
    g = agen(3)
    it = aiter(g)
    print(it is g, type(it).__name__)
    print(await anext(it), await anext(it), await anext(it))
    try:
        await anext(it)
    except StopAsyncIteration:
        print("StopAsyncIteration")
    print(await anext(it, "done"), await anext(agen(0), None))
    c = Counter(2)
    print(aiter(c) is c, await anext(c), await anext(c), await anext(c, -1), await anext(c, -2))
    try:
        await anext(c)
    except StopAsyncIteration:
        print("StopAsyncIteration from a class")
    print(await anext(AwaitableNext()), await anext(AwaitableNext(), "d"))
    print(await anext(Exhausted(), "default via __await__"))
    # The default may be any object (CPython 3.11 fails on a tuple or exception default).
    print(await anext(agen(0), [1, 2]), await anext(agen(0), None))
    # async for drives the same protocol
    print([x async for x in aiter(agen(4))])


asyncio.run(main())

# The awaitable anext returns with a default, driven by hand.
aw = anext(agen(1), "dflt")
print(type(aw).__name__, aw.__await__() is aw, iter(aw) is aw)
try:
    aw.send(None)
except StopIteration as e:
    print("StopIteration", e.value)
try:
    next(aw)  # the asend object it wraps was used up: CPython's message
except RuntimeError as e:
    print("RuntimeError:", e)
aw2 = anext(agen(0), 42)
try:
    next(aw2)
except StopIteration as e:
    print("exhausted ->", e.value)
aw3 = anext(agen(2), 0)
try:
    aw3.throw(KeyError("k"))
except KeyError as e:
    print("throw ->", repr(e))
print(anext(agen(1), 0).close())
aw4 = anext(Counter(0), "d4")
try:
    aw4.send(None)
except StopIteration as e:
    print("coroutine __anext__ ->", e.value)
print(type(anext(agen(1))).__name__)

# Errors, with CPython's messages.
for bad in (1, [], agen):
    try:
        aiter(bad)
    except TypeError as e:
        print("TypeError:", e)


class BadAiter:
    def __aiter__(self):
        return 1


try:
    aiter(BadAiter())
except TypeError as e:
    print("TypeError:", e)
for bad in (1, iter([]), Counter):
    try:
        anext(bad)
    except TypeError as e:
        print("TypeError:", e)
for call in (lambda: aiter(), lambda: aiter(1, 2), lambda: anext(), lambda: anext(1, 2, 3)):
    try:
        call()
    except TypeError as e:
        print("TypeError:", e)
try:
    next(anext(AwaitableNext(), 0).__await__())
except StopIteration as e:
    print("plain awaitable ->", e.value)


class NotAwaitable:
    def __aiter__(self):
        return self

    def __anext__(self):
        return 5


try:
    next(anext(NotAwaitable(), 0))
except TypeError as e:
    print("TypeError:", e)
print(aiter.__text_signature__, anext.__text_signature__, aiter.__module__)
