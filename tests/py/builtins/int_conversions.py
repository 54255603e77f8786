print(int(), int(3.9), int(-3.9), int("42"), int("-17"), int("  +8  "), int("1_000"))
print(int("ff", 16), int("FF", 16), int("0xff", 16), int("0xff", 0), int("777", 8), int("0o777", 0))
print(int("1010", 2), int("0b1010", 0), int("z", 36), int("10", 3), int(True), int(b"12"))
print(int(1e20), int(2 ** 70 + 0.0), int("9" * 30))
for bad in ("x", "1.5", "", "0x", "1 2", "ff"):
    try:
        int(bad)
    except ValueError as e:
        print("ValueError:", e)
try:
    int("12", 1)
except ValueError as e:
    print("ValueError:", e)
try:
    int("9", 2)
except ValueError as e:
    print("ValueError:", e)
try:
    int(float("inf"))
except OverflowError as e:
    print("OverflowError:", e)
try:
    int(float("nan"))
except ValueError as e:
    print("ValueError:", e)
try:
    int([1])
except TypeError as e:
    print("TypeError:", e)
class WithInt:
    def __int__(self): return 99
class WithIndex:
    def __index__(self): return 7
print(int(WithInt()), int(WithIndex()), [0, 1, 2, 3, 4, 5, 6, 7][WithIndex()])
