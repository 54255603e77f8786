print(float(), float(3), float("2.5"), float(" -1e3 "), float("inf"), float("-Infinity"), float("nan"))
print(float("1_000.5"), float(".5"), float("5."), float(True), float(10 ** 20))
try:
    float("1.2.3")
except ValueError as e:
    print("ValueError:", e)
try:
    float(10 ** 400)
except OverflowError as e:
    print("OverflowError:", e)
print(str(), str(42), str(-0.5), str([1, 'a']), str(None), str(b'x'), str((1,)), str({'a': 1}))
print(str(b'caf\xc3\xa9', 'utf-8'), str(3.0), str(1e100), str(True))
print(bool(), bool(0), bool(1), bool(-0.0), bool(""), bool(" "), bool([]), bool([[]]), bool({}), bool(range(0)))
print(repr(str("quote'd")), repr(float("-0")))
print(type(str(1)).__name__, type(float(1)).__name__, type(bool(1)).__name__)
