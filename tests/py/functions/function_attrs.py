def documented(a, b=1):
    """Return the sum."""
    return a + b
print(documented.__name__, documented.__doc__)
print(documented.__defaults__)
print(documented.__code__.co_argcount, documented.__code__.co_name)
def nodoc(): pass
print(nodoc.__doc__)
documented.custom = "attr"
print(documented.custom)
def outer():
    def inner(): pass
    return inner
print(outer().__name__, outer().__qualname__)
class C:
    def meth(self): pass
print(C.meth.__name__, C.meth.__qualname__)
print(callable(documented), type(documented).__name__)
def annotated(x: int, y: "str" = "a") -> bool:
    return True
print(annotated.__annotations__)
print(documented.__module__)
