# Asynchronous generators (PEP 525) driven by hand, without an event loop: asend, athrow,
# aclose, and the awaitables' protocol.
class Tick:
    def __await__(self):
        return (yield "tick")

async def ag():
    try:
        yield 1
        got = await Tick()
        yield got
        yield 3
    finally:
        print("ag finally")

def run(aw, sends=()):
    """Drives an awaitable; returns ('value', v) or ('error', exc)."""
    sends = list(sends)
    try:
        v = aw.send(None)
        while True:
            print("  passed through:", v)
            v = aw.send(sends.pop(0) if sends else None)
    except StopIteration as e:
        return ("value", e.value)
    except BaseException as e:
        return ("error", type(e).__name__, str(e))

g = ag()
print(run(g.__anext__()))
print(run(g.asend(None), ["sent"]))
print(run(g.athrow(ValueError("boom"))))
print(run(g.__anext__()))

g = ag()
print(run(g.__anext__()))
print(run(g.aclose()))
print(run(g.__anext__()))

async def ignores():
    try:
        yield 1
    except GeneratorExit:
        yield 2
g = ignores()
print(run(g.__anext__()))
print(run(g.aclose()))

async def counter(n):
    for i in range(n):
        yield i
async def main():
    total = [x async for x in counter(4) if x % 2]
    s = 0
    async for x in counter(5):
        if x == 3:
            break
        s += x
    else:
        s = -1
    agen = (x * 10 async for x in counter(3))
    tens = [y async for y in agen]
    return total, s, tens
print(run(main()))

aw = counter(1).__anext__()
print(run(aw))
print(run(aw))

async def stop_inside():
    raise StopAsyncIteration
    yield
print(run(stop_inside().__anext__()))

async def bad_iter():
    async for x in 5:
        pass
print(run(bad_iter()))

class NoAexit:
    async def __aenter__(self):
        return self
async def bad_with():
    async with NoAexit():
        pass
print(run(bad_with()))
print(type(counter).__name__, type(counter(1)).__name__)
import sys
for src in ["await x", "def f():\n    await x", "async def f():\n    yield from x",
            "async def f():\n    yield 1\n    return 2", "def f():\n    [x async for x in y]",
            "def f():\n    async with x: pass", "def f():\n    async for x in y: pass"]:
    try:
        compile(src, "<s>", "exec")
    except SyntaxError as e:
        print(repr(src), "->", e.msg, e.lineno)
