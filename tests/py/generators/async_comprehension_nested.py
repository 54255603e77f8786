# An asynchronous comprehension inside another comprehension: allowed there (CPython 3.11's
# compiler checks the enclosing scope: an async function or a comprehension), and it makes the
# enclosing comprehension a coroutine, which must itself sit in an async function.


async def agen(items):
    for x in items:
        yield x


def run(coro):
    try:
        coro.send(None)
    except StopIteration as e:
        return e.value
    raise AssertionError("suspended")


async def list_in_list():
    return [[i + j async for i in agen([1, 2])] for j in [10, 20]]


async def set_in_list():
    return [{i + j async for i in agen([1, 2])} for j in [10, 20]]


async def dict_in_list():
    return [{i: i + j async for i in agen([1, 2])} for j in [10, 20]]


async def genexp_in_list():
    return [[x async for x in (i + j async for i in agen([1, 2]))] for j in [10, 20]]


async def await_in_nested():
    async def one(v):
        return v
    return [[await one(i * j) for i in [1, 2]] for j in [3, 4]]


print(run(list_in_list()))
print(run(set_in_list()))
print(run(dict_in_list()))
print(run(genexp_in_list()))
print(run(await_in_nested()))

# A generator expression around an async comprehension is an async generator wherever it is.
def outer():
    return ([i async for i in agen(range(3))] for _ in range(2))


g = outer()
print(type(g).__name__)


async def drain():
    return [x async for x in g]


print(run(drain()))

for src in [
    "def f():\n    return [[i async for i in a] for j in b]",
    "def f():\n    return [[await x for i in a] for j in b]",
    "[[i async for i in a] for j in b]",
    "lambda: [i async for i in a]",
    "def f():\n    return [i async for i in a]",
    "async def f():\n    return [[[i async for i in a] for j in b] for k in c]",
    "def f():\n    return ([i async for i in a] for j in b)",
]:
    try:
        compile(src, "<s>", "exec")
        print("ok")
    except SyntaxError as e:
        print("SyntaxError:", e.msg, e.lineno)
