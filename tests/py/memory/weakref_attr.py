# obj.__weakref__ is the first weak reference (None without one); classes that add weak
# reference support have the attribute, __slots__ classes only with "__weakref__".
import _weakref


class A:
    pass


class B(A):
    pass


class S:
    __slots__ = ("x",)


a = A()
print(a.__weakref__)
r = _weakref.ref(a)
print(a.__weakref__ is r)
print("__weakref__" in A.__dict__, "__weakref__" in B.__dict__, hasattr(S(), "__weakref__"))
b = B()
rb = _weakref.ref(b, lambda x: None)
print(b.__weakref__ is rb)
