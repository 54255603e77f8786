# e.__traceback__ gives the same traceback objects on every read, sys.exc_info() agrees with
# it, frames unwound after a read wrap the chain read before (CPython builds tracebacks as the
# exception propagates), and copies of an exception group share its traceback.
import sys


def inner():
    try:
        raise ValueError("x")
    except ValueError as e:
        inner.seen = e.__traceback__
        raise


def outer():
    inner()


try:
    outer()
except ValueError as e:
    tb = e.__traceback__
    print(tb is e.__traceback__, sys.exc_info()[2] is tb)
    chain = []
    while tb is not None:
        chain.append(tb)
        tb = tb.tb_next
    print([t.tb_frame.f_code.co_name for t in chain])
    print(chain[-1] is inner.seen, chain[-1].tb_next is None)
    e2 = e.with_traceback(chain[1])
    print(e2 is e, e.__traceback__ is chain[1])
    e.__traceback__ = None
    print(e.__traceback__)


# A re-raise in a caller grows the same chain outwards.
def reraise():
    try:
        outer()
    except ValueError:
        raise


try:
    reraise()
except ValueError as e:
    tb = e.__traceback__
    print("grew", [t.tb_frame.f_code.co_name for t in (tb, tb.tb_next)], tb.tb_lineno > 0)

# split()/subgroup()/derive copies of an exception group share its traceback.
try:
    try:
        raise TypeError(1)
    except TypeError as e:
        raise ExceptionGroup("eg", [e, ValueError(2)])
except ExceptionGroup as eg:
    g = eg
match, rest = g.split(TypeError)
print(match.__traceback__ is g.__traceback__, rest.__traceback__ is g.__traceback__)
print(g.subgroup(ValueError).__traceback__ is g.__traceback__)
print(g.exceptions[0].__traceback__ is g.exceptions[0].__traceback__)
