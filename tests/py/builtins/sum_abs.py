print(sum([1, 2, 3]), sum([]), sum((0.5, 0.25)), sum(range(10), 100), sum([[1], [2]], []))
print(sum([0.1] * 10), sum([1, 2.5]), sum([True, True]), sum([], start=5))
print(sum(x * x for x in range(4)), sum([10 ** 20, 10 ** 20]))
try:
    sum(["a", "b"], "")
except TypeError as e:
    print("TypeError:", e)
print(abs(-5), abs(5), abs(-2.5), abs(0), abs(-0.0), abs(-10 ** 30), abs(True), abs(float('-inf')))
class A:
    def __abs__(self): return "abs called"
print(abs(A()))
