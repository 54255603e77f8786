# type(name, bases, ns, **kw) hands over to the most derived metaclass of the bases, whose
# __new__ and __init__ both run; builtin types all have a __doc__ (None.__doc__ is None).
class Meta(type):
    def __new__(mcls, name, bases, ns, **kw):
        print("Meta.__new__", name, sorted(kw))
        return super().__new__(mcls, name, bases, ns)

    def __init__(cls, name, bases, ns, **kw):
        print("Meta.__init__", name, sorted(kw))


class A(metaclass=Meta):
    pass


B = type("B", (A,), {"x": 1}, flag=1)
print(type(B).__name__, B.x, issubclass(B, A))


class Other(type):
    pass


class C(metaclass=Other):
    pass


try:
    type("D", (A, C), {})
except TypeError as e:
    print("TypeError:", e)

print(None.__doc__, type(None).__doc__)
print(type(...).__doc__ is None or isinstance(type(...).__doc__, str))

import enum


class Color(enum.Enum):
    RED = 1
    GREEN = 2


print(list(Color), Color(2), Color["RED"].value)
