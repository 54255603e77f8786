print(format(3.14159, ".2f"), format(42, "05d"), format(255, "x"), format(255, "#X"), format("s", ">4"))
print(format(1234567.891, ",.2f"), format(0.256, ".1%"), format(12, "b"), format(-5, "+d"), format(5, " d"))
print(format(42), format("text"), format(None), format([1, 2]), format(1.0))
print(format(1e-7, "e"), format(123456, "e"), format(0.000123, "g"), format(12345678.0, "g"))
print(format("abc", "^9"), format("abc", "*<6"), format(3, "=+5"), format(7, "#o"))
class F:
    def __format__(self, spec):
        return f"F[{spec}]"
print(format(F(), "xyz"), f"{F():abc}", "{:q}".format(F()))
try:
    format(1, "s")
except ValueError as e:
    print("ValueError:", e)
try:
    format("x", "d")
except ValueError as e:
    print("ValueError:", e)
