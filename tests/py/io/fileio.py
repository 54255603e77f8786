# io.FileIO: modes and the mode attribute, closefd, opener, fileno, read/readinto/readall,
# write, seek/tell/truncate, isatty, repr, and the errors of bad arguments and closed files.
import io, os

d = os.path.join(os.environ.get("TMPDIR", "/tmp"), "minipy_fileio_%d" % os.getpid())
os.mkdir(d)
p = os.path.join(d, "raw.bin")
try:
    for mode in ["w", "wb", "w+", "x", "a", "a+", "r", "r+", "rb+"]:
        if mode.startswith("x"):
            os.remove(p)
        f = io.FileIO(p, mode)
        print(mode, f.mode, f.readable(), f.writable(), f.seekable(), f.closefd, f.name == p)
        f.close()
    f = io.FileIO(p, "w")
    print(f.write(b"0123456789"), f.write(bytearray(b"ab")), f.write(memoryview(b"cd")), f.tell())
    print(f.seek(2), f.seek(3, 1), f.seek(-1, 2), f.truncate(8), f.tell())
    f.close()
    print(f.closed, repr(f))
    f = io.FileIO(p)
    print(f.read(3), f.read(), f.read(), f.tell())
    f.seek(0)
    b = bytearray(4)
    print(f.readinto(b), b, f.readall(), f.isatty())
    try:
        f.write(b"x")
    except io.UnsupportedOperation as e:
        print("UnsupportedOperation:", e)
    fd = f.fileno()
    g = io.FileIO(fd, closefd=False)
    print(g.name == fd, g.closefd, g.mode, repr(g).startswith("<_io.FileIO name=%d mode='rb' closefd=False" % fd))
    g.close()
    os.fstat(fd)  # still open
    f.close()
    opened = []
    def opener(path, flags):
        opened.append(path == p)
        return os.open(path, flags)
    with io.FileIO(p, "r", opener=opener) as h:
        print(opened, h.read(2))
    for args, kw in [((p, "rw"), {}), ((p, "z"), {}), ((p, "rr"), {}), ((p, ""), {}), ((-1,), {}),
                     ((1.5,), {}), ((p,), {"closefd": False}), ((p,), {"opener": lambda a, b: -3}),
                     ((d,), {}), ((os.path.join(d, "missing"),), {}), ((p, "r+b+"), {})]:
        try:
            io.FileIO(*args, **kw)
        except (ValueError, TypeError, OSError) as e:
            print(type(e).__name__, str(e).replace(d, "D"))
    f = io.FileIO(p)
    f.close()
    for op in ["read", "write", "seek", "tell", "fileno", "isatty", "readable"]:
        try:
            getattr(f, op)(*([b"x"] if op == "write" else [0] if op == "seek" else []))
        except ValueError as e:
            print(op, e)
    print(issubclass(io.FileIO, io.RawIOBase), io.FileIO.__mro__)
    class Named(io.FileIO):
        pass
    with Named(p) as n:
        print(repr(n).replace(p, "P"), n.read(1))
    r, w = os.pipe()
    wf = io.FileIO(w, "w")
    rf = io.FileIO(r, "r")
    print(wf.seekable(), wf.write(b"pipe data"))
    wf.close()
    print(rf.read(), rf.read())
    rf.close()
finally:
    for name in os.listdir(d):
        os.remove(os.path.join(d, name))
    os.rmdir(d)
