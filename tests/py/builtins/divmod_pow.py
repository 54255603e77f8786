print(divmod(17, 5), divmod(-17, 5), divmod(17, -5), divmod(-17, -5))
print(divmod(7.5, 2), divmod(-7.5, 2), divmod(10 ** 20, 7))
print(pow(2, 8), pow(2, -2), pow(2.0, 3), pow(-8, 1/3) if False else pow(9, 0.5))
print(pow(3, 4, 5), pow(10, 100, 97), pow(-3, 3, 7), pow(5, 0, 1))
print(pow(2, -1, 5), pow(38, -1, 97))
try:
    pow(2, -1, 4)
except ValueError as e:
    print("ValueError:", e)
try:
    pow(2.0, 2, 3)
except TypeError as e:
    print("TypeError:", e)
try:
    divmod(1, 0)
except ZeroDivisionError as e:
    print("ZeroDivisionError:", e)
print(pow(base=2, exp=5), pow(2, 5, mod=7))
