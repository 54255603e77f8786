# A descriptor stored as a class's __doc__ is bound when read from the class (CPython's
# type_get_doc) as well as from an instance.
class DocDescr:
    def __get__(self, obj, otype):
        if obj:
            obj = obj.__class__.__name__ + " instance"
        if otype:
            otype = otype.__name__
        return "object=%s; type=%s" % (obj, otype)


class OldClass:
    __doc__ = DocDescr()


class NewClass(object):
    __doc__ = DocDescr()


print(OldClass.__doc__)
print(OldClass().__doc__)
print(NewClass.__doc__)
print(NewClass().__doc__)


class Plain:
    "plain doc"


print(Plain.__doc__, Plain().__doc__)
