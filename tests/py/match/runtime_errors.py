# match: a runtime error inside a pattern propagates with a traceback that points at the case.
class P:
    __match_args__ = "x"


def check(v):
    match v:
        case P(a):
            return a


check(P())
