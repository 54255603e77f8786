# T.__new__(S) refuses an S whose instances T's __new__ cannot make (CPython's tp_new_wrapper
# check): object.__new__(list) would be a list without its storage.
cases = [
    lambda: object.__new__(list),
    lambda: object.__new__(dict),
    lambda: object.__new__(ValueError),
    lambda: int.__new__(bool),
    lambda: list.__new__(object),
    lambda: object.__new__(),
    lambda: object.__new__(""),
]


class L(list):
    pass


class ObjNew(list):
    __new__ = object.__new__


class ListNew(object):
    __new__ = list.__new__


class PyNew(list):
    def __new__(cls, *a):
        return super().__new__(cls)


class Plain:
    pass


class PlainPyNew(Plain):
    def __new__(cls):
        return object.__new__(cls)


# (object.__new__ of a class derived from a builtin type makes the builtin base's instance on
# minipy, where CPython refuses it: super().__new__ in a metaclass reaches type's new that way.)
cases += [lambda: ObjNew(), lambda: ListNew()]
for make in cases:
    try:
        r = make()
        print("made", type(r).__name__)
    except TypeError as e:
        print("TypeError:", e)

print(type(list.__new__(L)).__name__, type(list.__new__(PyNew)).__name__, PyNew([1, 2]))
print(type(object.__new__(Plain)).__name__, type(PlainPyNew()).__name__)
print(type(dict.__new__(dict)).__name__, type(BaseException.__new__(ValueError)).__name__)
