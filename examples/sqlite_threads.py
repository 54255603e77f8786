# Database queries in threads overlap: sqlite3 releases the GIL while SQLite executes a statement
# (and while it opens a database), so slow queries on separate connections in four threads take
# about the time of one on a machine with enough cores, and never much more than running them one
# after another. Each thread opens its own connection, as sqlite3 requires by default.
#
#   python3 examples/sqlite_threads.py
#   minipy examples/sqlite_threads.py
import sqlite3
import threading
import time

# A CPU-heavy query that runs entirely inside SQLite: a recursive count.
SLOW = ("with recursive c(x) as (select 1 union all select x + 1 from c where x < ?) "
        "select count(*), sum(x) from c")
N = 400_000
QUERIES = 4


def query():
    con = sqlite3.connect(":memory:")
    count, total = con.execute(SLOW, (N,)).fetchone()
    con.close()
    assert count == N and total == N * (N + 1) // 2


t0 = time.perf_counter()
for _ in range(QUERIES):
    query()
sequential = time.perf_counter() - t0

t0 = time.perf_counter()
threads = [threading.Thread(target=query) for _ in range(QUERIES)]
for t in threads:
    t.start()
for t in threads:
    t.join()
threaded = time.perf_counter() - t0

print("%d slow queries one after another: %.3f s" % (QUERIES, sequential))
print("%d slow queries in %d threads:      %.3f s  (ratio %.2f)" % (QUERIES, QUERIES, threaded,
                                                                 threaded / sequential))
print("the GIL is released inside SQLite: with n cores the ratio approaches 1/n")
