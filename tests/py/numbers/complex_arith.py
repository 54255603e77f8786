# complex arithmetic with int/float/bool mixing, powers, comparisons and their errors.
a, b = 3 + 4j, 1 - 2j
print(a + b, a - b, a * b, a / b, -a, +a, abs(a), abs(-0j))
print(a + 1, 1 + a, a - 2.5, 2.5 - a, a * True, False * a, a / 2, 2 / a, 1j * 1j)
print(complex(1e308, 1e308) / complex(1e308, 1e308), (1 + 1j) / (1e-320 + 1e-320j))
print((1 + 1j) ** 2, (1 + 1j) ** -2, 2 ** (1 + 1j), (1j) ** 0.5, (-1) ** 0.5, (-8) ** (1 / 3))
print((2 + 3j) ** 0, 0j ** 0, 0j ** 2, (1 + 2j) ** 3, (1 + 2j) ** 101, (0.5 + 0.5j) ** 100, 1j ** 1j)
print(pow(2j, 3), pow(1 + 1j, -1), (-2.0) ** 1.5, (-1.5) ** -0.5, 10 ** (2j))
print(a == a, a == 3 + 4j, a != b, 3 == 3 + 0j, 3.5 == 3.5 + 0j, 3 + 1j == 3, 2 ** 53 + 1 == complex(2 ** 53 + 1))
print(1j == "1j", [1j] == [1j], a.__eq__("x"), a.__lt__(b), (1 + 0j) == True)
errors = [
    lambda: a / 0, lambda: a / 0j, lambda: 1 / 0j, lambda: 0j ** -1, lambda: 0j ** 1j, lambda: 0j ** (-1 + 0j),
    lambda: a // 2, lambda: a % 2, lambda: divmod(a, 2), lambda: a < b, lambda: a >= 1, lambda: int(a),
    lambda: float(a), lambda: round(a), lambda: pow(a, 2, 3), lambda: pow(2, a, 3), lambda: a + "x",
    lambda: "x" * a, lambda: complex(1e308, 1e308) ** 2, lambda: (1e200j) ** 2.5, lambda: abs(complex(1e308, 1e308)),
    lambda: a + 10 ** 400, lambda: ~a, lambda: a << 1, lambda: math_floor(a),
]
import math
math_floor = math.floor
for f in errors:
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)
x = 1 + 1j
x += 1
x *= 2j
x /= 1 - 1j
x **= 2
print(x, sum([1j, 2, 3.5]), sum([0.5j] * 4, 1j))
print(sorted([3 + 0j, 1j], key=abs), max([1j, 2j, -3j], key=lambda z: z.imag))
