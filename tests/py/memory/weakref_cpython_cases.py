# Cases from CPython's test_weakref and test_gc that minipy got wrong: the order of weakref
# callbacks (newest first), ref.__new__/__init__ argument rules, proxies' __bytes__ and
# __reversed__, WeakMethod (types.MethodType(func, obj)), what a collected function looks like
# to a later finalizer, and collect()'s count for cycles of instances and resurrection.
import gc
import types
import weakref


class Obj:
    def method(self):
        return "called"


# Callbacks of one referent run newest first (weakref.finalize relies on it).
res = []
o = Obj()
fs = [weakref.finalize(o, res.append, name) for name in ("f1", "f2", "f3")]
plain = weakref.ref(o)
del o
gc.collect()
print("finalize order:", res, plain())

# ref(): __new__ ignores keywords (for subclasses' __init__), __init__ refuses them.
class MyRef(weakref.ref):
    def __init__(self, ob, callback=None, value=42):
        self.value = value
        super().__init__(ob, callback)


o = Obj()
mr = MyRef(o, value=24)
print("subclass:", mr() is o, mr.value)
r = weakref.ref(o)
for args in [(0, 0, 0, 0, 0), ()]:
    try:
        r.__init__(*args)
    except TypeError as e:
        print("TypeError:", e)
try:
    weakref.ref(o, callback=None)
except TypeError as e:
    print("TypeError:", e)
try:
    MyRef(o, None, 1)
except TypeError as e:
    print("TypeError:", e)


# Proxies forward __bytes__ and __reversed__.
class Seq:
    def __len__(self):
        return 3

    def __reversed__(self):
        return iter("cba")

    def __bytes__(self):
        return b"bytes"


s = Seq()
p = weakref.proxy(s)
print("proxy:", "".join(reversed(p)), bytes(p), "__bytes__" in dir(p), "__reversed__" in dir(p))


class BadBytes:
    def __bytes__(self):
        return 1


try:
    bytes(BadBytes())
except TypeError as e:
    print("TypeError:", e)

# WeakMethod and types.MethodType.
o = Obj()
wm = weakref.WeakMethod(o.method)
print("WeakMethod:", wm()(), type(wm()) is types.MethodType)
m = types.MethodType(Obj.method, o)
print("MethodType:", m(), m.__self__ is o)
for args in [(Obj.method,), (1, o), (Obj.method, None)]:
    try:
        types.MethodType(*args)
    except TypeError as e:
        print("TypeError:", e)
del o, m
print("dead WeakMethod:", wm())

# dict views take no arguments; object.__str__ is repr even under a parent's __str__.
for meth in ({}.keys, {}.values, {}.items):
    try:
        meth(None)
    except TypeError:
        print("TypeError from", meth.__name__)


class Parent:
    def __str__(self):
        return "parent"


class Child(Parent):
    def __repr__(self):
        return "child repr"

    __str__ = object.__str__


print("str:", str(Child()))


# A finalizer run while a collected function is cleared still finds it alive and consistent
# (CPython's test_function_tp_clear_leaves_consistent_state).
class LateFin:
    __slots__ = ("ref",)

    def __del__(self):
        global func
        func = self.ref()


class Cyclic(tuple):
    __slots__ = ()

    def __del__(self):
        self[1].ref = weakref.ref(self[0])
        global latefin
        del latefin


latefin = LateFin()


def func():
    pass


cyc = tuple.__new__(Cyclic, (func, latefin))
func.__module__ = cyc
del func, cyc
gc.collect()
print("cleared function:", repr(func.__name__), repr(func.__qualname__), func.__module__)

# collect() counts each instance of a cycle once, and resurrected objects not at all.
gc.collect()
gc.disable()


class A:
    def __init__(self):
        self.me = self


for i in range(10):
    A()
print("instances:", gc.collect())
zs = []


class Z(A):
    def __del__(self):
        zs.append(self)


Z()
print("resurrected:", gc.collect(), len(zs))
zs.clear()
print("after clear:", gc.collect())
gc.enable()
