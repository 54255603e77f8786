# __init_subclass__ comes from the class's MRO after the class (super(cls, cls)), so a
# definition on a later base runs when the first base is a plain mixin (unittest's
# TestCase.__init_subclass__ under `class T(Mixin, TestCase)`).
class T:
    def __init_subclass__(cls, **kw):
        cls.marker = (cls.__name__, kw)
        super().__init_subclass__()


class Mixin:
    pass


class Deeper(Mixin):
    pass


class A(Mixin, T):
    pass


class B(Deeper, T, flag=1):
    pass


class C(T, Mixin):
    pass


class D(Mixin):
    pass


print(A.__dict__.get('marker'), B.__dict__.get('marker'), C.__dict__.get('marker'),
      'marker' in D.__dict__)
