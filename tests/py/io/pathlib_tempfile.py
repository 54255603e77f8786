# pathlib and tempfile over _io: Path.write_text/read_text/write_bytes/open, os.PathLike,
# NamedTemporaryFile and mkstemp (with the audit event tempfile raises); int.from_bytes of an
# iterable (ipaddress, imported by pathlib).
import os, pathlib, sys, tempfile

events = []
sys.addaudithook(lambda event, args: events.append((event, len(args))) if event.startswith("tempfile") else None)
sys.audit("tempfile.test", 1, 2)

print(int.from_bytes(map(int, ["1", "2"]), "big"), int.from_bytes([1, 0], "little"))
for bad in [1.5, 3, "ab"]:
    try:
        int.from_bytes(bad, "big")
    except TypeError as e:
        print(e)
d = pathlib.Path(tempfile.gettempdir()) / ("minipy_pathlib_%d" % os.getpid())
d.mkdir()
p = d / "notes.txt"
print(p.name, p.suffix, isinstance(p, os.PathLike), issubclass(pathlib.PurePath, os.PathLike))
print(p.write_text("first\nsecond\n"), repr(p.read_text()))
with p.open("a") as f:
    f.write("third\n")
print(p.read_text().splitlines(), p.stat().st_size)
print(p.write_bytes(b"\x00\x01"), p.read_bytes())
p.unlink()
fd, name = tempfile.mkstemp(dir=d, suffix=".bin")
with open(fd, "wb") as f:
    f.write(b"mkstemp")
with open(name, "rb") as f:
    print(f.read(), name.endswith(".bin"))
os.remove(name)
with tempfile.NamedTemporaryFile("w+", dir=d, delete=False) as t:
    t.write("named")
    t.seek(0)
    print(t.read(), os.path.dirname(t.name) == str(d))
os.remove(t.name)
d.rmdir()
print(d.exists(), events)
