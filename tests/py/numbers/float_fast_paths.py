# The eval loop's float fast paths (float op float, float and small int mixed, comparisons)
# must give exactly what float's slots give: exactness near 2**53, division by zero, NaN,
# bool and int subclass operands, float subclasses, and huge ints.
import math

big = 2**53
vals = [0.0, -0.0, 1.5, -2.25, 1e308, float("inf"), float("-inf")]
ints = [0, 1, -3, big - 1, big, big + 1, -big - 1, 2**62, 10**30]
for x in vals:
    for i in ints:
        r = []
        for op in ("+", "-", "*", "/"):
            for a, b in ((x, i), (i, x)):
                try:
                    r.append(repr(eval("a %s b" % op)))
                except (ZeroDivisionError, OverflowError) as e:
                    r.append(type(e).__name__ + ": " + str(e))
        print(x, i, " ".join(r))
        print(x < i, x <= i, x == i, x != i, x > i, x >= i, i < x, i == x)

# comparisons that a double conversion would get wrong
f = float(big)
print(f == big + 1, f < big + 1, big + 1 > f, f >= big + 1, f == big)
print(float(2**62) == 2**62 + 1, float(2**62) < 2**62 + 1)

nan = float("nan")
print(nan == nan, nan != nan, nan < 1, nan >= 1, 1 < nan, nan == 1)
print(True + 0.5, 0.5 * True, False / 1.0, 1.5 == True, 1.0 == True)
try:
    1.0 / 0
except ZeroDivisionError as e:
    print("ZeroDivisionError:", e)
try:
    1 / 0.0
except ZeroDivisionError as e:
    print("ZeroDivisionError:", e)
try:
    0.0 / 0.0
except ZeroDivisionError as e:
    print("ZeroDivisionError:", e)


class F(float):
    def __add__(self, o):
        return "F.add"

    def __lt__(self, o):
        return "F.lt"


class I(int):
    def __radd__(self, o):
        return "I.radd"


print(F(1.0) + 2.0, 2.0 + F(1.0), F(1.0) < 2.0, 2.0 > F(1.0), 1.5 + I(2), type(1.5 * I(2)).__name__)

# in-place forms, in a loop (the accumulator case)
s = 0.0
k = 0
for j in range(1, 200):
    s += 1.0 / j
    s -= j * 0.001
    s *= 1.0000001
    k += 1
    s /= 1.0 + k * 1e-9
print(repr(s), math.isclose(s, s))
x = 3
x /= 2.0
print(x, 7 - 0.5, 0.5 - 7, -0.0 + 0, 0 + -0.0, repr(-0.0 * 5), repr(5 * -0.0))
