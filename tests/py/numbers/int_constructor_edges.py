# int(): the base goes through __index__ and any out-of-range value (even 2**234) is a
# ValueError; only str/bytes/bytearray take an explicit base; __trunc__ delegation and an
# int subclass from __int__ warn with DeprecationWarning (CPython 3.11).
import array
import warnings


class Idx:
    def __init__(self, v):
        self.v = v

    def __index__(self):
        return self.v


for base in (2**100, -2**100, 1, 37, -909, 0 - 2**234, 2**234):
    try:
        int("43", base)
    except ValueError as e:
        print("ValueError:", e)
print(int("101", base=Idx(2)), int("101", Idx(36)), int("0", 0), int("0x1f", 0))
for x in (memoryview(b"100"), array.array("B", b"100"), b"100", bytearray(b"100")):
    print(int(x), end=" ")
    try:
        print(int(x, 2))
    except TypeError as e:
        print("TypeError:", e)


class JustTrunc:
    def __trunc__(self):
        return 42


class TruncIndex:
    def __trunc__(self):
        return Idx(7)


class TruncBad:
    def __trunc__(self):
        return "x"


class IntSub(int):
    pass


class ReturnsSub:
    def __int__(self):
        return IntSub(5)


with warnings.catch_warnings(record=True) as w:
    warnings.simplefilter("always")
    print(int(JustTrunc()), int(TruncIndex()), type(int(ReturnsSub())).__name__)
    try:
        int(TruncBad())
    except TypeError as e:
        print("TypeError:", e)
for m in w:
    print(m.category.__name__, m.message)
with warnings.catch_warnings():
    warnings.simplefilter("error")
    try:
        int(JustTrunc())
    except DeprecationWarning as e:
        print("DeprecationWarning:", e)
