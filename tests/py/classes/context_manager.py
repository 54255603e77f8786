class Resource:
    def __init__(self, name):
        self.name = name
        self.open = False
    def __enter__(self):
        self.open = True
        print("acquire", self.name)
        return self
    def __exit__(self, exc_type, exc, tb):
        self.open = False
        print("release", self.name, exc_type.__name__ if exc_type else "ok")
        return exc_type is KeyError
with Resource("r1") as r:
    print("using", r.name, r.open)
print("after", r.open)
with Resource("r2"):
    raise KeyError("swallowed")
print("KeyError suppressed")
try:
    with Resource("r3"):
        raise ValueError("kept")
except ValueError as e:
    print("ValueError propagated:", e)
class Tx:
    def __init__(self): self.log = []
    def __enter__(self):
        self.log.append("begin")
        return self.log
    def __exit__(self, *exc):
        self.log.append("rollback" if exc[0] else "commit")
t = Tx()
with t as log:
    log.append("work")
try:
    with t as log:
        log.append("fail")
        1 / 0
except ZeroDivisionError:
    pass
print(t.log)
