# Declarative native signatures: argument errors, defaults and __text_signature__ of native
# functions (builtins, math, sys) as CPython 3.11 reports them.
import math
import sys


def t(f):
    try:
        print(repr(f()))
    except BaseException as e:
        print(type(e).__name__, e)


# METH_NOARGS / METH_O shapes: the qualified name in the message
t(lambda: sys.getrecursionlimit(1))
t(lambda: math.sqrt())
t(lambda: math.sqrt(x=1))
t(lambda: len())
t(lambda: len(1, 2))
t(lambda: len(x=1))
# positional-only functions: "f expected N arguments, got M"
t(lambda: math.pow(1))
t(lambda: math.pow(1, 2, 3))
t(lambda: math.pow(1, y=2))
t(lambda: isinstance(1))
t(lambda: getattr(1))
t(lambda: vars(1, 2))
t(lambda: iter())
t(lambda: math.log())
# keyword functions: Argument Clinic's messages
t(lambda: math.isclose(1))
t(lambda: math.isclose(1, 2, 3))
t(lambda: math.isclose(1, b=1))
t(lambda: math.isclose(a=1))
t(lambda: math.isclose(1, 2, tol=3))
t(lambda: math.isclose(1, 2, a=3))
t(lambda: pow(1))
t(lambda: round())
t(lambda: sum())
t(lambda: sum([], 1, 2))
t(lambda: sum([1, 2], start=3))
t(lambda: sorted([], foo=2))
t(lambda: sorted())
t(lambda: math.gcd(12, 18, a=1))
# converters
t(lambda: sys.setrecursionlimit('x'))
t(lambda: sys.setrecursionlimit(1.5))
t(lambda: sys.setrecursionlimit(2**40))
t(lambda: sys.setswitchinterval('x'))
t(lambda: sys.intern(1))
t(lambda: math.sqrt('x'))
t(lambda: math.isclose(1, 2, rel_tol='x'))
t(lambda: format(1, 2))
t(lambda: chr(1.0))
t(lambda: chr(2**40))
t(lambda: math.factorial(1.0))
t(lambda: math.ldexp(1.0, 1.0))
t(lambda: sys.set_int_max_str_digits(maxdigits=5))


class Half:
    def __float__(self):
        return 0.5


class Three:
    def __index__(self):
        return 3


t(lambda: math.sqrt(Half()))
t(lambda: math.sqrt(Three()))
t(lambda: chr(Three()))
# defaults and None-as-absent
t(lambda: math.perm(5, None))
t(lambda: math.perm(5))
t(lambda: round(2.567, None))
t(lambda: round(2.567, 2))
t(lambda: pow(2, 10, 7))
t(lambda: next(iter([]), 7))
t(lambda: getattr(1, 'nope', 5))
t(lambda: math.prod([1, 2, 3], start=2))
t(lambda: math.log(8, 2))
t(lambda: math.dist([0, 0], (3, 4)))
# __text_signature__ (what inspect.signature parses)
for f in (sorted, len, pow, round, sum, divmod, format, math.pow, math.isclose, math.perm,
          math.prod, math.gcd, math.sqrt, sys.exit, sys.intern, sys.setrecursionlimit,
          sys.getrecursionlimit):
    print(f.__name__, f.__text_signature__)
for f in (getattr, iter, next, min, max, vars, dir, math.log, math.hypot, sys.getsizeof):
    print(f.__name__, f.__text_signature__)
