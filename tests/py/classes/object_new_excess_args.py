# object.__new__(cls, *args) rejects extra arguments unless the class overrides __init__ and not
# __new__ (CPython's excess_args rule in object_new).
def attempt(label, fn, *args, **kwargs):
    try:
        fn(*args, **kwargs)
        print(label, "ok")
    except TypeError as e:
        print(label, "TypeError", e)


class A:
    pass


attempt("A plain", object.__new__, A)
attempt("A 5", object.__new__, A, 5)
attempt("A()", A)
attempt("A(1)", A, 1)


class WithInit:
    def __init__(self, foo):
        self.foo = foo


attempt("WithInit 5", object.__new__, WithInit, 5)


class OverrideNew:
    def __new__(cls, foo, kw=0, *args, **kwds):
        return object.__new__(cls, *args, **kwds)


class OverrideInit:
    def __init__(self, foo, kw=0, *args, **kwargs):
        return object.__init__(self, *args, **kwargs)


class OverrideBoth(OverrideNew, OverrideInit):
    pass


for case in OverrideNew, OverrideInit, OverrideBoth:
    attempt(case.__name__ + "(1)", case, 1)
    attempt(case.__name__ + "(1, kw=2)", case, 1, kw=2)
    attempt(case.__name__ + "(1, 2, 3)", case, 1, 2, 3)
    attempt(case.__name__ + "(1, 2, foo=3)", case, 1, 2, foo=3)
