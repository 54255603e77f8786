class Suppress:
    def __init__(self, *types):
        self.types = types
    def __enter__(self):
        return self
    def __exit__(self, et, ev, tb):
        if et is not None and issubclass(et, self.types):
            self.caught = ev
            return True
        return False
with Suppress(KeyError, IndexError) as s:
    [][3]
print("suppressed", repr(s.caught))
try:
    with Suppress(KeyError):
        raise ValueError("not suppressed")
except ValueError as e:
    print("escaped", e)
class Transform:
    def __enter__(self): return self
    def __exit__(self, et, ev, tb):
        if et is ZeroDivisionError:
            raise ArithmeticError("converted") from ev
try:
    with Transform():
        1 / 0
except ArithmeticError as e:
    print(repr(e), repr(e.__cause__))
