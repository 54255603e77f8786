# e.__traceback__ is the same object on every read, grows outwards as the exception leaves
# frames, and split()/subgroup()/derive copies of a group share it (CPython semantics).
def inner():
    raise ValueError("x")


def outer():
    inner()


try:
    outer()
except ValueError as e:
    tb = e.__traceback__
    print(tb is e.__traceback__, tb.tb_next is e.__traceback__.tb_next)
    depth = 0
    t = tb
    while t is not None:
        depth += 1
        t = t.tb_next
    print("depth", depth)
    saved = e


def reraise():
    try:
        outer()
    except ValueError as e:
        first = e.__traceback__
        try:
            raise
        finally:
            pass


try:
    reraise()
except ValueError as e:
    tb = e.__traceback__
    print("grew", tb.tb_next is not None, tb.tb_lineno > 0)

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

e2 = ValueError()
print(e2.__traceback__)
e2 = e2.with_traceback(saved.__traceback__)
print(e2.__traceback__ is saved.__traceback__)
e2.__traceback__ = None
print(e2.__traceback__)
