# dict(m), d.update(m), {**m}, f(**m), m | {}, dict.copy(m) and type(name, bases, m) take the
# order of a dict subclass that overrides __iter__ (OrderedDict after move_to_end), not the order
# its entries are stored in: CPython's dict_merge keeps the fast path for subclasses whose
# __iter__ is dict's own only.
from collections import OrderedDict

od = OrderedDict([("a", 1), ("b", 2), ("c", 3)])
od.move_to_end("a")
print(list(od))
print(dict(od))
d = {"z": 0}
d.update(od)
print(d)
print({**od})
print(od | {}, {} | od)
print(dict.copy(od))


def kwargs(**kw):
    return list(kw)


print(kwargs(**od))
C = type("C", (), od)
print([k for k in C.__dict__ if len(k) == 1])


# A subclass that keeps dict's __iter__ is copied as stored, and its keys()/__getitem__ are not
# called; one that overrides __iter__ is read through keys() and [].
class OnlyKeys(dict):
    def keys(self):
        print("keys() called")
        return reversed(list(dict.keys(self)))


class OwnIter(dict):
    def __iter__(self):
        return reversed(list(dict.__iter__(self)))

    def keys(self):
        print("OwnIter.keys() called")
        return list(self.__iter__())

    def __getitem__(self, k):
        return dict.__getitem__(self, k) * 10


print(dict(OnlyKeys(x=1, y=2)))
print(dict(OwnIter(x=1, y=2)))
print(OwnIter(x=1, y=2).copy())


class BadKeys(dict):
    def __iter__(self):
        return iter(dict.keys(self))

    def keys(self):
        raise RuntimeError("no keys")


try:
    dict(BadKeys(a=1))
except RuntimeError as e:
    print("RuntimeError", e)
try:
    type("D", (), BadKeys(a=1))
except RuntimeError as e:
    print("RuntimeError", e)
