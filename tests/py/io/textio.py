# io.TextIOWrapper over BytesIO: encodings, errors, newline modes on read and write,
# line_buffering and write_through, read/readline/iteration, tell/seek cookies (also inside
# multi-byte characters and pending \r), reconfigure, detach and the error messages.
import io

def wrap(data=b"", **kw):
    return io.TextIOWrapper(io.BytesIO(data), **kw)

t = wrap("h\u00e9llo\nw\u00f6rld\n\u20ac\n".encode())
print(t.encoding, t.errors, t.line_buffering, t.write_through, t.newlines)
print(repr(t.read(2)), repr(t.readline()), t.readlines())
print(t.read(), repr(t.read(5)))
for nl in [None, "", "\n", "\r", "\r\n"]:
    t = wrap(b"a\nb\r\nc\rd\r", newline=nl)
    print(repr(nl), t.readlines(), t.newlines)
    b = io.BytesIO()
    w = io.TextIOWrapper(b, newline=nl)
    w.write("x\ny\r\nz")
    w.flush()
    print("   write", b.getvalue())
t = wrap(b"one\r\ntwo\rthree\n")
print([t.readline() for _ in range(4)], t.newlines)
t = wrap(b"abc\ndef\n")
print(list(t))
try:
    t.tell()
except OSError as e:
    print("OSError", e)
t = wrap(b"abc\ndef\n")
for line in t:
    pass
print(t.tell())

data = "\u00e9t\u00e9\n\u20acuro\r\nline\n".encode()
t = wrap(data, newline=None)
cookies = []
while True:
    cookies.append(t.tell())
    c = t.read(1)
    if not c:
        break
print(cookies)
for c in cookies[::3]:
    t.seek(c)
    print(c, repr(t.read(3)))
t._CHUNK_SIZE = 2
t.seek(0)
got = []
while True:
    pos = t.tell()
    ch = t.read(1)
    if not ch:
        break
    got.append((pos, ch))
print(got)
t.seek(got[5][0])
print(repr(t.read()))

b = io.BytesIO()
w = io.TextIOWrapper(b, encoding="ascii", errors="replace")
w.write("caf\u00e9 \u20ac")
w.flush()
print(b.getvalue())
for errors in ["strict", "ignore", "backslashreplace", "xmlcharrefreplace"]:
    b = io.BytesIO()
    w = io.TextIOWrapper(b, encoding="latin-1", errors=errors)
    try:
        w.write("\u00ff\u20ac!")
        w.flush()
        print(errors, b.getvalue())
    except UnicodeEncodeError as e:
        print(errors, "UnicodeEncodeError", e.start, e.end, e.reason)
try:
    wrap(b"\xff\xfe ok").read()
except UnicodeDecodeError as e:
    print("UnicodeDecodeError", e.encoding, e.reason)
print(repr(wrap(b"\xff ok", errors="replace").read()), repr(wrap(b"\xff ok", errors="ignore").read()))
print(repr(wrap(b"\xe9t\xe9", encoding="latin-1").read()))

class Log(io.BytesIO):
    def write(self, b):
        print("  raw write", bytes(b))
        return super().write(b)
    def flush(self):
        print("  raw flush")
        return super().flush()
w = io.TextIOWrapper(Log(), line_buffering=True)
w.write("no newline ")
print("--")
w.write("newline\n")
print("-- write_through")
w = io.TextIOWrapper(Log(), write_through=True)
w.write("a")
w.write("b")
print("-- reconfigure")
w = io.TextIOWrapper(Log())
w.write("x")
w.reconfigure(line_buffering=True)
w.write("y\n")
print(w.line_buffering)
t = wrap(b"abc\n")
t.reconfigure(encoding="latin-1", newline="")
print(t.encoding, t.errors, repr(t.readline()))
t.read()
try:
    t = wrap(b"abc\ndef")
    t.readline()
    t.reconfigure(encoding="ascii")
except io.UnsupportedOperation as e:
    print("UnsupportedOperation", e)

t = wrap(b"xyz")
buf = t.detach()
print(buf.getvalue())
for op in [lambda: t.read(), lambda: t.buffer, lambda: repr(t)]:
    try:
        print(op())
    except ValueError as e:
        print("ValueError", e)
for bad in [lambda: wrap(newline="x"), lambda: wrap(newline=5), lambda: wrap(encoding=5),
            lambda: wrap(errors=1), lambda: wrap(b"").write(b"bytes"), lambda: wrap(b"").seek(1, 1),
            lambda: wrap(b"").seek(1, 2), lambda: wrap(b"").seek(0, 9), lambda: wrap(b"").seek(-1),
            lambda: wrap(b"").readline(1.5), lambda: setattr(wrap(b""), "_CHUNK_SIZE", 0),
            lambda: io.TextIOWrapper(io.BufferedReader(io.BytesIO())).write("w"),
            lambda: io.TextIOWrapper(io.BufferedWriter(io.BytesIO())).read()]:
    try:
        bad()
    except (ValueError, TypeError, OSError) as e:
        print(type(e).__name__, e)
t = wrap(b"closed")
t.close()
print(t.closed)
try:
    t.read()
except ValueError as e:
    print(e)
print(repr(wrap()), issubclass(io.TextIOWrapper, io.TextIOBase))
w = wrap()
w.mode = "w"
try:
    w.name = "nm"
except AttributeError as e:
    print(e)
print(repr(w))
