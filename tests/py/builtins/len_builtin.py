print(len(""), len("abc"), len("héllo"), len("日本語"))
print(len([]), len([1, [2, 3]]), len(()), len((1,)), len({}), len({1: 2, 3: 4}))
print(len(set()), len({1, 2, 2, 3}), len(frozenset("aab")), len(range(10)), len(range(0, 10, 3)))
print(len(b"bytes"), len(bytearray(4)), len(range(10, 0, -2)), len(range(5, 0)))
print(range(-10 ** 20, 10 ** 20)[-1] == 10 ** 20 - 1)
class L:
    def __len__(self): return 7
print(len(L()))
for bad in (5, 3.0, None, len):
    try:
        len(bad)
    except TypeError as e:
        print("TypeError:", e)
