print(list(enumerate("abc")))
print(list(enumerate("abc", start=1)), list(enumerate([10, 20], 100)))
for i, (a, b) in enumerate(zip("xy", [1, 2]), 1):
    print(i, a, b)
print(list(zip([1, 2, 3], "ab")))
print(list(zip()), list(zip([1, 2])), list(zip(range(3), range(10, 13), "abc")))
print(dict(zip("abc", range(3))))
pairs = [(1, 'a'), (2, 'b'), (3, 'c')]
nums, letters = zip(*pairs)
print(nums, letters)
e = enumerate([5, 6])
print(next(e), next(e), next(e, 'end'))
z = zip(iter([1, 2, 3]), iter([4]))
print(list(z), list(z))
try:
    list(zip([1, 2], [3], strict=True))
except ValueError as err:
    print("ValueError:", err)
