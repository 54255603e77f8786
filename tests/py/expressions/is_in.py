lst = [1, 2, 3]
print(2 in lst, 5 in lst, 5 not in lst)
print('a' in 'cat', 'ct' in 'cat', '' in 'x', 'at' in 'cat')
print(1 in (1, 2), 3 in {1: 'a', 3: 'b'}, 'b' in {1: 'b'})
print(3 in range(0, 10, 3), 4 in range(0, 10, 3), -1 in range(5))
print(1.0 in [1], True in [1], 0 in [False])
print(b'ab' in b'cab', 97 in b'abc')
nan = float('nan')
print(nan in [nan], nan == nan)
x = None
print(x is None, x is not None, None is None)
print([] in [[]], () in [()], [1, [2]] in [[1, [2]]])
s = {1, 2, 3}
print(2 in s, 4 not in s)
print(type(1) is int, type('') is not str)
