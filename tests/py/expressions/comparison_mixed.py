print(1 == 1.0, 1 < 1.5, 2 ** 100 == 2.0 ** 100, 2 ** 100 + 1 == 2.0 ** 100)
print(10 ** 400 > float('inf'), -10 ** 400 < float('-inf'), 10 ** 400 > 1e308)
print(True == 1.0, 0.0 == False, '1' == 1, [1] == (1,), [] == ())
print([1, 2] == [1, 2], (1, [2]) == (1, [2]), {1: [2]} == {1: [2]})
print('a' < 'b', 'B' < 'a', 'abc' < 'ab', '' < 'a', 'Z' < 'a' < 'z')
print((1, 2) < (1, 2, 3), (2,) > (1, 99), [3] > [2, 9])
print(max([1, 2], [1, 1, 5]), min('apple', 'Apple'))
try:
    print(1 < 'a')
except TypeError as e:
    print("TypeError:", e)
try:
    print([1] < (1,))
except TypeError as e:
    print("TypeError:", e)
print(None == 0, None is None)
