print(round(0.5), round(1.5), round(2.5), round(3.5), round(-0.5), round(-1.5))
print(round(2.675, 2), round(1.005, 2), round(3.14159, 3), round(2.5, 0), round(-2.5, 0))
print(round(1234.5678, -2), round(1234, -2), round(1250, -2), round(1350, -2), round(-1250, -2))
print(round(7), round(7.0), type(round(7.5)).__name__, type(round(7.5, 1)).__name__, type(round(7, 1)).__name__)
print(round(0.125, 2), round(0.375, 2), round(10 ** 20 + 0.5), round(1e20))
print(round(5, -1), round(15, -1), round(25, -1), round(-15, -1))
try:
    round(float('inf'))
except OverflowError as e:
    print("OverflowError:", e)
try:
    round(float('nan'))
except ValueError as e:
    print("ValueError:", e)
