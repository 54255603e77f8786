# type(name, bases, ns) without '__module__' takes the calling code's module (the globals'
# __name__, as CPython's type_new_set_module), checks the name, a __qualname__ and a str
# __doc__ as CPython's type_new does, and lists the class dict's entries in CPython's order.
import helper_type_call_module as helper

A = type("A", (), {})
print(A.__module__, A.__dict__["__module__"], repr(A))
print(type("B", (), {"__module__": "elsewhere"}).__module__)
print(helper.make("H").__module__)  # the helper module's code made it
print(helper.make_with(type, "I").__module__)
ns = {"__name__": "from_exec_globals"}
exec("E = type('E', (), {})", ns)
print(ns["E"].__module__)


class Meta(type):
    pass


print(Meta("M", (), {}).__module__)
print(list(A.__dict__))
print(list(type("S", (), {"__slots__": ("x",), "y": 1}).__dict__))


class K:
    "doc"


print(list(K.__dict__))
for name in ("A", "\xc4", "\U0001f40d", "B.A", "42", ""):
    T = type(name, (), {})
    print(repr(T.__name__), repr(T.__qualname__), T.__module__)
for bad in ("A\x00B", "A\udcdcB", b"A"):
    try:
        type(bad, (), {})
    except (TypeError, ValueError, UnicodeEncodeError) as e:
        print(type(e).__name__, e)
try:
    type("A", (), {"__qualname__": b"B"})
except TypeError as e:
    print("TypeError", e)
print(type("Q", (), {"__qualname__": "B.C"}).__qualname__)
for doc in ("x", "\xc4", "x\x00y", b"x", 42, None):
    print(repr(type("D", (), {"__doc__": doc}).__doc__))
try:
    type("A", (), {"__doc__": "x\udcdcy"})
except UnicodeEncodeError as e:
    print("UnicodeEncodeError", e)
C = type("C", (), {})
for bad in ("A\x00B", "A\udcdcB", b"A"):
    try:
        C.__name__ = bad
    except (TypeError, ValueError, UnicodeEncodeError) as e:
        print(type(e).__name__, e)
print(C.__name__)
C.__doc__ = "x\udcdcy"  # setting it later is allowed
print(ascii(C.__doc__))
