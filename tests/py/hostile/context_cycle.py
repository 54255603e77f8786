# Regression (issue 12): raising while handling an exception whose __context__ chain already holds
# a cycle looped forever in minipy (CPython's test_exceptions, test_no_hang_on_context_chain_cycle*).


def cycle():
    try:
        raise ValueError(1)
    except ValueError as ex:
        ex.__context__ = ex
        raise TypeError(2)


try:
    cycle()
except Exception as e:
    print(type(e).__name__, type(e.__context__).__name__, e.__context__.__context__ is e.__context__)


class A(Exception):
    pass


class B(Exception):
    pass


class C(Exception):
    pass


class D(Exception):
    pass


# A cycle further down the chain: E's context is D, D -> C -> B -> A -> C.
try:
    try:
        raise A()
    except A as a_:
        a = a_
        try:
            raise B()
        except B as b_:
            b = b_
            try:
                raise C()
            except C as c_:
                c = c_
                a.__context__ = c
                try:
                    raise D()
                except D as d_:
                    d = d_
                    raise KeyError("e")
except KeyError as e:
    print(e.__context__ is d, d.__context__ is c, c.__context__ is b, b.__context__ is a, a.__context__ is c)

# The new exception already on the chain: the link to it is cut, as CPython does.
try:
    try:
        raise A()
    except A as a_:
        a = a_
        try:
            raise B()
        except B as b_:
            b = b_
            b.__context__ = a
            raise a
except A as e:
    print(e is a, a.__context__ is b, b.__context__)
