import threading
class Fail(Exception):
    pass
def inner(n):
    if n == 0:
        raise Fail("deep failure")
    inner(n - 1)
t = threading.Thread(target=inner, args=(2,), name="deep")
t.start(); t.join()
t = threading.Thread(target=lambda: 1 / 0)
t.start(); t.join()
class Runner(threading.Thread):
    def run(self):
        {}["missing"]
r = Runner()
r.start(); r.join()
print("main still running")
raise SystemExit(3)
