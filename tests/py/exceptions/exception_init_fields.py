# AttributeError(name=, obj=) and NameError(name=) keyword fields, OSError dropping the file names
# from args (and __reduce__ giving them back), and the type checks of __cause__ / __context__.
import pickle

e = AttributeError("Ouch", name="carry", obj=42)
print(e.args, e.name, e.obj, str(e))
e = AttributeError()
print(e.args, e.name, e.obj)
e = NameError("x", name="y")
print(e.args, e.name)
e = UnboundLocalError("u", name="v")
print(e.args, e.name)
for cls, kwargs in ((AttributeError, {"foo": 1}), (NameError, {"obj": 1}),
                    (AttributeError, {"name": 1, "name2": 2})):
    try:
        cls("m", **kwargs)
    except TypeError as err:
        print("TypeError", err)


class MyAttributeError(AttributeError):
    pass


e = MyAttributeError("m", name="n")
print(type(e).__name__, e.args, e.name)

for args in (("foo", "bar", "baz"), (2, "x", "f"), (2, "x", None), (2, "x", "f", None, "g"),
             ("foo", "bar", "baz", None, "quux"), (1, 2), (1, 2, 3, 4, 5, 6)):
    e = OSError(*args)
    print(type(e).__name__, e.args, e.filename, e.filename2, str(e))
    r = e.__reduce__()
    print("  reduce", r[0].__name__, r[1])
    e2 = pickle.loads(pickle.dumps(e))
    print("  pickled", e2.args, e2.filename, e2.filename2)
e = BlockingIOError(11, "busy", 5)
print(e.args, e.characters_written, e.filename)
e = OSError(2, "x", "f")
e.extra = 1
r = e.__reduce__()
print(r[1], r[2])

exc = Exception()
for attr in ("__cause__", "__context__"):
    for value in (1, "x", ValueError):
        try:
            setattr(exc, attr, value)
            print(attr, "set", value)
        except TypeError as err:
            print(attr, "TypeError", err)
    try:
        delattr(exc, attr)
    except TypeError as err:
        print(attr, "TypeError", err)
    setattr(exc, attr, KeyError("k"))
    print(attr, repr(getattr(exc, attr)), exc.__suppress_context__)
    setattr(exc, attr, None)
    print(attr, getattr(exc, attr))
