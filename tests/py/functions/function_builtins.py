# function.__builtins__ (3.10): the globals' '__builtins__' (a module gives its dict), else the
# interpreter's builtins; namedtuple's __new__ is made with {'__builtins__': {}}.
import builtins
import collections
import types


def f():
    pass


print(f.__builtins__ is builtins.__dict__)
print(types.FunctionType(f.__code__, {'__builtins__': {'x': 1}}).__builtins__)
print(types.FunctionType(f.__code__, {}).__builtins__ is builtins.__dict__)
print(types.FunctionType(f.__code__, {'__builtins__': builtins}).__builtins__ is builtins.__dict__)
print(types.FunctionType(f.__code__, {'__builtins__': 5}).__builtins__)
P = collections.namedtuple('P', 'x y')
print(P.__new__.__builtins__)

# types.FunctionType(code, globals, name=None, argdefs=None, closure=None)
def outer():
    v = 10

    def inner(a, b=2):
        return a + b + v
    return inner


inner = outer()
g = types.FunctionType(inner.__code__, {'__name__': 'm'}, 'renamed', (5,), inner.__closure__)
print(g(1), g.__name__, g.__defaults__, g.__module__, g.__qualname__)
h = types.FunctionType(f.__code__, globals(), argdefs=None)
print(h(), h.__name__)
for args, kw in [((), {}), ((1, {}), {}), ((f.__code__, 1), {}), ((f.__code__, {}, 3), {}),
                 ((f.__code__, {}, None, [1]), {}), ((inner.__code__, {}), {}),
                 ((inner.__code__, {}, None, None, ()), {}), ((inner.__code__, {}, None, None, (1,)), {}),
                 ((f.__code__, {}, None, None, 5), {}), ((f.__code__, {}), {'bad': 1}),
                 ((f.__code__, {}, None, None, None, 6), {})]:
    try:
        types.FunctionType(*args, **kw)
        print("ok")
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
