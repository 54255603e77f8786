import sys
async def f(x):
    return x * 2
async def g():
    a = await f(3)
    b = [await f(i) for i in range(3)]
    return a, b
c = g()
print(type(c).__name__, c.__name__, c.__qualname__)
try:
    c.send(None)
except StopIteration as e:
    print("result", e.value)

class Sleep:
    def __await__(self):
        v = yield "tick"
        return v
async def h():
    r = await Sleep()
    return r + 1
c = h()
print(c.send(None))
try:
    c.send(41)
except StopIteration as e:
    print("h", e.value)

async def agen(n):
    for i in range(n):
        x = await Sleep()
        yield i, x
async def consume():
    out = []
    async for v in agen(2):
        out.append(v)
    out2 = [v async for v in agen(2)]
    return out, out2
c = consume()
v = c.send(None)
try:
    while True:
        print("loop got", v)
        v = c.send("s")
except StopIteration as e:
    print("consume", e.value)

class CM:
    async def __aenter__(self):
        print("enter"); return self
    async def __aexit__(self, *a):
        print("exit", a[0]); return True
async def w():
    async with CM() as m:
        raise ValueError
    async with CM():
        return 5
try:
    w().send(None)
except StopIteration as e:
    print("w", e.value)
async def e1():
    await 1
try:
    e1().send(None)
except TypeError as e:
    print(e)
c = f(1); c.close()
try:
    c.send(None)
except RuntimeError as e: print(e)
ag = agen(1)
print(type(ag).__name__, type(ag.__anext__()).__name__, type(ag.aclose()).__name__)
c = f(2); print(repr(c)[:22]); c.close()
