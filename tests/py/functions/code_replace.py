# Code objects: the co_* attributes inspect reads, and code.replace() for what does not touch
# the bytecode (types.coroutine sets CO_ITERABLE_COROUTINE this way).
import types

def f(a, /, b, *c, d, **e):
    x = 1
    def g():
        return x
    return g

co = f.__code__
print(co.co_name, co.co_qualname, co.co_argcount, co.co_posonlyargcount, co.co_kwonlyargcount)
print(co.co_nlocals, co.co_varnames, co.co_cellvars, co.co_freevars)
print(f(1, 2, d=3).__code__.co_freevars, f(1, 2, d=3).__code__.co_qualname)

co2 = co.replace(co_name="h", co_qualname="H.h", co_firstlineno=99, co_filename="other.py")
print(co2.co_name, co2.co_qualname, co2.co_firstlineno, co2.co_filename, co.co_name)
f.__code__ = co.replace(co_name="f2")
print(f(1, 2, d=3)(), f.__code__.co_name)

@types.coroutine
def gen_based():
    yield 1
print(bool(gen_based.__code__.co_flags & 0x100))

async def use():
    return await gen_based()
c = use()
print(c.send(None))
try:
    c.send(None)
except StopIteration as e:
    print("done", e.value)
try:
    co.replace(co_filename=3)
except TypeError as e:
    print(e)
