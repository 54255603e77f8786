# int.from_bytes on a subclass returns cls(value) (IntEnum members, user classes), as CPython;
# a byteorder other than 'little' or 'big' is a ValueError.
import enum


class Colour(enum.IntEnum):
    RED = 1
    GREEN = 2


class Tagged(int):
    def __new__(cls, v):
        self = super().__new__(cls, v)
        self.tag = "made by cls"
        return self


print(repr(Colour.from_bytes(b"\x02", "big")))
t = Tagged.from_bytes(b"\x01\x00", "little")
print(type(t).__name__, t, t.tag)
print(type(int.from_bytes(b"\xff", "big", signed=True)).__name__, int.from_bytes(b"\xff", "big", signed=True))
try:
    Colour.from_bytes(b"\x07", "big")
except ValueError as e:
    print("ValueError:", e)
try:
    int.from_bytes(b"\x01", "middle")
except ValueError as e:
    print("ValueError:", e)
