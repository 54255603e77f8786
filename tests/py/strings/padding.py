print("42".zfill(5), "-42".zfill(5), "+7".zfill(4), "abc".zfill(2), "".zfill(3))
print("[" + "mid".center(9) + "]", "[" + "mid".center(8, "*") + "]", "[" + "ab".center(5, "-") + "]")
print("[" + "left".ljust(8) + "]", "[" + "left".ljust(8, ".") + "]", "[" + "right".rjust(8) + "]", "[" + "right".rjust(8, "0") + "]")
print("[" + "toolong".center(3) + "]", "[" + "x".ljust(0) + "]")
print("a\tb\tc".expandtabs(), "a\tbc\td".expandtabs(4), "12345678\tx".expandtabs(8))
try:
    "x".center(5, "ab")
except TypeError as e:
    print("TypeError:", e)
