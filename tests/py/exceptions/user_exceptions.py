class AppError(Exception):
    """Base for the app."""
class NotFound(AppError):
    def __init__(self, key):
        super().__init__(f"{key} not found")
        self.key = key
class WithStr(AppError):
    def __str__(self):
        return "custom str: " + ", ".join(map(str, self.args))
class Coded(Exception):
    def __init__(self, code, msg):
        self.code = code
        self.msg = msg
try:
    raise NotFound("user42")
except AppError as e:
    print(type(e).__name__, e, e.key, e.args, repr(e))
e = WithStr(1, 2)
print(str(e), repr(e), e.args)
c = Coded(404, "missing")
print(c.code, c.msg, c.args, str(c), repr(c))
print(str(AppError()), repr(AppError()), AppError.__doc__)
print(str(AppError("one")), str(AppError("a", "b")), repr(AppError("a", 1)))
print(issubclass(NotFound, Exception), issubclass(NotFound, BaseException), NotFound.__mro__[2].__name__)
try:
    raise AppError
except AppError as err:
    print("class raised:", repr(err))
