# CPython's asyncio on minipy: gather of sleeping tasks overlaps, queues, wait_for timeouts,
# async generators finalized through the loop's hooks (sys.set_asyncgen_hooks), run() cleanup.
import asyncio
import sys
import time

async def work(i, d):
    await asyncio.sleep(d)
    return i * 2

async def agen():
    try:
        for i in range(10):
            yield i
    finally:
        print("agen finally ran")

async def main():
    t0 = time.perf_counter()
    r = await asyncio.gather(*(work(i, 0.1) for i in range(5)))
    print(r, "overlapped:", time.perf_counter() - t0 < 0.4)
    q = asyncio.Queue()
    async def prod():
        for i in range(3):
            await q.put(i)
        await q.put(None)
    async def cons():
        out = []
        while (x := await q.get()) is not None:
            out.append(x)
        return out
    print(await asyncio.gather(prod(), cons()))
    try:
        await asyncio.wait_for(asyncio.sleep(1), 0.05)
    except asyncio.TimeoutError:
        print("timeout")
    hooks = sys.get_asyncgen_hooks()
    print(hooks.firstiter is not None, hooks.finalizer is not None)
    g = agen()
    print(await g.__anext__(), await g.__anext__())
    # left suspended: asyncio.run's shutdown_asyncgens closes it
    t = asyncio.create_task(asyncio.sleep(10))
    await asyncio.sleep(0)
    t.cancel()
    try:
        await t
    except asyncio.CancelledError:
        print("cancelled")
    return "done"

print(asyncio.run(main()))
print(sys.get_asyncgen_hooks())
