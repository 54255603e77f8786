class CM:
    def __init__(self, name, suppress=False):
        self.name = name
        self.suppress = suppress
    def __enter__(self):
        print("enter", self.name)
        return self.name.upper()
    def __exit__(self, et, ev, tb):
        print("exit", self.name, et.__name__ if et else None, ev)
        return self.suppress
with CM("a") as v:
    print("body", v)
with CM("a") as x, CM("b") as y:
    print("body", x, y)
with CM("outer", suppress=True):
    with CM("inner"):
        raise ValueError("boom")
    print("not reached")
print("after suppress")
try:
    with CM("c"), CM("d"):
        raise KeyError("k")
except KeyError as e:
    print("propagated", repr(e))
def f():
    with CM("ret"):
        return "returned"
print(f())
for i in range(2):
    with CM(str(i)):
        if i == 0:
            continue
        break
