# repr of a bound method names the function by __qualname__, else __name__, else '?' (also when
# the attribute is not a str), as CPython's method_repr.
import types


class MyCallable:
    def __call__(self, arg):
        pass


func = MyCallable()
instance = object()
method = types.MethodType(func, instance)
print(repr(method).split(" at ")[0])
func.__name__ = "name"
print(repr(method).split(" at ")[0])
func.__qualname__ = "qualname"
print(repr(method).split(" at ")[0])
func.__qualname__ = 42
print(repr(method).split(" at ")[0])


class Broken:
    def __call__(self):
        pass

    @property
    def __qualname__(self):
        raise ValueError("boom")


try:
    repr(types.MethodType(Broken(), instance))
except ValueError as e:
    print("ValueError", e)


class C:
    def m(self):
        pass


print(repr(C().m).split(" at ")[0])
