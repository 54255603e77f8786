import math
print(math.sqrt(16), math.sqrt(2), math.floor(2.7), math.floor(-2.1), math.ceil(2.1), math.ceil(-2.7))
print(math.pi, math.e, math.tau, math.inf, -math.inf)
print(math.isnan(math.nan), math.isinf(math.inf), math.isfinite(1.0), math.isnan(1.0), math.isinf(-math.inf))
print(math.gcd(12, 18), math.gcd(0, 5), math.gcd(2 ** 100, 6 ** 50), math.lcm(4, 6))
print(math.factorial(0), math.factorial(10), math.factorial(30))
print(math.log(math.e), math.log(8, 2), math.log10(1000), math.log2(1024), math.log(1))
print(math.sin(0), math.cos(0), round(math.sin(math.pi / 2), 10), round(math.tan(math.pi / 4), 10))
print(math.isclose(0.1 + 0.2, 0.3), math.isclose(1.0, 1.1), math.isclose(1.0, 1.05, rel_tol=0.1))
print(math.fabs(-3), math.pow(2, 10), math.exp(0), math.trunc(-3.7), math.hypot(3, 4))
print(type(math.floor(2.5)).__name__, type(math.sqrt(4)).__name__, math.floor(10 ** 20 + 0.0) == 10 ** 20)
print(math.copysign(1, -0.0), math.fsum([0.1] * 10), sum([0.1] * 10), math.comb(5, 2), math.perm(5, 2))
print(math.isqrt(99), math.degrees(math.pi), math.radians(180) == math.pi, math.atan2(1, 1) == math.pi / 4)
for bad in (lambda: math.sqrt(-1), lambda: math.log(0), lambda: math.factorial(-1)):
    try:
        bad()
    except ValueError as e:
        print("ValueError:", e)
