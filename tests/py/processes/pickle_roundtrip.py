# CPython's pickle.py, which minipy runs (minipy has no _pickle accelerator): CPython's C pickler
# words some errors apart ("Ran out of input", "Can't pickle local object"), so the expected
# output is made by CPython with its accelerator blocked.
import sys
sys.modules['_pickle'] = None
import pickle

class Point:
    def __init__(self, x, y):
        self.x, self.y = x, y
    def __repr__(self):
        return f"Point({self.x}, {self.y})"

class Reduced:
    def __init__(self, n):
        self.n = n
    def __reduce__(self):
        return (Reduced, (self.n + 1,))

class Stateful:
    def __init__(self):
        self.secret = 1
        self.public = 2
    def __getstate__(self):
        return {"public": self.public}
    def __setstate__(self, state):
        self.__dict__.update(state)
        self.restored = True

class AppError(Exception):
    pass

def helper(x):
    return x * 2

values = [None, True, False, 0, -1, 2**64 + 5, -(2**80), 3.25, float("inf"), "text é", b"\x00\xff",
          bytearray(b"ab"), (1, (2, 3)), [1, [2]], {"k": [1]}, {1, 2, 3}, frozenset({4}), ...]
for v in values:
    assert pickle.loads(pickle.dumps(v)) == v, v
print("builtins ok", len(values))
data = pickle.dumps(values, protocol=pickle.HIGHEST_PROTOCOL)
print(type(data).__name__, pickle.loads(data)[5])

shared = [1, 2]
pair = pickle.loads(pickle.dumps((shared, shared)))
print(pair, pair[0] is pair[1])
rec = []
rec.append(rec)
r = pickle.loads(pickle.dumps(rec))
print(r[0] is r)
d = {}
d["self"] = d
print(pickle.loads(pickle.dumps(d))["self"] is not d)

p = pickle.loads(pickle.dumps(Point(1, 2)))
print(p, type(p) is Point)
print(pickle.loads(pickle.dumps(Reduced(4))).n)
s = pickle.loads(pickle.dumps(Stateful()))
print(sorted(vars(s).items()))
print(pickle.loads(pickle.dumps(helper))(21), pickle.loads(pickle.dumps(Point)) is Point)
print(pickle.loads(pickle.dumps(len))("abc"), pickle.loads(pickle.dumps(max)) is max)
e = pickle.loads(pickle.dumps(AppError("bad", 7)))
print(type(e).__name__, e.args, isinstance(e, AppError))
k = pickle.loads(pickle.dumps(KeyError("k")))
print(repr(k))
try:
    raise pickle.loads(pickle.dumps(ValueError("from child")))
except ValueError as exc:
    print("caught", exc)

class Buf:
    def __init__(self):
        self.data = b""
        self.pos = 0
    def write(self, b):
        self.data += b
    def read(self, n=-1):
        if n < 0:
            n = len(self.data) - self.pos
        out = self.data[self.pos:self.pos + n]
        self.pos += len(out)
        return out
    def readline(self):
        return self.read()

f = Buf()
pickle.dump({"a": 1}, f)
pickle.dump([2, 3], f)
print(pickle.load(f), pickle.load(f))
try:
    pickle.load(f)
except EOFError as exc:
    print("EOFError", exc)
print(issubclass(pickle.PicklingError, pickle.PickleError), issubclass(pickle.UnpicklingError, Exception))
