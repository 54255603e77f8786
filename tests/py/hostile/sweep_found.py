# Calls the builtin sweep (tests/sweep) found crashing the interpreter (issue 12); each is a
# Python exception in CPython.
import math


def attempt(label, f):
    try:
        print(label, "->", f())
    except Exception as e:
        print(label, "->", type(e).__name__, e)


attempt("comb(1, None)", lambda: math.comb(1, None))
attempt("comb(None, 1)", lambda: math.comb(None, 1))
attempt("perm(1, None)", lambda: math.perm(1, None))
attempt("perm(5)", lambda: math.perm(5))
attempt("perm(2**63)", lambda: math.perm(2 ** 63))
attempt("comb(5, 2)", lambda: math.comb(5, 2))
