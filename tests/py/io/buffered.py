# BufferedReader, BufferedWriter, BufferedRandom and BufferedRWPair over in-memory and Python
# raw streams: read/read1/peek/readline/readinto, buffering of writes, flush, seek/tell,
# truncate, detach, close, raw errors and messages.
import io

class Raw(io.RawIOBase):
    """A raw stream that logs each call and hands out at most 3 bytes per read."""
    def __init__(self, data=b""):
        self.data = bytearray(data)
        self.pos = 0
        self.log = []
    def readable(self): return True
    def writable(self): return True
    def seekable(self): return True
    def readinto(self, b):
        n = min(3, len(b), len(self.data) - self.pos)
        b[:n] = self.data[self.pos:self.pos + n]
        self.pos += n
        self.log.append(("readinto", len(b), n))
        return n
    def write(self, b):
        b = bytes(b)
        self.data[self.pos:self.pos + len(b)] = b
        self.pos += len(b)
        self.log.append(("write", b))
        return len(b)
    def seek(self, pos, whence=0):
        self.pos = [pos, self.pos + pos, len(self.data) + pos][whence]
        self.log.append(("seek", pos, whence))
        return self.pos
    def tell(self):
        return self.pos

raw = Raw(b"line one\nline two\nrest")
r = io.BufferedReader(raw, buffer_size=4)
print(r.read(2), r.peek(1)[:1], r.read1(5), r.readline(), r.readline(3), r.tell())
print(r.read(), r.read(), raw.log[:4])
r.seek(0)
print(list(r))
print(r.readable(), r.writable(), r.seekable(), r.closed, r.raw is raw, repr(r))

w_raw = Raw()
w = io.BufferedWriter(w_raw, buffer_size=8)
print(w.write(b"abc"), w_raw.log, w.tell())
print(w.write(b"defghij"), w_raw.log)
w.flush()
print(w_raw.log, bytes(w_raw.data))
w.write(b"12")
print(w.seek(0), w_raw.log[-2:], bytes(w_raw.data))
w.close()
print(w.closed, w_raw.closed)
try:
    w.write(b"x")
except ValueError as e:
    print("ValueError", e)

b = io.BytesIO(b"0123456789")
rnd = io.BufferedRandom(b, 4)
print(rnd.read(3), rnd.tell(), rnd.write(b"AB"), rnd.tell(), rnd.read(2), rnd.tell())
rnd.flush()
print(b.getvalue(), rnd.seek(-2, 2), rnd.read(), rnd.truncate(5), b.getvalue())
raw2 = rnd.detach()
print(raw2 is b)
for op in [lambda: rnd.read(), lambda: rnd.raw, lambda: repr(rnd)]:
    try:
        print(op())
    except ValueError as e:
        print("ValueError", e)

pair = io.BufferedRWPair(io.BytesIO(b"from reader"), io.BytesIO())
print(pair.read(4), pair.peek(1)[:1], pair.write(b"to writer"), pair.readable(), pair.writable())
pair.flush()
print(pair.closed, pair.isatty())
pair.close()
print(pair.closed)

for bad in [lambda: io.BufferedReader(io.BytesIO(), 0), lambda: io.BufferedReader(io.BytesIO(), -1),
            lambda: io.BufferedReader(io.BytesIO()).read(-2), lambda: io.BufferedWriter(io.BytesIO()).write("s"),
            lambda: io.BufferedReader(io.BytesIO()).seek(0, 3), lambda: io.BufferedReader(io.BytesIO()).seek(1.5),
            lambda: io.BufferedReader(io.BytesIO()).truncate()]:
    try:
        bad()
    except (ValueError, TypeError, OSError) as e:
        print(type(e).__name__, e)

class ReadOnly(io.RawIOBase):
    def readable(self): return True
for cls in [io.BufferedWriter, io.BufferedRandom]:
    try:
        cls(ReadOnly())
    except io.UnsupportedOperation as e:
        print(cls.__name__, e)

class BadRaw(io.RawIOBase):
    def readable(self): return True
    def readinto(self, b): return len(b) + 5
try:
    io.BufferedReader(BadRaw()).read(1)
except OSError as e:
    print(e)

class NonBlocking(io.RawIOBase):
    def readable(self): return True
    def readinto(self, b): return None
print(io.BufferedReader(NonBlocking()).read(4))
ba = bytearray(5)
br = io.BufferedReader(io.BytesIO(b"xyz"))
print(br.readinto(ba), ba, br.readinto1(bytearray(2)))
with io.BufferedReader(io.BytesIO(b"with")) as cm:
    print(cm.read())
print(cm.closed)
print(issubclass(io.BufferedRandom, io.BufferedIOBase), io.BufferedRandom.__mro__)
