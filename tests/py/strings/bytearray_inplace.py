# bytearray += and *= change the object in place: every name bound to it sees the change.
x = bytearray(b"ab")
y = x
x += b"cd"
print(x is y, y)
x += memoryview(b"ef")
x += bytearray(b"g")
print(y)
x *= 2
print(x is y, y)
x += bytes(x)
print(len(y))
x *= 0
print(x is y, y)
for bad in ("s", 1, [1]):
    try:
        x += bad
    except TypeError as e:
        print("TypeError:", e)
try:
    x *= "a"
except TypeError as e:
    print("TypeError:", e)


def grow(buf):
    buf += b"!"


b = bytearray()
grow(b)
grow(b)
print(b)
