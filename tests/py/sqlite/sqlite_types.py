# sqlite3 adapters and converters: register_adapter, __conform__, PARSE_DECLTYPES and
# PARSE_COLNAMES with the date/timestamp converters sqlite3 registers itself, text_factory.
import datetime
import sqlite3

class Point:
    def __init__(self, x, y):
        self.x, self.y = x, y
    def __repr__(self):
        return "Point(%r, %r)" % (self.x, self.y)

sqlite3.register_adapter(Point, lambda p: "%s;%s" % (p.x, p.y))
sqlite3.register_converter("point", lambda b: Point(*map(float, b.decode().split(";"))))

con = sqlite3.connect(":memory:", detect_types=sqlite3.PARSE_DECLTYPES | sqlite3.PARSE_COLNAMES)
con.execute("create table t (p point, d date, ts timestamp, plain text)")
now = datetime.datetime(2024, 5, 6, 7, 8, 9, 123456)
con.execute("insert into t values (?, ?, ?, ?)", (Point(1, 2.5), now.date(), now, "text"))
print(con.execute("select * from t").fetchone())
print(con.execute("select p as \"p [point]\", plain as \"x [date]\" from t").description[0][0])
print(con.execute('select \'3;4\' as "pt [point]"').fetchone())

class Conforming:
    def __conform__(self, protocol):
        if protocol is sqlite3.PrepareProtocol:
            return "conformed"
print(con.execute("select ?", (Conforming(),)).fetchone())
print(sqlite3.adapt(Point(5, 6)), sqlite3.adapt(7, sqlite3.PrepareProtocol, "alt"))

con.text_factory = bytes
print(con.execute("select 'abc', 'é'").fetchone())
con.text_factory = lambda b: b.decode().upper()
print(con.execute("select 'abc'").fetchone())
con.text_factory = str
print(con.execute("select 'abc'").fetchone())
try:
    con.execute("select cast(x'ff' as text)").fetchone()
except sqlite3.OperationalError as e:
    print("OperationalError:", e)
con.close()
