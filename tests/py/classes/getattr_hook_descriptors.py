# __getattribute__ and __getattr__ may be any descriptor, not only functions: each is bound
# through its __get__ and called with the name (CPython's call_attribute).
class Descriptor:
    counter = 0

    def __get__(self, obj, objtype=None):
        def getter(name):
            self.counter += 1
            raise AttributeError(name)

        return getter


descr = Descriptor()


class A:
    __getattribute__ = descr


class B:
    __getattr__ = descr


class C:
    __getattribute__ = descr
    __getattr__ = descr


for cls in (A, B, C):
    try:
        getattr(cls(), "attr")
    except AttributeError as e:
        print(cls.__name__, "AttributeError", e, descr.counter)


class Upper:
    def __get__(self, obj, objtype=None):
        return lambda name: name.upper()


class D:
    __getattribute__ = Upper()


print(D().hello, getattr(D(), "x"))
