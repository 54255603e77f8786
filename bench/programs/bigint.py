# Arbitrary-precision integers: factorial, pow, mod pow, division, str conversion.


def factorial(n):
    r = 1
    i = 2
    while i <= n:
        r *= i
        i += 1
    return r


def main():
    f = 1
    for _ in range(50):
        f = factorial(9000)
    # str() of ints is limited to 4300 digits by default in CPython 3.11:
    # convert the low 4000 digits only
    s = str(f % (10 ** 4000))
    digits = 0
    for ch in s:
        digits += ord(ch) - 48
    p = 3 ** 40000
    q = p // (7 ** 5000)
    m = pow(123456789, 10 ** 40, 10 ** 30 + 57)
    a = 1
    b = 1
    for _ in range(60000):
        a, b = b, a + b
    x = (f % (10 ** 50 + 151)) ^ (q & ((1 << 200) - 1))
    print("bigint", f.bit_length(), digits, q.bit_length(), len(str(q % 10 ** 3000)), m, b % 1000000007, x % 999999937, (-f) // 3 % 1000)


main()
