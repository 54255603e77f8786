# An instance __dict__ holding a key of a str subclass whose __eq__ replaces that very __dict__
# (obj.__dict__ = {...}), so the dict being searched loses its last reference mid-lookup. The
# attribute load (cached and generic), LOAD_METHOD's check for an instance attribute that hides
# the method, and attribute stores and deletes must keep searching the old dict safely (CPython
# holds the dict across the lookup; minipy's dict functions hold it on their __eq__ path).
# Each __eq__ call replaces the dict with a fresh one of the same shape, so the result does not
# depend on how many lookups an implementation makes.


class K(str):
    __hash__ = str.__hash__

    def __eq__(self, other):
        target = self.target
        if target is not None:
            target.__dict__ = fresh(target.shape)  # the dict being searched loses its last ref
        return str.__eq__(self, other)


def key(name, target):
    k = K(name)
    k.target = target
    return k


class Obj:
    def m(self):
        return "class method"


def fresh(shape):
    obj, items = shape
    d = {}
    for name, value in items:
        d[key(name, obj)] = value
    return d


def build(items):
    o = Obj()
    d = {}
    for name, value in items:
        d[key(name, o)] = value
    o.__dict__ = d
    return o


def check(label, fn):
    try:
        print(label, fn())
    except Exception as e:
        print(label, type(e).__name__, e)


items = [("x", 1), ("m", lambda: "instance attribute")]

o = build(items)
Obj.shape = (o, items)  # fresh() reads target.shape: a class attribute, untouched by the swaps
check("load x:", lambda: o.x)
check("load x again:", lambda: o.x)
check("getattr x:", lambda: getattr(o, "x"))
check("method m:", lambda: o.m())
check("method m again:", lambda: o.m())
check("hasattr y:", lambda: hasattr(o, "y"))


def store():
    o.x = 5
    return "stored"


def store_generic():
    setattr(o, "x", 6)
    return "stored"


def delete():
    del o.x
    return "deleted"


check("store x:", store)
check("store x again:", store)
check("setattr x:", store_generic)
check("del x:", delete)
check("x after:", lambda: o.x)
check("keys:", lambda: sorted(str(k) for k in vars(o)))
print("done")
