# sqlite3.Connection's backup, serialize/deserialize, getlimit/setlimit, and the hooks SQLite
# calls while statements run (trace callback, progress handler, authorizer), with their errors;
# re-entering a cursor from Python code it is running is ProgrammingError, not a crash.
import sqlite3

src = sqlite3.connect(":memory:")
src.execute("CREATE TABLE foo (key INTEGER)")
src.executemany("INSERT INTO foo (key) VALUES (?)", [(i,) for i in range(300)])
src.execute("CREATE TABLE pad (blob BLOB)")
src.execute("INSERT INTO pad VALUES (zeroblob(20000))")
src.commit()

journal = []
with sqlite3.connect(":memory:") as dst:
    src.backup(dst, pages=2, progress=lambda st, rem, total: journal.append((st, rem, total)))
    print("backup rows", dst.execute("SELECT count(*), sum(key) FROM foo").fetchone())
print("progress calls", len(journal), journal[-1][0] == sqlite3.SQLITE_DONE, journal[-1][1])
for bad in (lambda: src.backup(None), lambda: src.backup(src), lambda: src.backup("x"),
            lambda: src.backup(sqlite3.connect(":memory:"), progress="bar"),
            lambda: src.backup(sqlite3.connect(":memory:"), name="nope"),
            lambda: src.backup(sqlite3.connect(":memory:"), 1)):
    try:
        bad()
    except Exception as e:
        print(type(e).__name__, e)
closed = sqlite3.connect(":memory:")
closed.close()
try:
    src.backup(closed)
except sqlite3.ProgrammingError as e:
    print("ProgrammingError", e)


def failing(status, remaining, total):
    raise ZeroDivisionError("from progress")


try:
    src.backup(sqlite3.connect(":memory:"), progress=failing)
except ZeroDivisionError as e:
    print("ZeroDivisionError", e)

image = src.serialize()
print("serialized", type(image).__name__, len(image) > 20000, image[:15])
copy = sqlite3.connect(":memory:")
copy.deserialize(image)
print("deserialized", copy.execute("SELECT count(*) FROM foo").fetchone())
try:
    src.serialize(name="nope")
except sqlite3.OperationalError as e:
    print("OperationalError", e)
junk = sqlite3.connect(":memory:")
junk.deserialize(b"not a database" * 100)
try:
    junk.execute("SELECT * FROM sqlite_master")
except sqlite3.DatabaseError as e:
    print("DatabaseError", e)

print("limit", src.getlimit(sqlite3.SQLITE_LIMIT_SQL_LENGTH) > 1000)
old = src.setlimit(sqlite3.SQLITE_LIMIT_SQL_LENGTH, 100)
print("setlimit", src.getlimit(sqlite3.SQLITE_LIMIT_SQL_LENGTH))
try:
    src.execute("SELECT 1 " + " " * 200)
except sqlite3.DataError as e:
    print("DataError", e)
src.setlimit(sqlite3.SQLITE_LIMIT_SQL_LENGTH, old)
for bad in (lambda: src.getlimit(1000), lambda: src.setlimit(0, "a")):
    try:
        bad()
    except Exception as e:
        print(type(e).__name__, e)

traced = []
src.set_trace_callback(traced.append)
src.execute("SELECT ? + ?", (1, 2.5))
src.execute("SELECT ?", ("it's",))
src.set_trace_callback(None)
src.execute("SELECT 3")
print("traced", traced)

calls = []


def progress():
    calls.append(1)
    return len(calls) > 3


src.set_progress_handler(progress, 1)
try:
    src.execute("WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) "
                "SELECT count(*) FROM c").fetchone()
except sqlite3.OperationalError as e:
    print("OperationalError", e, len(calls))
src.set_progress_handler(None, 1)
print("after handler", src.execute("SELECT count(*) FROM foo").fetchone())

seen = []


def authorizer(action, arg1, arg2, dbname, source):
    seen.append((action, arg1, arg2))
    if action == sqlite3.SQLITE_READ and arg2 == "key":
        return sqlite3.SQLITE_DENY
    return sqlite3.SQLITE_OK


src.set_authorizer(authorizer)
try:
    src.execute("SELECT key FROM foo")
except sqlite3.DatabaseError as e:
    print("DatabaseError", e)
print("authorizer saw read", (sqlite3.SQLITE_READ, "foo", "key") in seen)
src.set_authorizer(lambda *a: sqlite3.SQLITE_IGNORE if a[2] == "key" else sqlite3.SQLITE_OK)
print("ignored column", src.execute("SELECT key FROM foo LIMIT 1").fetchone())
src.set_authorizer(lambda *a: 1 / 0)
try:
    src.execute("SELECT 1")
except sqlite3.DatabaseError as e:
    print("DatabaseError", e)
src.set_authorizer(None)
print("no authorizer", src.execute("SELECT 2").fetchone())

cur = src.cursor()


def rows():
    cur.execute("SELECT 1")
    yield (1,)


try:
    cur.executemany("INSERT INTO foo VALUES (?)", rows())
except sqlite3.ProgrammingError as e:
    print("ProgrammingError", e)
sqlite3.register_converter("reenter", lambda b: cur.execute("SELECT 1"))
conv = sqlite3.connect(":memory:", detect_types=sqlite3.PARSE_DECLTYPES)
conv.execute("CREATE TABLE r (x reenter)")
conv.execute("INSERT INTO r VALUES (1)")
cur = conv.cursor()
try:
    cur.execute("SELECT x FROM r").fetchone()
except sqlite3.ProgrammingError as e:
    print("ProgrammingError", e)
print("cursor usable again", cur.execute("SELECT 5").fetchone())

# Connection.__call__(sql): a prepared, opaque sqlite3.Statement; its errors are execute's.
fresh = sqlite3.connect(":memory:")
print(type(fresh("select 1")).__name__)
for args in ((), (1,), ("select 1; select 2",), ("select \x00",), ("select '\ud800'",),
             ("selec",)):
    try:
        fresh(*args)
    except Exception as e:
        print(type(e).__name__, e)
for bad in (lambda: fresh("select 1", x=1), lambda: type(fresh("select 1"))()):
    try:
        bad()
    except TypeError as e:
        print("TypeError", e)
fresh.close()
try:
    fresh("select 1")
except sqlite3.ProgrammingError as e:
    print("ProgrammingError", e)
