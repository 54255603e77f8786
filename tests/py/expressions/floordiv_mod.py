for a in (7, -7):
    for b in (2, -2):
        print(a, b, a // b, a % b, divmod(a, b))
print(7.5 // 2, 7.5 % 2, -7.5 // 2, -7.5 % 2)
print(7 // 2.0, -7 % 2.5, 7 % -2.5)
print(0 // 5, 0 % -5, -1 % 10**20)
print(10**20 // -3, 10**20 % -3)
print(-10**20 // 3, -10**20 % 3)
print(5 % 1.5, -0.0 % 5)
print(True // 1, 9 // True)
