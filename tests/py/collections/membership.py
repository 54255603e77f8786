l = [1, 'two', (3,), [4], None]
print(1 in l, 'two' in l, (3,) in l, [4] in l, None in l, 5 in l, 3 in l)
d = {'a': 1, 2: 'b'}
print('a' in d, 1 in d, 2 in d, 'b' in d, 'b' in d.values())
s = {1, 2, 3}
print(2 in s, 2.0 in s, True in s, '2' in s)
t = (1, 2)
print(2 in t, (1, 2) in [t], [1, 2] in [t])
class Eq:
    def __eq__(self, o): return o == 'magic'
print('magic' in [Eq()], 'other' in [Eq()])
try:
    [] in {1}
except TypeError as e:
    print("TypeError:", e)
print(1 in range(3), 'x' in 'xyz', 'xz' in 'xyz')
