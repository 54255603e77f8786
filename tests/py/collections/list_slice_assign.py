l = list(range(10))
l[2:5] = ['a', 'b']; print(l)
l[1:1] = [100, 101]; print(l)
l[:] = [0, 1, 2, 3, 4, 5]; print(l)
l[::2] = ['x', 'y', 'z']; print(l)
l[-2:] = []; print(l)
del l[1:3]; print(l)
l = list(range(10))
del l[::3]; print(l)
del l[-1:]; print(l)
l[len(l):] = [99]; print(l)
l[1::2] = l[1::2][::-1]; print(l)
try:
    l[::2] = [1]
except ValueError as e:
    print("ValueError:", e)
l = [1, 2, 3]
l[5:10] = [4]; print(l)
l[0:2] = "ab"; print(l)
l[-100:1] = [0]; print(l)
a = [1, 2, 3]
b = a
a[:] = [9]
print(a, b, a is b)
