x = 5
print(1 < x < 10, 1 < x > 10, 1 < 2 < 3 < 4, 4 > 3 > 3)
print(1 == 1 == 1.0, 1 != 2 != 1, 1 <= 1 < 2 >= 2)
calls = []
def v(n):
    calls.append(n)
    return n
print(v(1) < v(0) < v(5))
print(calls)
calls.clear()
print(v(1) < v(2) < v(3))
print(calls)
print([1, 2] < [1, 2, 0] < [1, 3], (1, 'a') < (1, 'b'), 'abc' < 'abd' < 'b')
print(1 < 2.5 < 3, 10 ** 30 > 1e29, 2 ** 53 + 1 > 2.0 ** 53)
print(None == None, None != 0, [] == [], [] is [], () == ())
a = [1]
b = a
print(a is b, a is not b, a == [1], a is not [1])
print(x in [4, 5, 6] in [[4, 5, 6]])
