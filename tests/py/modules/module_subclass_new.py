# types.ModuleType(name, doc=None): __new__ makes an empty module of the class asked for (a
# subclass keeps its class and its __init__ runs), __init__ names it; a module's __class__ may
# be set to a ModuleType subclass and back.
import types

MT = types.ModuleType


class MM(MT):
    def __init__(self, name):
        MT.__init__(self, name)
        self.extra = "init ran"


a = MM("a")
print(type(a).__name__, a.__name__, a.extra, isinstance(a, MT))
for args, kwargs in (((), {}), ((1,), {}), (("a", "d", "x"), {}), (("a",), {"doc": "x"}),
                     (("a",), {"name": "x"}), ((), {"foo": 1}), ((), {"name": "n", "doc": "d"}),
                     (("a",), {"foo": 1}), (("a", "b"), {"doc": 1})):
    try:
        m = MT(*args, **kwargs)
        print(m.__name__, m.__doc__, m.__package__, m.__loader__, m.__spec__)
    except TypeError as e:
        print("TypeError", e)
m = MT.__new__(MT)
print(m.__dict__, hasattr(m, "__name__"), hasattr(m, "foo"))
m.foo = 1
print(m.__dict__)
MT.__init__(m, "late", "doc")
print(sorted(m.__dict__.items(), key=lambda kv: kv[0]))


class SubType(MT):
    a = 1


m = MT("m")
print(m.__class__ is MT, hasattr(m, "a"))
m.__class__ = SubType
print(m.__class__ is SubType, hasattr(m, "a"), m.__name__)
m.__class__ = MT
print(m.__class__ is MT, hasattr(m, "a"))


class A:
    pass


for obj, cls in ((1, bool), (A(), int), (m, A)):
    try:
        obj.__class__ = cls
    except TypeError as e:
        print("TypeError", e)
m = MT("ann")
m.__annotations__ = {"a": int}
print(m.__dict__["__annotations__"], m.__annotations__)
del m.__annotations__
print("__annotations__" in m.__dict__)
try:
    del m.__annotations__
except AttributeError as e:
    print("AttributeError", e)
print(m.__annotations__, "__annotations__" in m.__dict__)


class WithProp(MT):
    @property
    def value(self):
        return self.__dict__.get("_v", 0)

    @value.setter
    def value(self, v):
        self.__dict__["_v"] = v * 2


w = WithProp("w")
w.value = 21
print(w.value, "value" in w.__dict__)


# dir(module) goes through the __dict__ attribute (CPython's module_dir).
class M2(MT):
    def getdict(self):
        return "Not a dict!"

    __dict__ = property(getdict)


class Foo(MT):
    __dict__ = 8


m2 = M2("m2")
m2.b = 2
print(m2.__dict__)
for mod in (m2, Foo("foo")):
    try:
        dir(mod)
    except TypeError as e:
        print("TypeError", e)
plain = MT("plain")
plain.b = 2
plain.a = 1
print([x for x in dir(plain) if not x.startswith("__")])
plain.__dir__ = lambda: ["custom"]
print(dir(plain))
