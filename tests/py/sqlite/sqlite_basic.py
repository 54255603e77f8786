# sqlite3 (CPython's package over minipy's _sqlite3): tables, qmark and named parameters, type
# round trips, fetch styles, description/rowcount/lastrowid, transactions (implicit BEGIN,
# commit, rollback, context manager, autocommit), Row, executemany/executescript and the errors.
import sqlite3

con = sqlite3.connect(":memory:")
cur = con.cursor()
cur.execute("create table items (id integer primary key, name text, price real, data blob, qty int)")
print(cur.description, cur.rowcount, cur.lastrowid)
cur.execute("insert into items (name, price, data, qty) values (?, ?, ?, ?)", ("apple", 1.5, b"\x00\x01", 3))
print(cur.rowcount, cur.lastrowid, con.in_transaction)
cur.execute("insert into items (name, price, data, qty) values (:n, :p, :d, :q)",
            {"n": "pear", "p": 2.25, "d": None, "q": -7})
cur.executemany("insert into items (name, qty) values (?, ?)", [("fig", 1), ("kiwi", 2), ("lime", 3)])
print(cur.rowcount, con.total_changes)
con.commit()
print(con.in_transaction)
print(cur.execute("select * from items order by id").fetchall())
cur.execute("select name, qty from items where qty > ? order by qty", (0,))
print([d[0] for d in cur.description], cur.rowcount)
print(cur.fetchone(), cur.fetchmany(2), cur.fetchmany(), cur.fetchone())
print(list(con.execute("select count(*), sum(qty), max(price), min(name) from items")))
print(con.execute("select ?, ?, ?, ?, ?", (None, 2**62, 0.1, "ünïcode ✓", bytearray(b"ba"))).fetchone())
print(con.execute("select typeof(?), typeof(?), typeof(?)", (True, memoryview(b"m"), 3.0)).fetchone())

# Row
con.row_factory = sqlite3.Row
row = con.execute("select id, name as Label, qty from items where id = 1").fetchone()
print(type(row).__name__, row.keys(), row[0], row["label"], row["LABEL"], row[-1], row[1:], len(row), tuple(row))
print(row == con.execute("select id, name as Label, qty from items where id = 1").fetchone(), hash(row) == hash(row))
try:
    row["nope"]
except IndexError as e:
    print("IndexError:", e)
con.row_factory = None
print(con.execute("select 1 as one").fetchone())

# transactions
con.execute("insert into items (name) values ('rolled back')")
print(con.in_transaction)
con.rollback()
print(con.execute("select count(*) from items").fetchone(), con.in_transaction)
with con:
    con.execute("insert into items (name) values ('committed')")
try:
    with con:
        con.execute("insert into items (name) values ('undone')")
        raise ValueError("abort the block")
except ValueError as e:
    print("ValueError:", e)
print(con.execute("select name from items where id > 5").fetchall())
con.isolation_level = None
con.execute("insert into items (name) values ('autocommit')")
print(con.in_transaction, con.isolation_level)
con.isolation_level = "IMMEDIATE"
print(con.isolation_level)

# executescript, functions, aggregates, collations
con.executescript("""
    create table t2 (a, b);  -- a comment
    insert into t2 values (1, 'x');
    /* another */ insert into t2 values (2, 'Y');
""")
con.create_function("double", 1, lambda v: v * 2)
print(con.execute("select double(a), double(b) from t2 order by a").fetchall())
class Concat:
    def __init__(self):
        self.parts = []
    def step(self, v):
        self.parts.append(str(v))
    def finalize(self):
        return "+".join(self.parts)
con.create_aggregate("concat", 1, Concat)
print(con.execute("select concat(a) from t2").fetchone())
con.create_collation("nocase_rev", lambda x, y: (y.lower() > x.lower()) - (y.lower() < x.lower()))
print(con.execute("select b from t2 order by b collate nocase_rev").fetchall())
con.create_function("boom", 0, lambda: 1 / 0)

def show(f, *args):
    try:
        f(*args)
    except Exception as e:
        print(type(e).__name__ + ":", e, getattr(e, "sqlite_errorcode", ""), getattr(e, "sqlite_errorname", ""))

show(con.execute, "select boom()")
show(con.execute, "selec 1")
show(con.execute, "select ?", (1, 2))
show(con.execute, "select :a", {"b": 1})
show(con.execute, "select ?", ([1],))
show(con.execute, "select 1; select 2")
show(con.execute, 5)
show(con.execute, "select ?", (2**70,))
show(con.executemany, "select ?", [(1,)])
con.execute("create table u (x unique)")
con.execute("insert into u values (1)")
show(con.execute, "insert into u values (1)")
show(setattr, con, "isolation_level", "sometimes")
c2 = con.cursor()
c2.close()
show(c2.execute, "select 1")
print(sqlite3.complete_statement("select 1;"), sqlite3.complete_statement("select 1"))
print(issubclass(sqlite3.IntegrityError, sqlite3.DatabaseError), issubclass(sqlite3.Error, Exception),
      con.Error is sqlite3.Error, con.IntegrityError is sqlite3.IntegrityError, sqlite3.paramstyle, sqlite3.threadsafety)
print(len(list(con.iterdump())) > 3)
con.close()
show(con.execute, "select 1")
show(con.cursor)
con.close()
