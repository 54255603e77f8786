# The io module on _io: the class hierarchy and the ABCs io.py registers, UnsupportedOperation,
# module constants and functions, Python subclasses of the bases (readline/iteration through
# read and peek, readinto via read), and the finalizer closing (and flushing) unclosed files.
import io, os

print(io.DEFAULT_BUFFER_SIZE, io.SEEK_SET, io.SEEK_CUR, io.SEEK_END)
print(io.UnsupportedOperation.__mro__, io.UnsupportedOperation.__module__)
print(io.BlockingIOError is BlockingIOError, io.open is open, open.__name__)
print(io.text_encoding(None), io.text_encoding("latin-1"))
for cls in [io.FileIO, io.BytesIO, io.StringIO, io.BufferedReader, io.BufferedWriter, io.BufferedRandom,
            io.BufferedRWPair, io.TextIOWrapper]:
    print(cls.__name__, cls.__module__, [abc.__name__ for abc in (io.IOBase, io.RawIOBase, io.BufferedIOBase, io.TextIOBase)
                                         if issubclass(cls, abc)])
print(io.IOBase.__mro__)

class Chunks(io.RawIOBase):
    def __init__(self, data):
        self.data = data
    def readable(self):
        return True
    def readinto(self, b):
        n = min(len(b), 2, len(self.data))
        b[:n] = self.data[:n]
        self.data = self.data[n:]
        return n
c = Chunks(b"ab\ncd\nef")
print(c.read(3), c.readline(), c.readall(), c.read())
print(list(Chunks(b"1\n22\n333")), Chunks(b"x\ny\nz").readlines(2))

class Peeker(io.BufferedIOBase):
    def __init__(self, data):
        self.data = data
        self.peeks = 0
    def readable(self):
        return True
    def peek(self, n=0):
        self.peeks += 1
        return self.data
    def read(self, n=-1):
        if n < 0:
            n = len(self.data)
        r, self.data = self.data[:n], self.data[n:]
        return r
p = Peeker(b"first\nsecond")
print(p.readline(), p.peeks, p.readline(), p.readline())
p = Peeker(b"abcdef")
b = bytearray(4)
print(p.readinto(b), b)

base = io.IOBase()
print(base.readable(), base.writable(), base.seekable(), base.closed, base.isatty())
for op in ["fileno", "seek", "truncate", "tell"]:
    try:
        getattr(base, op)(*([0] if op == "seek" else []))
    except io.UnsupportedOperation as e:
        print(op, "UnsupportedOperation", e)
base.close()
print(base.closed)
try:
    base.flush()
except ValueError as e:
    print(e)
try:
    iter(base)
except ValueError as e:
    print(e)
for meth in ["read", "write", "detach", "readline"]:
    try:
        getattr(io.TextIOBase(), meth)(*(["x"] if meth == "write" else []))
    except io.UnsupportedOperation as e:
        print("TextIOBase", meth, e)
print(io.TextIOBase().encoding, io.TextIOBase().newlines, io.TextIOBase().errors)

d = os.path.join(os.environ.get("TMPDIR", "/tmp"), "minipy_iomod_%d" % os.getpid())
os.mkdir(d)
try:
    path = os.path.join(d, "unclosed.txt")
    f = open(path, "w")
    f.write("written without close")
    del f  # the finalizer closes and flushes it
    with open(path) as g:
        print(g.read())
    with io.open_code(path) as h:
        print(type(h).__name__, h.read(7))
    class Noisy(io.FileIO):
        def close(self):
            print("closing", type(self).__name__)
            super().close()
    n = Noisy(path)
    del n
finally:
    for name in os.listdir(d):
        os.remove(os.path.join(d, name))
    os.rmdir(d)
