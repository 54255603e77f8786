# sqlite3 window functions (Connection.create_window_function): step/value/inverse/finalize over a
# sliding frame, a missing or failing method reported as CPython reports it, redefinition and
# removal with None, and a value() result too large for SQLite.
import sqlite3


class WindowSum:
    def __init__(self):
        self.total = 0

    def step(self, v):
        self.total += v

    def value(self):
        return self.total

    def inverse(self, v):
        self.total -= v

    def finalize(self):
        return self.total


con = sqlite3.connect(":memory:")
con.execute("create table t (x, y)")
con.executemany("insert into t values (?, ?)", [("a", 4), ("b", 5), ("c", 3), ("d", 8), ("e", 1)])
query = """select x, %s(y) over (order by x rows between 1 preceding and 1 following)
           as s from t order by x"""
con.create_window_function("wsum", 1, WindowSum)
print(con.execute(query % "wsum").fetchall())


class NoInverse:
    def step(self, v):
        pass

    def value(self):
        return 0

    def finalize(self):
        return 0


class Twice(WindowSum):
    def step(self, v):
        self.total += 2 * v

    def inverse(self, v):
        self.total -= 2 * v


class BadValue(WindowSum):
    def value(self):
        raise ValueError("no value")


class HugeValue(WindowSum):
    def value(self):
        return 1 << 65


for name, cls in (("noinv", NoInverse), ("bad", BadValue), ("huge", HugeValue)):
    con.create_window_function(name, 1, cls)
    try:
        print(con.execute(query % name).fetchall())
    except sqlite3.Error as e:
        print(type(e).__name__, e)
con.create_window_function("wsum", 1, Twice)
print(con.execute(query % "wsum").fetchall())
con.create_window_function("wsum", 1, None)
try:
    con.execute(query % "wsum")
except sqlite3.OperationalError as e:
    print("OperationalError", e)
try:
    con.create_window_function("x", -100, WindowSum)
except sqlite3.ProgrammingError as e:
    print("ProgrammingError", e)
