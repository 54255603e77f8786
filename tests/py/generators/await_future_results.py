# `await fut` and `yield from fut.__await__()`: a finished future's result (None, a value, a
# tuple, a StopIteration instance) comes back as the await's value; an exception or a
# cancellation is raised; a pending future is yielded once, then "await wasn't used with future".
import asyncio


async def main():
    loop = asyncio.get_running_loop()
    for value in (None, 0, 42, "s", (1, 2), (), [3], StopIteration(7), ValueError("v")):
        f = loop.create_future()
        f.set_result(value)
        got = await f
        print("result", type(got).__name__, got is value)
    f = loop.create_future()
    f.set_exception(KeyError("k"))
    try:
        await f
    except KeyError as e:
        print("exception", repr(e))
    f = loop.create_future()
    f.cancel("why")
    try:
        await f
    except asyncio.CancelledError as e:
        print("cancelled", e.args)
    # A pending future the task waits on, finished later by call_soon.
    f = loop.create_future()
    loop.call_soon(f.set_result, "later")
    print("waited", await f)
    # The iterator by hand: next() yields the pending future, then StopIteration(result).
    f = loop.create_future()
    it = f.__await__()
    print("first", next(it) is f)
    f.set_result(5)
    try:
        next(it)
    except StopIteration as e:
        print("stop", e.value)
    f = loop.create_future()
    it = f.__await__()
    next(it)
    try:
        it.send(None)
    except RuntimeError as e:
        print("runtime", e)
    # Tasks return their coroutine's value to the awaiting coroutine.
    async def leaf(i):
        return i * 2
    tasks = [asyncio.create_task(leaf(i)) for i in range(5)]
    print("tasks", [await t for t in tasks])
    print("gather", await asyncio.gather(*(leaf(i) for i in range(5))))


def gen_based():
    # A generator delegating to a future's iterator (yield from), driven by hand.
    loop = asyncio.new_event_loop()
    f = loop.create_future()
    f.set_result("done")

    def g():
        r = yield from f.__await__()
        return r

    try:
        next(g())
    except StopIteration as e:
        print("yield from", e.value)
    loop.close()


asyncio.run(main())
gen_based()
