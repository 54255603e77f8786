# Builtin types carry their own __new__ (CPython's tp_new wrapper), and type has __setattr__ /
# __delattr__ / __getattribute__, so metaclasses and subclasses reach them through super().
print("__new__" in int.__dict__, int.__new__(int, 5), "__new__" in str.__dict__)
class I(int):
    def __new__(cls, v):
        return super().__new__(cls, v * 2)
print(I(4), type(I(4)).__name__)
for bad in [lambda: int.__new__(str), lambda: int.__new__(5), lambda: int.__new__()]:
    try:
        bad()
    except TypeError as e:
        print(e)
class M(type):
    def __setattr__(cls, name, value):
        super().__setattr__(name, value * 10)
    def __delattr__(cls, name):
        print("deleting", name)
        super().__delattr__(name)
class C(metaclass=M):
    x = 1
C.y = 2
print(C.y)
del C.x
print(hasattr(C, "x"), type.__getattribute__(C, "y"))
