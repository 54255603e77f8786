# The Connection's prepared-statement cache: reusing a statement must never change results
# (rows, rowcount, lastrowid, errors), a statement still being read is not shared, schema
# changes and eviction are invisible, and closing the connection under an open cursor is safe.
import sqlite3

con = sqlite3.connect(":memory:")
con.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT UNIQUE, value REAL)")
ins = "INSERT INTO t (name, value) VALUES (?, ?)"
for n in range(50):
    cur = con.execute(ins, ("row%d" % n, n * 0.5))
print("lastrowid", cur.lastrowid, "rowcount", cur.rowcount)

# A constraint error, then the same statement again with good data.
try:
    con.execute(ins, ("row3", 1.0))
except sqlite3.IntegrityError as e:
    print("IntegrityError:", e)
print("after error", con.execute(ins, ("row50", 25.0)).lastrowid)

# Two cursors reading the same SELECT at once: each sees every row.
q = "SELECT id, name FROM t WHERE id <= ? ORDER BY id"
a = con.execute(q, (5,))
b = con.execute(q, (3,))
print("a first", a.fetchone(), "b all", b.fetchall())
print("a rest", a.fetchall())
# The statement is free again: a third run of it.
print("again", con.execute(q, (2,)).fetchall())

# A cursor abandoned mid-read, then its SQL run elsewhere.
c = con.cursor()
c.execute("SELECT name FROM t ORDER BY id")
print("partial", c.fetchone())
print("count", con.execute("SELECT count(*) FROM t").fetchone())
print("still reading", c.fetchone())
c.close()

# Schema change under a cached statement: it is re-prepared transparently.
con.execute("CREATE TABLE s (x)")
con.execute("INSERT INTO s VALUES (?)", (1,))
con.execute("DROP TABLE s")
con.execute("CREATE TABLE s (w, x)")
con.execute("INSERT INTO s (x) VALUES (?)", (2,))
try:
    con.execute("INSERT INTO s VALUES (?)", (3,))
except sqlite3.OperationalError as e:
    print("OperationalError:", e)
print("s", con.execute("SELECT * FROM s").fetchall())

# A fully read SELECT does not lock its table; a pending one does.
con.commit()
con.execute("CREATE TABLE d (x)")
con.execute("INSERT INTO d VALUES (1)")
con.execute("INSERT INTO d VALUES (2)")
con.commit()
print("read all", con.execute("SELECT x FROM d").fetchall())
con.execute("DROP TABLE d")
print("dropped d")
pending = con.execute("SELECT id FROM t")
pending.fetchone()
try:
    con.execute("DROP TABLE t")
except sqlite3.OperationalError as e:
    print("OperationalError:", e)
pending.close()

# More distinct statements than the cache holds, then the first ones again.
small = sqlite3.connect(":memory:", cached_statements=4)
small.execute("CREATE TABLE u (k, v)")
for i in range(20):
    small.execute("INSERT INTO u VALUES (%d, ?)" % (i % 7), (i,))
print("u", small.execute("SELECT k, sum(v) FROM u GROUP BY k ORDER BY k").fetchall())
off = sqlite3.connect(":memory:", cached_statements=0)
off.execute("CREATE TABLE u (k)")
for i in range(5):
    off.execute("INSERT INTO u VALUES (?)", (i,))
print("off", off.execute("SELECT sum(k) FROM u").fetchone())

# executemany reuses the cached statement too, and its rowcount is exact.
cur = con.executemany(ins, [("m%d" % i, i) for i in range(10)])
print("executemany rowcount", cur.rowcount)
print("total", con.execute("SELECT count(*) FROM t").fetchone())

# Closing the connection under a cursor with rows still to fetch.
reader = con.execute("SELECT id FROM t")
reader.fetchone()
con.close()
try:
    reader.fetchone()
except sqlite3.ProgrammingError as e:
    print("ProgrammingError:", e)
try:
    con.execute(ins, ("x", 1))
except sqlite3.ProgrammingError as e:
    print("ProgrammingError:", e)
