# float() parses bytes-like arguments as text, as CPython's PyFloat_FromString: bytes,
# bytearray, memoryview, array; errors name the argument's repr; str subclasses with and without
# __float__.
import array

print(float(b"1.5"), float(bytearray(b" -2.5e3 ")), float(memoryview(b"3")))
print(float(b"1_000.25"), float(b"inf"), float(b"-nan"))
print(float(array.array("b", b"42")))
for bad in (b"x", bytearray(b"1.2.3"), b"", b"1__0", memoryview(b"abc")):
    try:
        float(bad)
    except ValueError as e:
        print("ValueError:", str(e).replace(hex(id(bad)), "ID") if "memory" in str(e) else e)


class S(str):
    pass


class F(str):
    def __float__(self):
        return 9.0


print(float(S("7.25")), float(F("1.0")))
for bad in (None, [1], {}):
    try:
        float(bad)
    except TypeError as e:
        print("TypeError:", e)
