# The cmath module: functions, branch cuts, special values and errors.
import cmath, math
print(cmath.pi == math.pi, cmath.e == math.e, cmath.tau, cmath.inf, cmath.infj, cmath.nan, cmath.nanj)
zs = [0j, 1 + 0j, -1 + 0j, 2 + 3j, -2 - 3j, 0.5j, -0.5j, 1e-300 + 1e-300j, 1e300 + 1e300j, 3, -2.5, True,
      complex(2, -0.0), complex(-2, -0.0), complex(-2, 0.0), complex(0.0, 2), complex(-0.0, 2), complex(-0.0, -2)]
names = ["sqrt", "exp", "log", "log10", "sin", "cos", "tan", "asin", "acos", "atan", "sinh", "cosh", "tanh", "asinh",
         "acosh", "atanh"]
for n in names:
    f = getattr(cmath, n)
    out = []
    for z in zs:
        try:
            out.append(repr(f(z)))
        except (ValueError, OverflowError) as e:
            out.append(type(e).__name__ + ": " + str(e))
    print(n, out)
inf, nan = float("inf"), float("nan")
specials = [complex(inf, 0), complex(-inf, 0), complex(0, inf), complex(0, -inf), complex(inf, inf), complex(-inf, inf),
            complex(nan, 0), complex(0, nan), complex(nan, nan), complex(inf, nan), complex(nan, inf), complex(inf, 2.5),
            complex(-inf, -2.5), complex(1.5, inf), complex(-0.0, -inf)]
for n in names:
    f = getattr(cmath, n)
    out = []
    for z in specials:
        try:
            out.append(repr(f(z)))
        except (ValueError, OverflowError) as e:
            out.append(type(e).__name__)
    print(n, out)
print(cmath.phase(-1), cmath.phase(complex(-1, -0.0)), cmath.phase(1j), cmath.phase(0), cmath.phase(complex(-0.0, -0.0)))
print(cmath.polar(1 + 1j), cmath.polar(-2), cmath.polar(complex(inf, nan)), cmath.rect(2, math.pi / 2), cmath.rect(1, -0.0))
print(cmath.rect(inf, 1), cmath.rect(-inf, 2), cmath.rect(0, inf), cmath.rect(nan, 0), cmath.rect(inf, 0))
print(cmath.log(8, 2), cmath.log(1j, 1j), cmath.log(-1, -1 + 0j), cmath.log10(1000j), cmath.exp(709), cmath.cosh(710 + 1j))
print(cmath.isfinite(1 + 1j), cmath.isfinite(complex(inf, 0)), cmath.isinf(complex(nan, inf)), cmath.isnan(complex(1, nan)))
print(cmath.isclose(1 + 1j, 1 + 1.0000000001j), cmath.isclose(1j, 1.1j), cmath.isclose(1j, 1.1j, rel_tol=0.2),
      cmath.isclose(0j, 1e-10j, abs_tol=1e-9), cmath.isclose(complex(inf, 1), complex(inf, 1)), cmath.isclose(nan, nan))
class HasComplex:
    def __complex__(self):
        return 4j
class HasFloat:
    def __float__(self):
        return 4.0
print(cmath.sqrt(HasComplex()), cmath.sqrt(HasFloat()), cmath.sqrt(-4), cmath.exp(0), cmath.log(math.e))
for bad in [lambda: cmath.log(0), lambda: cmath.log(1, 1), lambda: cmath.atanh(1), lambda: cmath.exp(1000),
            lambda: cmath.sinh(1000), lambda: cmath.polar(complex(1e308, 1e308)), lambda: cmath.rect(1, inf),
            lambda: cmath.sqrt("x"), lambda: cmath.sqrt(), lambda: cmath.sqrt(1, 2), lambda: cmath.isclose(1, 2, rel_tol=-1),
            lambda: cmath.isclose(1, 2, 3), lambda: cmath.rect(1j, 0), lambda: cmath.log(10 ** 400), lambda: cmath.cos(inf)]:
    try:
        print(bad())
    except Exception as e:
        print(type(e).__name__, e)
