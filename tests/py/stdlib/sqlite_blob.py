# sqlite3.Blob through Connection.blobopen: file-like reads, writes and seeks, indexing and
# slicing (with steps, negative indexes), item and slice assignment, the fixed length, errors
# with CPython's messages (a negative step is left out: CPython 3.11 fails it with SystemError), a read-only blob, an expired handle, and closing (by the blob, by a
# with block, by closing the connection).
import sqlite3
from os import SEEK_CUR, SEEK_END, SEEK_SET

cx = sqlite3.connect(":memory:")
cx.execute("create table test(b blob)")
data = b"this blob data string is exactly fifty bytes long!"
cx.execute("insert into test(b) values (?)", (data,))
blob = cx.blobopen("test", "b", 1)
print(type(blob).__name__, isinstance(blob, sqlite3.Blob), len(blob))
print(blob.read(4), blob.tell(), blob.read(), blob.tell(), blob.read())
blob.seek(10)
blob.seek(5, SEEK_CUR)
print(blob.tell(), blob.read(6))
blob.seek(-5, SEEK_END)
print(blob.read(100))
print(blob[0], blob[-1], blob[5:9], blob[-5:], blob[0:10:3], blob[5:5], blob[40:10])
blob[0] = ord("T")
blob[-1] = ord(".")
blob[5:9] = b"BLOB"
blob[10:20:2] = b"ABCDE"
blob.seek(0)
blob.write(b"Th")
print(blob.tell(), cx.execute("select b from test").fetchone()[0])

for fn in (lambda: blob.seek(1000), lambda: blob.seek(-1), lambda: blob.seek(0, 7),
           lambda: blob.seek(2**31 - 1, SEEK_END), lambda: blob[50], lambda: blob[-51],
           lambda: blob[2**64], lambda: blob[1.5], lambda: blob["a"],
           lambda: blob.__setitem__(0, b"x"), lambda: blob.__setitem__(0, 256),
           lambda: blob.__setitem__(0, 2**65), lambda: blob.__setitem__(0, -1),
           lambda: blob.__delitem__(0), lambda: blob.__delitem__(slice(0, 2)),
           lambda: blob.__setitem__(slice(0, 5), b"a"),
           lambda: blob.__setitem__(slice(0, 5, 0), b"abcde"),
           lambda: blob.__setitem__(slice(0, 3), memoryview(b"abcdef")[::2]),
           lambda: blob.__setitem__(slice(0, 3), "abc"),
           lambda: blob.write(b"x" * 100),
           lambda: blob.write("text"), lambda: sqlite3.Blob()):
    try:
        fn()
    except Exception as e:
        print(type(e).__name__, e)

blob.seek(0, SEEK_END)
try:
    blob.write(b"x")
except ValueError as e:
    print("ValueError", e)
# No sequence arithmetic (the message names the type as 'sqlite3.Blob' on CPython, 'Blob' here).
for fn in (lambda: blob + blob, lambda: blob * 2):
    try:
        fn()
    except TypeError as e:
        print("TypeError", "unsupported operand" in str(e))

for args, kw in ((("test", "b", 1), {"name": "nope"}), (("nope", "b", 1), {}),
                 (("test", "nope", 1), {}), (("test", "b", 2), {})):
    try:
        cx.blobopen(*args, **kw)
    except sqlite3.OperationalError as e:
        print("OperationalError", e)

ro = cx.blobopen("test", "b", 1, readonly=True)
try:
    ro.write(b"abc")
except sqlite3.OperationalError as e:
    print("OperationalError", e)
ro.close()
ro.close()
try:
    ro.read()
except sqlite3.ProgrammingError as e:
    print("ProgrammingError", e)

blob.seek(0)
cx.execute("update test set b = 'aaaa' where rowid = 1")  # expires the handle
try:
    blob.read()
except sqlite3.OperationalError as e:
    print("OperationalError", e)
blob.close()

cx.execute("insert into test(b) values (zeroblob(8))")
with cx.blobopen("test", "b", 2) as bl:
    bl.write(b"12345678")
print(cx.execute("select b from test where rowid = 2").fetchone()[0])
for fn in (bl.read, bl.tell, lambda: len(bl), lambda: bl[0], bl.__enter__):
    try:
        fn()
    except sqlite3.ProgrammingError as e:
        print("ProgrammingError", e)

left_open = cx.blobopen("test", "b", 2)
cx.close()
try:
    left_open.read()
except sqlite3.ProgrammingError as e:
    print("ProgrammingError", e)
