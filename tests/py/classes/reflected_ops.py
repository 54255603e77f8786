class Money:
    def __init__(self, cents): self.cents = cents
    def __add__(self, o):
        print("__add__", type(o).__name__)
        if isinstance(o, Money):
            return Money(self.cents + o.cents)
        if isinstance(o, int):
            return Money(self.cents + o)
        return NotImplemented
    def __radd__(self, o):
        print("__radd__", type(o).__name__)
        return self.__add__(o)
    def __rsub__(self, o):
        return Money(o - self.cents)
    def __repr__(self): return f"Money({self.cents})"
print(Money(5) + Money(7))
print(10 + Money(5))
print(sum([Money(1), Money(2), Money(3)]))
print(100 - Money(30))
try:
    "x" + Money(1)
except TypeError as e:
    print("TypeError:", e)
class Sub(Money):
    def __radd__(self, o):
        print("Sub.__radd__ first")
        return Money(-1)
print(Money(1) + Sub(2))
class R:
    def __rmul__(self, o): return f"rmul({o!r})"
    def __rpow__(self, o): return f"rpow({o!r})"
    def __rtruediv__(self, o): return f"rtruediv({o!r})"
    def __rfloordiv__(self, o): return f"rfloordiv({o!r})"
    def __rmod__(self, o): return f"rmod({o!r})"
    def __rand__(self, o): return f"rand({o!r})"
print(3 * R(), 2 ** R(), 1 / R(), 1 // R(), 5 % R(), 7 & R(), [1] * R())
