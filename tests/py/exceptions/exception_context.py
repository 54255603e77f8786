try:
    try:
        raise ValueError("first")
    except ValueError:
        raise TypeError("second")
except TypeError as e:
    print(repr(e), repr(e.__context__), e.__cause__, e.__suppress_context__)
try:
    try:
        raise ValueError("first")
    finally:
        raise KeyError("from finally")
except KeyError as e:
    print(repr(e), repr(e.__context__))
def handler():
    try:
        1 / 0
    except ZeroDivisionError as exc:
        return exc
ex = handler()
print(repr(ex), ex.__context__, ex.__traceback__ is not None)
import sys
print(sys.exc_info())
try:
    raise ValueError("active")
except ValueError:
    t, v, tb = sys.exc_info()
    print(t.__name__, v, tb is not None)
print(sys.exc_info()[0])
