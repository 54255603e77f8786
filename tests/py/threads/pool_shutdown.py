import concurrent.futures as cf
import threading, time
names = []
def record(x):
    names.append(threading.current_thread().name)
    return x
ex = cf.ThreadPoolExecutor(max_workers=2, thread_name_prefix="pool")
print([f.result() for f in [ex.submit(record, i) for i in range(4)]])
ex.shutdown()
print(sorted(set(names)) in (["pool_0"], ["pool_0", "pool_1"]))
try:
    ex.submit(record, 1)
except RuntimeError as e:
    print("RuntimeError:", e)
ex.shutdown()  # a second shutdown is harmless

gate = threading.Event()
started = threading.Event()
def block():
    started.set()
    gate.wait(10)
    return "first"
ex = cf.ThreadPoolExecutor(max_workers=1)
first = ex.submit(block)
started.wait(10)
queued = [ex.submit(record, i) for i in range(3)]
ex.shutdown(wait=False, cancel_futures=True)
print([f.cancelled() for f in queued], first.cancelled(), first.running())
gate.set()
print(first.result())

init_log = []
def init(tag):
    init_log.append(tag)
with cf.ThreadPoolExecutor(max_workers=1, initializer=init, initargs=("ready",)) as ex:
    print(ex.submit(len, "abc").result(), init_log)

def bad_init():
    raise OSError("no resources")
import sys
class Capture:
    def __init__(self):
        self.parts = []
    def write(self, s):
        self.parts.append(s)
        return len(s)
    def flush(self):
        pass
    def getvalue(self):
        return "".join(self.parts)
saved = sys.stderr
sys.stderr = Capture()
ex = cf.ThreadPoolExecutor(max_workers=1, initializer=bad_init)
f = ex.submit(len, "x")
try:
    f.result(timeout=10)
except cf.thread.BrokenThreadPool as e:
    print("BrokenThreadPool:", e)
try:
    ex.submit(len, "y")
except cf.BrokenExecutor as e:
    print("BrokenExecutor on submit", isinstance(e, cf.thread.BrokenThreadPool))
ex.shutdown()
log = sys.stderr.getvalue()
sys.stderr = saved
print("Exception in initializer:" in log)

try:
    cf.ThreadPoolExecutor(max_workers=0)
except ValueError as e:
    print("ValueError:", e)
try:
    cf.ThreadPoolExecutor(initializer=5)
except TypeError as e:
    print("TypeError:", e)
import os
ex = cf.ThreadPoolExecutor()
print(ex._max_workers == min(32, (os.cpu_count() or 1) + 4))
ex.shutdown()

with cf.ThreadPoolExecutor(max_workers=3) as ex:
    gen = ex.map(pow, [2, 3, 4], [5, 2, 1])
    print(type(gen).__name__, list(gen))
    print(list(ex.map(lambda s: s * 2, "abc", timeout=5, chunksize=2)))
    slow = ex.map(time.sleep, [0.5])
    try:
        list(ex.map(time.sleep, [0.5], timeout=0.01))
    except cf.TimeoutError:
        print("map TimeoutError")
before = threading.active_count()
with cf.ThreadPoolExecutor(max_workers=4) as ex:
    list(ex.map(record, range(8)))
print(threading.active_count() == before)
