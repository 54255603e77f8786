# Connection and Cursor re-initialisation, uninitialised connections, rowcount of
# UPDATE ... RETURNING, strict UTF-8 names, strided buffers and Blob's mapping-only protocol
# (CPython's Modules/_sqlite semantics).
import sqlite3


def show(label, f):
    try:
        r = f()
        print(label, "->", repr(r))
    except Exception as e:
        print(label, "->", type(e).__name__ + ":", e)


# __init__ again: the old database is closed, the factories reset, cursors keep their rows.
cx = sqlite3.connect(":memory:")
cx.text_factory = bytes
cx.row_factory = sqlite3.Row
cu = cx.cursor()
cu.execute("create table foo (bar)")
cu.executemany("insert into foo (bar) values (?)", ((str(v),) for v in range(4)))
cu.execute("select bar from foo")
print([r[0] for r in cu.fetchmany(2)])
cx.__init__(":memory:")
print(cx.row_factory, cx.text_factory)
cx.execute("create table foo (bar)")
rows = cu.fetchall()
print(all(isinstance(r, sqlite3.Row) for r in rows), [r[0] for r in rows])

# A failed re-initialisation leaves the connection uninitialised.
cx = sqlite3.connect(":memory:")
show("bad reinit", lambda: cx.__init__("/nonexistent-dir/x/y.db"))
show("executemany after", lambda: cx.executemany("insert into t values(?)", [(1,)]))

# A connection whose __init__ never ran.
cx = sqlite3.Connection.__new__(sqlite3.Connection)
for name in ("isolation_level", "total_changes", "in_transaction"):
    show(name, lambda: getattr(cx, name))
show("iterdump", lambda: cx.iterdump())
show("cursor", lambda: cx.cursor())
show("close", lambda: cx.close())

# isolation_level of a closed connection.
cx = sqlite3.connect(":memory:")
cx.close()
show("closed isolation_level", lambda: cx.isolation_level)
show("closed interrupt", lambda: cx.interrupt())

# Cursor.__init__ from a converter while the cursor builds a row.
con = sqlite3.connect(":memory:", detect_types=sqlite3.PARSE_COLNAMES)
cur = con.cursor()
cur.execute("create table test(x foo)")
cur.executemany("insert into test(x) values (?)", [("foo",), ("bar",)])
sqlite3.converters["INIT"] = lambda x: cur.__init__(con)
cur.execute('select x as "x [INIT]", x from test')
show("recursive init", cur.fetchall)
del sqlite3.converters["INIT"]
# A plain re-initialisation resets the cursor.
cur.arraysize = 7
cur.execute("select 1")
cur.__init__(con)
print(cur.arraysize, cur.rowcount, cur.description, cur.lastrowid, cur.fetchone())

# rowcount of UPDATE ... RETURNING counts the rows as they are fetched.
con = sqlite3.connect(":memory:")
cu = con.cursor()
cu.execute("create table test(id integer primary key, name text)")
cu.execute("insert into test(name) values ('foo')")
cu.execute("update test set name='bar' where name='foo' returning 1")
print("rowcount before fetch", cu.rowcount)
print(cu.fetchone()[0], "rowcount after fetch", cu.rowcount)

# Names are strict UTF-8: a lone surrogate cannot be encoded.
show("collation", lambda: con.create_collation("\udc80", lambda a, b: 1))
show("function", lambda: con.create_function("\udc80", 0, lambda: 1))
show("aggregate", lambda: con.create_aggregate("\udc80", 0, object))

# Strided memoryviews are no blobs.
con.create_function("spam", 1, lambda x: x)
show("bind strided", lambda: con.execute("select spam(?)", (memoryview(b"blob")[::2],)))
con.create_function("noncont", 0, lambda: memoryview(b"blob")[::2])
show("return strided", lambda: con.execute("select noncont()").fetchone())

# Blob is a mapping: indexing works, iteration and `in` do not.
con.execute("create table b(b blob)")
con.execute("insert into b(b) values (zeroblob(10))")
blob = con.blobopen("b", "b", 1)
print(blob[0], len(blob))
show("in blob", lambda: b"a" in blob)
show("iter blob", lambda: iter(blob))
blob.close()
