# threading.local is _thread._local (native, as in CPython): one attribute dict per thread,
# '__dict__' read-only, __init__ rerun in each new thread with the constructor's arguments (a
# failing __init__ leaves no dict behind), a finished thread's values freed by the time join()
# returns, __slots__ and weak references in subclasses, and cycles through a local collected.
import _thread
import gc
import threading
import weakref

print(threading.local is _thread._local, _thread._local.__module__, _thread._local.__name__)
loc = threading.local()
loc.a = 1
print(loc.__dict__, vars(loc) is loc.__dict__)
try:
    loc.__dict__ = {}
except AttributeError as e:
    print("AttributeError:", e)
try:
    print(loc.missing)
except AttributeError as e:
    print("AttributeError:", e)
try:
    threading.local(a=1)
except TypeError as e:
    print("TypeError:", e)


class Value:
    pass


freed = []
def keep_value():
    v = Value()
    loc.v = v
    freed.append(weakref.ref(v))
    print("thread sees a:", hasattr(loc, "a"), sorted(loc.__dict__))

t = threading.Thread(target=keep_value)
t.start()
t.join()
print("value of the finished thread freed:", freed[0]() is None, "main's kept:", loc.a, hasattr(loc, "v"))


class Configured(threading.local):
    calls = 0

    def __init__(self, size, *, name="x"):
        if size < 0:
            raise ValueError("size must be >= 0")
        Configured.calls += 1
        self.size = size
        self.name = name


c = Configured(3, name="cfg")
out = []
def read():
    out.append((c.size, c.name))
    c.size = 99
ts = [threading.Thread(target=read) for _ in range(3)]
for t in ts:
    t.start()
for t in ts:
    t.join()
print(out, c.size, Configured.calls)
try:
    Configured(-1)
except ValueError as e:
    print("ValueError:", e)


class Flaky(threading.local):
    fail = False

    def __init__(self):
        if Flaky.fail:
            raise RuntimeError("init failed")
        self.ok = True


f = Flaky()
Flaky.fail = True
errors = []
def touch():
    for _ in range(2):
        try:
            f.ok
        except RuntimeError as e:
            errors.append(str(e))
t = threading.Thread(target=touch)
t.start()
t.join()
print(errors, f.ok)


class Slotted(threading.local):
    __slots__ = ("fixed",)


s = Slotted()
s.fixed = "slot"
s.other = "dict"
print(s.fixed, s.__dict__, weakref.ref(s)() is s)
def slots_in_thread():
    print("thread:", s.fixed, hasattr(s, "other"))
t = threading.Thread(target=slots_in_thread)
t.start()
t.join()

r = weakref.ref(loc)
loc.me = loc
del loc
gc.collect()
print("cycle collected:", r() is None)
import pickle
try:
    pickle.dumps(threading.local())
except TypeError as e:
    print("TypeError:", e)
