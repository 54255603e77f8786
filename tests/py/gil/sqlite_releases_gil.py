# sqlite3 runs a query with the GIL released (sqlite3_step), so a thread that wants the GIL during
# a slow query waits only a switch interval or so, and queries on separate connections in two
# threads overlap. A waker thread sleeps 1 ms in a loop and records its worst wake-up delay while
# the main thread runs one slow query: the ratio (worst delay / query time) stays far below one
# half on a loaded machine; a held GIL makes it approach 1.
import sqlite3
import threading
import time

SLOW = ("with recursive c(x) as (select 1 union all select x + 1 from c where x < 150000) "
        "select sum(x) from c")
EXPECTED = 150000 * 150001 // 2

state = {"worst": 0.0, "running": True, "wakes": 0}

def waker():
    while state["running"]:
        t0 = time.perf_counter()
        time.sleep(0.001)
        state["worst"] = max(state["worst"], time.perf_counter() - t0)
        state["wakes"] += 1

con = sqlite3.connect(":memory:")
w = threading.Thread(target=waker)
w.start()
time.sleep(0.05)
state["worst"] = 0.0
state["wakes"] = 0
t0 = time.perf_counter()
total = con.execute(SLOW).fetchone()[0]
elapsed = time.perf_counter() - t0
state["running"] = False
w.join()
print("query correct:", total == EXPECTED)
print("waiter not held back by the query:", state["worst"] < 0.5 * elapsed and state["wakes"] > 1)

# Two threads, one connection each (the default check_same_thread): both queries complete, and a
# connection used from another thread is refused with CPython's error.
results = []
def worker():
    c = sqlite3.connect(":memory:")
    results.append(c.execute(SLOW).fetchone()[0])
    c.close()
ts = [threading.Thread(target=worker) for _ in range(2)]
for t in ts:
    t.start()
for t in ts:
    t.join()
print(results == [EXPECTED, EXPECTED])

errors = []
def misuse():
    try:
        con.execute("select 1")
    except sqlite3.ProgrammingError as e:
        errors.append(str(e).startswith("SQLite objects created in a thread can only be used in that same thread."))
t = threading.Thread(target=misuse)
t.start()
t.join()
print(errors)
