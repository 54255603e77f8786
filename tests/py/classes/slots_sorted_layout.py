# __slots__ members are laid out (and listed in the class dict) in sorted name order, as in
# CPython: classes listing the same names in another order share a layout, so an instance's
# __class__ can move between them and keep its values.
class G:
    __slots__ = ["a", "b"]


class H:
    __slots__ = ["b", "a"]


class I:
    __slots__ = ("a", "b")


class J:
    __slots__ = ["c", "b"]


print([k for k in vars(H) if not k.startswith("__")], [k for k in vars(J) if not k.startswith("__")])
for cls, cls2 in ((G, H), (G, I), (I, H)):
    x = cls()
    x.a = 1
    x.b = 2
    x.__class__ = cls2
    print(cls.__name__, "->", cls2.__name__, x.__class__ is cls2, x.a, x.b)
    x.__class__ = cls
    print(x.__class__ is cls, x.a, x.b)
try:
    y = G()
    y.__class__ = J
except TypeError as e:
    print("TypeError", e)


class X:
    __slots__ = ("b", "a", "__dict__", "\xe9", "Z", "_q")


print([k for k in vars(X) if k not in ("__module__", "__doc__")])
