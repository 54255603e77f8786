data = [1, 5, 12, 7, 30, 2]
if (n := len(data)) > 5:
    print("long list", n)
print([y for x in data if (y := x * 2) > 10])
print(y)
i = 0
while (i := i + 1) < 4:
    print("iter", i)
print(i)
values = iter([3, 2, 1, 0, 9])
while (v := next(values)) != 0:
    print("value", v)
print((z := 5) + z)
print([last := k for k in range(4)], last)
def f():
    total = [tot := 0]
    for k in range(5):
        tot = tot + k
    return tot
print(f())
