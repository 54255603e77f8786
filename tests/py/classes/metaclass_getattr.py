# A metaclass's __getattr__ is a fallback: class attributes (own, inherited, added by the
# metaclass's __new__ into a __prepare__ namespace) are found first, as CPython's enum needs.
class D(dict):
    def __setitem__(self, k, v):
        super().__setitem__(k, v)
class M(type):
    @classmethod
    def __prepare__(metacls, cls, bases, **kwds):
        return D()
    def __new__(metacls, cls, bases, classdict, **kw):
        classdict["_added_"] = {}
        return super().__new__(metacls, cls, bases, classdict, **kw)
    def __getattr__(cls, name):
        if name.startswith("__"):
            raise AttributeError(name)
        return "fallback " + name
class B:
    inherited = 2
class E(B, metaclass=M):
    x = 1
print(E.x, E.inherited, E._added_, E.missing)
class G(type):
    def __getattribute__(cls, name):
        return "always " + name
class F(metaclass=G):
    y = 1
print(F.y)
