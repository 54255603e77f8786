# memoryview over bytes and bytearray: items, slices with steps, writes through, release.
b = b"abcdef"
m = memoryview(b)
print(len(m), m[0], m[-1], m.readonly, m.format, m.itemsize, m.nbytes, m.ndim, m.shape, m.strides)
print(m.tobytes(), m.tolist()[:3], bytes(m[1:3]), m[::2].tobytes(), m[::-1].tobytes(), m.obj is b)
print(m == b, m == b"x", m[1:3] == b"bc", m.hex(), hash(m) == hash(b))
ba = bytearray(b"hello")
w = memoryview(ba)
w[0] = ord("j")
w[1:3] = b"EL"
print(ba, w.readonly, list(w))
w[::2] = b"xyz"
print(ba)
for f in [lambda: w.__setitem__(0, 300), lambda: m.__setitem__(0, 1), lambda: w.__setitem__(slice(0, 2), b"x"),
          lambda: m[10], lambda: m["a"], lambda: memoryview(5), lambda: hash(w), lambda: w.__delitem__(0)]:
    try:
        f()
    except Exception as e:
        print(type(e).__name__, e)
c = m.cast("c")
print(c[0], c.format, m.cast("b")[0])
with memoryview(b"xyz") as v:
    print(v.tobytes())
print(repr(v).startswith("<released memory at 0x"))
try:
    len(v)
except ValueError as e:
    print(e)
print(b"".join([memoryview(b"ab"), b"cd"]), bytearray(memoryview(b"q")), bytes(memoryview(bytearray(b"z"))))
