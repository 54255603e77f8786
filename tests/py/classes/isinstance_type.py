class A: pass
class B(A): pass
class C: pass
b = B()
print(isinstance(b, A), isinstance(b, (C, A)), isinstance(b, C), isinstance(b, object))
print(issubclass(B, A), issubclass(B, (C,)), issubclass(A, A), issubclass(bool, int))
print(type(b).__name__, b.__class__.__name__, type(b) is B, type(b) == A)
print(type(A).__name__, type(type).__name__, type(None).__name__, type(len).__name__)
print(isinstance(A, type), isinstance(3, int), isinstance(True, int), isinstance(3, (str, float)))
print(B.__name__, B.__qualname__, B.__module__, A.__bases__[0].__name__)
T = type('T', (A,), {'x': 5, 'hi': lambda self: 'hi from T'})
t = T()
print(T.__name__, t.x, t.hi(), isinstance(t, A))
print(object.__name__, int.__mro__[-1].__name__, [k.__name__ for k in bool.__mro__])
try:
    isinstance(b, 3)
except TypeError as e:
    print("TypeError:", e)
print(b.__class__ is B, b.__class__.__bases__[0] is A)
