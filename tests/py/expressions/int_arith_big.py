a = 2 ** 64
b = 3 ** 40
print(a, b)
print(a + b, a - b, b - a)
print(a * b)
print(a * a * a)
print(a // 7, a % 7)
print(b // a, b % a)
print(divmod(a * b, 12345678901))
f = 1
for i in range(1, 31):
    f *= i
print(f)
print(f // (2 ** 20), f % 1000003)
print(-f // 7, -f % 7)
print(a << 3, a >> 3, a >> 70)
print(-a >> 1, (-a) >> 200)
print(int(str(f)) == f, str(-f)[:5])
print(123456789 * 987654321)
print((10 ** 20 + 1) * (10 ** 20 - 1))
print(2 ** 63 - 1, -2 ** 63, 2 ** 63 * 2)
