# A class's __module__ can be reassigned (CPython's abc.py does ABCMeta.__module__ = 'abc').
class A:
    pass
print(A.__module__)
A.__module__ = "elsewhere"
print(A.__module__, repr(A))
try:
    int.__module__ = "x"
except TypeError as e:
    print(e)
try:
    del A.__module__
except TypeError as e:
    print(e)
