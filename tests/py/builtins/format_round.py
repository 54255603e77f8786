# int/float/str/bool __format__ and __round__ corners, float.hex/fromhex.
print(format(True), format(True, 'd'), format(False, '^5'), format(True, 'x'), f"{True:>6}")
print(format(10 ** 30, ','), format(-10 ** 20, '_x'), format(255, '#010b'), format(65, 'c'))
print(format(3.5, ''), format(1e300 * 10, '.2f'), format(-0.0, 'z.1f'), format(2.5, '.0f'))
print(format(1234.5, 'n'), format(0.5, '%'), format(12.0, 'g'), format(1.23456789e-5, '.3'))
print(format("abc", ''), format("abc", '.2'), format("héllo", '*^9'), format("", 'x>3'))
print((5).__format__(''), (2.5).__format__('.3f'), "x".__format__('>3'))
print(round(1234, -2), round(1250, -2), round(1350, -2), round(-1250, -2), round(10 ** 25 + 5, -1))
print(round(7, 3), round(-7, 0), round(True), type(round(True)).__name__, round(5, -10))
print(round(2.675, 2), round(-2.5), round(1e300, -300), round(0.1, 50), round(123.456, -1))
print(round(1e16 + 1), round(-0.0), round(-0.4), round(1.5, 0))
for bad in ("1.0.__format__(1)", "format(1, 'z')", "format(1.0, 'd')", "format('a', '+')",
            "round(float('inf'))", "round(float('nan'))", "round(1e308, -308)", "round(1.7e308, -308)"):
    try:
        print(eval(bad))
    except Exception as e:
        print(type(e).__name__ + ":", e)
print((1.0).hex(), (-0.5).hex(), (0.1).hex(), (5e-324).hex(), float('inf').hex(), (0.0).hex())
print(float.fromhex('0x1.8p1'), float.fromhex('-0x1p-2'), float.fromhex(' 0x1.999999999999ap-4 '))
print(float.fromhex('inf'), float.fromhex('ff'), float.fromhex((3.14).hex()) == 3.14)
try:
    float.fromhex('zz')
except ValueError as e:
    print("ValueError:", e)
