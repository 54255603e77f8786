# complex: literals, construction, attributes, repr/str and hashing (CPython 3.11 oracle).
z = 1 + 2j
print(z, type(z).__name__, z.real, z.imag, z.conjugate())
print(1j, 0j, -0j, -1j, 1.5e3j, 1_000j, 0.5J, 00j, 1e-5j, 1e16j, 1e300j * 10)
print(repr(complex(-0.0, 0.0)), repr(complex(0.0, -0.0)), repr(complex(-0.0, -0.0)))
inf, nan = float("inf"), float("nan")
print(complex(inf, nan), complex(nan, inf), complex(0, nan), complex(-inf, -inf), complex(1, -nan))
print(complex(), complex(2), complex(2.5), complex(True), complex(1, 2), complex(real=3, imag=4))
print(complex(1j, 1j), complex(1 + 2j, 3 + 4j), complex(2, 1j), complex(1j))
print(complex(" 1+2j "), complex("(1-2j)"), complex("-1.5e3J"), complex("j"), complex("-j"), complex("1+j"))
print(complex("inf+nanj"), complex("-Infinity-infj"), complex("1_0.5+2_5j"), complex("\u2003(3)\u2003"))
for bad in ["", "1+", "1 + 2j", "(1+2j", "1+2j)", "1j2", "1__0j", "_1j", "1_j", "jj", "1e", "0x1j", "((1j))", "1\x00j"]:
    try:
        complex(bad)
    except ValueError as e:
        print(repr(bad), "->", e)
class WithComplex:
    def __complex__(self):
        return 5 - 1j
class WithFloat:
    def __float__(self):
        return 2.5
class WithIndex:
    def __index__(self):
        return 7
class BadComplex:
    def __complex__(self):
        return 1.5
print(complex(WithComplex()), complex(WithFloat()), complex(WithIndex()), complex(WithFloat(), WithIndex()))
for args in [("1", 2), (1, "2"), ([],), (1, []), (None,), (BadComplex(),), (1, 2, 3)]:
    try:
        complex(*args)
    except TypeError as e:
        print(args[0].__class__.__name__, "->", e)
try:
    complex(x=1)
except TypeError as e:
    print(e)
print(hash(1j), hash(complex(2, 0)) == hash(2), hash(complex(1.5, -2.25)), hash(complex(0, -1)), hash(-1 + 0j))
print(hash(complex(inf, -inf)), {1: "a"}[1 + 0j], 3 + 0j in {3}, hash(complex(1e300, 1e-300)))
print(z.__getnewargs__(), (1j).__complex__(), bool(0j), bool(-0j), bool(1e-300j), bool(complex(0, nan)))
class C(complex):
    pass
c = C(1, 2)
c.tag = "x"
print(type(c).__name__, c, c.tag, type(+c).__name__, type(-c).__name__, type(c + 1).__name__, complex(c) == c)
print(C("3-4j"), type(C("3-4j")).__name__, abs(C(3, 4)))
try:
    z.real = 3
except AttributeError as e:
    print("AttributeError")
print(isinstance(1j, complex), issubclass(complex, object), complex.__name__, complex("1e309") == complex(inf))
import numbers
print(isinstance(1j, numbers.Complex), isinstance(1j, numbers.Real), isinstance(1.0, numbers.Complex))
