# io.BytesIO: reading, writing past the end, seek/tell/truncate, readline(s), readinto,
# getbuffer, pickling state, closed-file errors and subclassing.
import io

b = io.BytesIO(b"hello\nworld\nlast")
print(b.read(5), b.tell(), b.readline(), b.readlines())
print(b.read(), b.read(10), b.tell())
b.seek(0)
print(list(b))
print(b.seek(3), b.seek(2, 1), b.seek(-1, 2), b.read())
b = io.BytesIO()
print(b.write(b"abc"), b.seek(6), b.write(b"x"), b.getvalue())
print(b.truncate(4), b.tell(), b.getvalue())
b.seek(1)
print(b.write(bytearray(b"ZZ")), b.getvalue(), b.write(memoryview(b"QQ")), b.getvalue())
ba = bytearray(3)
b.seek(0)
print(b.readinto(ba), ba, b.readinto1(bytearray(10)))
print(b.readable(), b.writable(), b.seekable(), b.isatty(), b.closed)
for bad in [lambda: b.seek(-1), lambda: b.seek(0, 3), lambda: b.truncate(-1), lambda: b.write("s"),
            lambda: b.read("x")]:
    try:
        bad()
    except (ValueError, TypeError) as e:
        print(type(e).__name__, e)
buf = io.BytesIO(b"abcdef")
view = buf.getbuffer()
print(bytes(view), len(view))
view[0] = ord("Z")
print(buf.getvalue())
del view
st = buf.__getstate__()
print(st[0], st[1], st[2])
c = io.BytesIO()
c.__setstate__((b"xyz", 1, {"k": 1}))
print(c.read(), c.k)
buf.close()
print(buf.closed)
for op in ["read", "getvalue", "tell", "readline", "flush", "isatty", "readable"]:
    try:
        getattr(buf, op)()
    except ValueError as e:
        print(op, e)
class MyBytes(io.BytesIO):
    def extra(self):
        return self.getvalue().upper()
m = MyBytes(b"sub")
m.attr = 5
print(m.extra(), m.attr, isinstance(m, io.BufferedIOBase), isinstance(m, io.IOBase))
with io.BytesIO(b"ctx") as w:
    print(w.read())
print(w.closed)
import weakref
r = weakref.ref(m)
print(r() is m)
