class ConfigError(Exception):
    pass
def load():
    try:
        int("not a number")
    except ValueError as e:
        raise ConfigError("bad config") from e
try:
    load()
except ConfigError as e:
    print(e, "| cause:", type(e.__cause__).__name__, e.__cause__)
    print("suppress_context", e.__suppress_context__)
    print("context is cause", e.__context__ is e.__cause__)
try:
    try:
        1 / 0
    except ZeroDivisionError:
        raise ValueError("no cause") from None
except ValueError as e:
    print(e, e.__cause__, e.__suppress_context__, type(e.__context__).__name__)
try:
    try:
        [][0]
    except IndexError:
        raise KeyError("implicit")
except KeyError as e:
    print(repr(e), e.__cause__, type(e.__context__).__name__)
try:
    raise RuntimeError("explicit") from KeyError("src")
except RuntimeError as e:
    print(e, repr(e.__cause__), e.__context__)
try:
    raise ValueError from TypeError
except ValueError as e:
    print(repr(e), repr(e.__cause__))
