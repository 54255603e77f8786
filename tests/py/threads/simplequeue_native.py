# _queue.SimpleQueue (queue.SimpleQueue is it, queue.Empty is _queue.Empty): FIFO order, get
# with block=False / timeout raising Empty, argument errors, an item is released as soon as get()
# returns it, weak references and subclasses, GenericAlias, a getter blocked without the GIL is
# woken by a put() from another thread, and many producers and consumers lose nothing.
import gc
import queue
import threading
import time
import weakref

import _queue

print(queue.SimpleQueue is _queue.SimpleQueue, queue.Empty is _queue.Empty)
print(_queue.SimpleQueue.__module__, _queue.Empty.__module__, issubclass(_queue.Empty, Exception))
q = queue.SimpleQueue()
print(q.empty(), q.qsize())
for i in range(5):
    q.put(i)
q.put_nowait("x")
q.put(None, block=False, timeout=3)
print(q.empty(), q.qsize(), [q.get() for _ in range(7)])
for how in ("nowait", "block", "timeout0", "timeout"):
    t0 = time.monotonic()
    try:
        if how == "nowait":
            q.get_nowait()
        elif how == "block":
            q.get(block=False)
        elif how == "timeout0":
            q.get(timeout=0)
        else:
            q.get(True, 0.05)
    except queue.Empty as e:
        print(how, "Empty", repr(e), time.monotonic() - t0 >= (0.04 if how == "timeout" else 0))
for args, kw in [((), {"timeout": -1}), ((True, "1"), {}), ((), {"bad": 1}), ((1, 2, 3), {}),
                 ((), {"timeout": 9.3e9}), ((), {"timeout": 10**10}), ((), {"timeout": 1e300}),
                 ((), {"timeout": float("nan")}), ((), {"timeout": -0.5})]:
    try:
        q.get(*args, **kw)
    except Exception as e:
        print(type(e).__name__, e)
for args, kw in [((1,), {}), ((), {"x": 1})]:
    try:
        queue.SimpleQueue(*args, **kw)
    except TypeError as e:
        print("TypeError", e)


class C:
    pass


for i in range(3):
    q.put(C())
for i in range(3):
    wr = weakref.ref(q.get())
    gc.collect()
    print(wr())


class Sub(queue.SimpleQueue):
    pass


s = Sub()
s.attr = 1
s.put(1)
print(type(s).__name__, s.attr, s.get(), weakref.ref(s)() is s)
print(queue.SimpleQueue[int])

got = []
waiter = threading.Thread(target=lambda: got.append(q.get(timeout=10)))
waiter.start()
time.sleep(0.05)
q.put("wake")
waiter.join()
print(got)

N, M = 4, 500
results = []
lock = threading.Lock()


def produce(base):
    for i in range(M):
        q.put(base + i)


def consume():
    while True:
        v = q.get()
        if v is None:
            return
        with lock:
            results.append(v)


consumers = [threading.Thread(target=consume) for _ in range(3)]
producers = [threading.Thread(target=produce, args=(k * M,)) for k in range(N)]
for t in consumers + producers:
    t.start()
for t in producers:
    t.join()
for _ in consumers:
    q.put(None)
for t in consumers:
    t.join()
print(len(results), sorted(results) == list(range(N * M)), q.empty())
