a, b = 0b1100, 0b1010
print(a & b, a | b, a ^ b, ~a, ~0, ~-1)
print(a << 2, a >> 2, 1 << 70, (1 << 70) >> 69)
print(-12 & 10, -12 | 10, -12 ^ 10, -12 >> 2, -1 >> 100)
print((2 ** 100 - 1) & 0xFF, (2 ** 100) | 1, (2 ** 100) ^ (2 ** 100))
print(-(2 ** 100) & 0xFFFF, ~(2 ** 100))
print(bin(a & b), hex(a | 0xF0))
print(True & False, True | False, True ^ True, type(True & True).__name__)
print(5 & 3 | 8 ^ 1)
x = 0
for i in range(0, 64, 3):
    x |= 1 << i
print(x, bin(x).count('1'))
