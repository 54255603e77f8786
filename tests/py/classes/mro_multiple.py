class A:
    def who(self): return "A"
class B(A):
    def who(self): return "B>" + super().who()
class C(A):
    def who(self): return "C>" + super().who()
class D(B, C):
    def who(self): return "D>" + super().who()
print([k.__name__ for k in D.__mro__])
print(D().who())
class X: pass
class Y: pass
class Z: pass
class K1(X, Y): pass
class K2(Y, Z): pass
class K3(X, Z): pass
class M(K1, K2, K3): pass
print([k.__name__ for k in M.__mro__])
print([k.__name__ for k in M.mro()])
class Base:
    def __init__(self):
        print("Base init")
class Left(Base):
    def __init__(self):
        print("Left init")
        super().__init__()
class Right(Base):
    def __init__(self):
        print("Right init")
        super().__init__()
class Bottom(Left, Right):
    def __init__(self):
        print("Bottom init")
        super().__init__()
Bottom()
try:
    class Bad(A, B): pass
except TypeError as e:
    print("TypeError:", e)
