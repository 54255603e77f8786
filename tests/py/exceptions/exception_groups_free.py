# Exceptions as ordinary objects: stored, compared, passed around, raised later.
errs = [ValueError("a"), KeyError("b"), TypeError("c")]
for e in errs:
    try:
        raise e
    except Exception as caught:
        print(caught is e, type(caught).__name__)
print(isinstance(errs[0], Exception), ValueError("a") == ValueError("a"))
def classify(exc):
    return {ValueError: "value", KeyError: "key"}.get(type(exc), "other")
print([classify(e) for e in errs])
e = RuntimeError("with attr")
e.extra = 5
try:
    raise e
except RuntimeError as r:
    print(r.extra, r.args)
print(type(ValueError).__name__, ValueError.__name__, ValueError.__base__.__name__)
def thrower(cls, *args):
    raise cls(*args)
for cls in (ValueError, OSError, ArithmeticError):
    try:
        thrower(cls, "msg")
    except Exception as ex:
        print(cls.__name__, str(ex))
