# `del obj.__dict__` empties an instance's attributes (a new dict is made when next needed);
# assigning a non-dict names its type (CPython's subtype_setdict).
class A:
    pass


a = A()
a.x = 1
for bad in (None, [], 1):
    try:
        a.__dict__ = bad
    except TypeError as e:
        print("TypeError", e)
del a.__dict__
print(a.__dict__, hasattr(a, "x"))
a.y = 2
print(a.__dict__)
del a.__dict__
del a.__dict__
print(vars(a))
a.__dict__ = {"z": 3}
print(a.z)
