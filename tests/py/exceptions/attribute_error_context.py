# An AttributeError raised while looking an attribute up (a __getattr__ raising a bare
# AttributeError()) gets the name and the object, as CPython's set_attribute_error_context, so
# "Did you mean" suggestions work; one that already has a name or obj keeps it.
import traceback


class A:
    blech = 1

    def __getattr__(self, name):
        raise AttributeError()


class B:
    def __getattr__(self, name):
        raise AttributeError("x", name="given")


class C:
    blech = 1

    def __getattr__(self, name):
        raise AttributeError(name, obj=None)


for obj, attr in ((A(), "bluch"), (B(), "q"), (C(), "bluch")):
    try:
        getattr(obj, attr)
    except AttributeError as e:
        print(repr(e.name), type(e.obj).__name__, traceback.format_exception_only(type(e), e)[-1].rstrip())
try:
    A().bluch
except AttributeError as e:
    print(repr(e.name), e.obj.__class__.__name__)
print(getattr(A(), "nope", "default"), hasattr(A(), "nope"))
e = AttributeError("plain")
print(e.name, e.obj)
