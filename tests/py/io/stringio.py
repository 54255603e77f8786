# io.StringIO: positions in characters, newline modes (None, '', '\n', '\r', '\r\n'), the
# newlines attribute, seek/tell/truncate rules and messages, state, subclassing.
import io

s = io.StringIO("h\u00e9llo\nw\u00f6rld\n\u20ac end")
print(repr(s.read(3)), s.tell(), repr(s.readline()), s.readlines())
s.seek(0)
print(list(s))
s = io.StringIO()
print(s.write("abc"), s.seek(6), s.write("x"), repr(s.getvalue()))
print(s.truncate(2), s.tell(), repr(s.getvalue()))
for nl in [None, "", "\n", "\r", "\r\n"]:
    s = io.StringIO(newline=nl)
    s.write("a\nb\r\nc\rd")
    print(repr(nl), repr(s.getvalue()), s.newlines)
    s.seek(0)
    print("  ", s.readlines())
s = io.StringIO("a\r\nb\rc\n", newline=None)
print(repr(s.getvalue()), s.newlines)
for bad in [lambda: io.StringIO(b"x"), lambda: io.StringIO(newline="x"), lambda: io.StringIO(newline=1),
            lambda: io.StringIO().seek(-1), lambda: io.StringIO().seek(1, 1), lambda: io.StringIO().seek(0, 5),
            lambda: io.StringIO().write(b"b"), lambda: io.StringIO().truncate(-2), lambda: io.StringIO().detach(),
            lambda: io.StringIO().readline(1.5)]:
    try:
        bad()
    except (ValueError, TypeError, OSError) as e:
        print(type(e).__name__, e)
s = io.StringIO("xyz")
print(s.seek(0, 2), s.seek(0, 1), s.read(), s.readline(), s.line_buffering, s.encoding, s.errors)
print(s.readable(), s.writable(), s.seekable(), s.closed)
st = s.__getstate__()
print(st)
t = io.StringIO()
t.__setstate__(("restored\n", "\n", 2, None))
print(repr(t.read()))
s.close()
print(s.closed)
try:
    s.getvalue()
except ValueError as e:
    print(e)
class Lines(io.StringIO):
    def readline(self, *a):
        line = super().readline(*a)
        return line.upper()
print(list(Lines("a\nb\n")))
print(isinstance(io.StringIO(), io.TextIOBase), io.StringIO.__mro__[1:])
with io.StringIO() as w:
    print("to stringio", 1, 2, file=w, sep="-")
    print(repr(w.getvalue()))
