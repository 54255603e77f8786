def shout(fn):
    def wrapper(*a, **k):
        return fn(*a, **k).upper()
    return wrapper
@shout
def hello(name):
    return "hello " + name
print(hello("world"), hello.__name__)
calls = []
def trace(fn):
    def wrapper(*args):
        calls.append(fn.__name__ + str(args))
        return fn(*args)
    wrapper.__name__ = fn.__name__
    return wrapper
@trace
def add(a, b):
    return a + b
print(add(1, 2), add(3, 4), calls, add.__name__)
def twice(fn):
    def w(x):
        return fn(fn(x))
    return w
@twice
@shout
def echo(s):
    return s + "!"
print(echo("a"))
def register(table):
    def deco(fn):
        table[fn.__name__] = fn
        return fn
    return deco
REG = {}
@register(REG)
def alpha(): return 1
@register(REG)
def beta(): return 2
print(sorted(REG), REG['beta']())
