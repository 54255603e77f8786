# `await` inside a generator expression makes it an asynchronous generator expression, in any
# function (legal since 3.7); in a list/set/dict comprehension it needs an async function.
import asyncio


async def wrap(n):
    await asyncio.sleep(0)
    return n


def make_arange(n):
    return (i * 2 for i in range(n) if await wrap(i))


async def run():
    agen = make_arange(6)
    print(type(agen).__name__)
    return [i async for i in agen]


print(asyncio.run(run()))


async def nested():
    return [[await wrap(j) for j in range(i)] for i in range(3)]


print(asyncio.run(nested()))

for src in ("def f():\n    return [await x for x in y]\n",
            "def f():\n    return {await x for x in y}\n",
            "def f():\n    return (await x for x in y)\n"):
    try:
        compile(src, "<test>", "exec")
        print("compiles")
    except SyntaxError as e:
        print("SyntaxError:", e.msg)
