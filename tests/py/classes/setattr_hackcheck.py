# object.__setattr__ / object.__delattr__ (and type's) refuse an object whose class has a C-level
# setattr of its own between it and the one they belong to (CPython's hackcheck against Carlo
# Verre's hack); Python classes in between are transparent.
def attempt(label, fn, *args):
    try:
        fn(*args)
        print(label, "ok")
    except TypeError as e:
        print(label, "TypeError", e)
    except AttributeError as e:
        print(label, "AttributeError", e)


attempt("object.__setattr__(str)", object.__setattr__, str, "foo", 42)
attempt("object.__delattr__(str)", object.__delattr__, str, "lower")
attempt("type.__setattr__(str)", type.__setattr__, str, "foo", 42)


class A(type):
    def __setattr__(cls, key, value):
        type.__setattr__(cls, key, value)


class B:
    pass


class C(B, A):
    pass


obj = C("D", (object,), {})
attempt("via type.__setattr__", setattr, obj, "test", True)
print(obj.test)


class A2(type):
    def __setattr__(cls, key, value):
        object.__setattr__(cls, key, value)


class C2(B, A2):
    pass


attempt("via object.__setattr__", setattr, C2("D", (object,), {}), "test", True)


class Plain:
    def __setattr__(self, key, value):
        object.__setattr__(self, key, value.upper())


p = Plain()
p.x = "shout"
print(p.x)


class Sub(Plain):
    pass


s = Sub()
s.y = "again"
print(s.y)
attempt("object.__setattr__(int)", object.__setattr__, 5, "x", 1)
