# Async generator items and coroutine_wrapper results through YIELD_FROM (the send slot): plain
# yields, yields of None and of tuples, awaits inside the generator passing to the event loop,
# asend(v) values, the end (StopAsyncIteration), and `yield from coro.__await__()`.
import asyncio
import types


async def agen():
    yield 1
    yield None
    yield (2, 3)
    await asyncio.sleep(0)
    yield StopIteration(4)
    got = yield "ask"
    yield ("got", got)


async def echo():
    x = 0
    while True:
        x = yield x


async def leaf():
    await asyncio.sleep(0)
    return "leaf"


@types.coroutine
def via_wrapper():
    r = yield from leaf().__await__()
    return r


async def main():
    print([repr(x) for x in [x async for x in agen()]])
    g = agen()
    print(await g.__anext__(), await g.asend(None), await g.__anext__())
    print(repr(await g.__anext__()), await g.__anext__(), await g.asend("v"))
    try:
        await g.__anext__()
    except StopAsyncIteration:
        print("end")
    e = echo()
    await e.asend(None)
    print([await e.asend(i) for i in range(4)])
    await e.aclose()
    print(await via_wrapper())
    # By hand: asend's send() and __next__() still finish with StopIteration(value).
    h = echo()
    aw = h.asend(None)
    try:
        aw.send(None)
    except StopIteration as s:
        print("stop", s.value)
    aw = h.asend(5)
    try:
        next(aw)
    except StopIteration as s:
        print("stop", s.value)


asyncio.run(main())
