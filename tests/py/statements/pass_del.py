def nothing():
    pass
class Empty:
    pass
print(nothing(), Empty.__name__)
for _ in range(2):
    pass
x = 5
del x
try:
    print(x)
except NameError as e:
    print("NameError:", e)
lst = [0, 1, 2, 3, 4, 5, 6]
del lst[0]
print(lst)
del lst[::2]
print(lst)
del lst[-1]
print(lst)
d = {'a': 1, 'b': 2}
del d['a']
print(d)
class O: pass
o = O()
o.a = 1
o.b = 2
del o.a
print(hasattr(o, 'a'), o.b)
a, b = 1, 2
del a, b
print('a' in dir(), 'b' in dir())
try:
    del d['zzz']
except KeyError as e:
    print("KeyError:", e)
