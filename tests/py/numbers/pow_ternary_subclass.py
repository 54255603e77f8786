# Three-argument pow() on an int subclass that overrides __pow__ calls it (only the base's
# __pow__ is tried, as CPython's slot_nb_power); plain int subclasses keep int's result.
class I(int):
    def __repr__(self):
        return "I(%r)" % int(self)

    def __pow__(self, other, mod=None):
        if mod is None:
            return I(pow(int(self), int(other)))
        return I(pow(int(self), int(other), int(mod)))

    def __rpow__(self, other, mod=None):
        return I(pow(int(other), int(self), mod))


class Plain(int):
    pass


print(repr(pow(I(2), I(3), I(5))), repr(pow(I(2), 3, 5)))
print(repr(pow(2, I(3), 5)), repr(pow(2, 3, I(5))))
print(repr(I(2) ** I(3)), repr(2 ** I(3)), repr(I(2) ** 3))
print(repr(pow(Plain(2), 3, 5)), type(pow(Plain(2), 3, 5)).__name__)
print(pow(True, 2, 5), pow(3, 4, 7), pow(-2, 3, 5))
