import threading
class Counter(threading.local):
    initial = 10
    def __init__(self, start, step=1):
        self.value = start
        self.step = step
        inits.append(threading.current_thread().name)
    def bump(self):
        self.value += self.step
        return self.value
inits = []
c = Counter(5, step=2)
print(c.bump(), c.bump(), c.initial)
results = {}
def worker(n):
    for _ in range(n):
        c.bump()
    results[threading.current_thread().name] = c.value
ts = [threading.Thread(target=worker, args=(i,), name=f"w{i}") for i in range(1, 4)]
for t in ts: t.start()
for t in ts: t.join()
print(sorted(results.items()))
print(c.value, sorted(inits))

plain = threading.local()
try:
    threading.local(1)
except TypeError as e:
    print("TypeError:", e)
plain.x = 1
print(plain.__dict__)
del plain.x
print(hasattr(plain, "x"), plain.__dict__)
try:
    del plain.x
except AttributeError:
    print("AttributeError on del")
class WithProp(threading.local):
    @property
    def double(self):
        return self.base * 2
p = WithProp()
p.base = 4
print(p.double)
try:
    p.double = 3
except AttributeError:
    print("AttributeError: read-only property")
seen = []
def other():
    seen.append(getattr(p, "base", "unset"))
    p.base = 100
    seen.append(p.double)
t = threading.Thread(target=other); t.start(); t.join()
print(seen, p.base, p.double)
print(isinstance(c, threading.local))
