# sqlite3's adaptation protocol (CPython's microprotocols): registered adapters, proto.__adapt__,
# obj.__conform__ (None or TypeError means "no"), the alt argument; a registered adapter for a
# base type (int) is used for every int; lone surrogates cannot be bound; zero-sized blobs with a
# converter are None; Row indexes that do not fit.
import sqlite3


class Proto:
    def __adapt__(self):
        return "adapted"


class NoneProto:
    def __adapt__(self):
        return None


class Conform:
    def __conform__(self, proto):
        return "conformed" if proto is sqlite3.PrepareProtocol else None


class BadConform:
    def __init__(self, exc):
        self.exc = exc

    def __conform__(self, proto):
        raise self.exc


print(sqlite3.adapt(1.0, Proto))
print(sqlite3.adapt(Conform()))
for args in ((1.0,), (1.0, NoneProto), (1, None)):
    try:
        sqlite3.adapt(*args)
    except sqlite3.ProgrammingError as e:
        print("ProgrammingError:", e)
print(sqlite3.adapt(1.0, None, "alt"))
try:
    sqlite3.adapt(BadConform(ValueError("boom")))
except ValueError as e:
    print("ValueError:", e)

con = sqlite3.connect(":memory:", detect_types=sqlite3.PARSE_DECLTYPES)
con.execute("create table t (s text, b blobish)")
print(con.execute("select ?", (Conform(),)).fetchone())
for bad in (BadConform(TypeError), object()):
    try:
        con.execute("select ?", (bad,))
    except sqlite3.ProgrammingError as e:
        print("ProgrammingError:", e)
try:
    con.execute("select :v", {"v": BadConform(KeyError("k"))})
except KeyError as e:
    print("KeyError:", e)
for cp in (0xD8FF, 0xDCFF):
    try:
        con.execute("insert into t (s) values (?)", (chr(cp),))
    except UnicodeEncodeError as e:
        print("UnicodeEncodeError:", e)
print(con.execute("select count(*) from t").fetchone())

sqlite3.register_converter("blobish", lambda b: ("converted", b))
con.execute("insert into t (b) values (?)", (b"",))
con.execute("insert into t (b) values (?)", (b"xy",))
con.execute("insert into t (b) values (NULL)")
print(con.execute("select b from t").fetchall())

con.row_factory = sqlite3.Row
row = con.execute("select 1 as a, 2 as b").fetchone()
for key in (2**1000, -2**70, 5, "c"):
    try:
        row[key]
    except IndexError as e:
        print("IndexError:", e)

sqlite3.register_adapter(int, float)
print(con.execute("select ?", (4,)).fetchone()[0])
