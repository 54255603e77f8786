import queue, threading, time
q = queue.Queue()
try:
    q.task_done()
except ValueError as e:
    print("ValueError:", e)
q.put("a"); q.put_nowait("b")
print(q.qsize(), q.empty(), q.full(), q.maxsize)
print(q.get(), q.get_nowait(), q.qsize(), q.empty())
q.task_done(); q.task_done()
q.join()
print("join returns when all tasks are done")
try:
    q.get_nowait()
except queue.Empty as e:
    print("Empty", repr(e), issubclass(queue.Empty, Exception))
try:
    q.get(timeout=-1)
except ValueError as e:
    print("ValueError:", e)

b = queue.Queue(2)
b.put(1); b.put(2)
start = time.monotonic()
try:
    b.put(3, timeout=0.02)
except queue.Full:
    print("Full after", time.monotonic() - start >= 0.015)
try:
    b.put_nowait(3)
except queue.Full:
    print("Full (nowait)")
def drain():
    time.sleep(0.02)
    b.get()
t = threading.Thread(target=drain)
t.start()
b.put(3, timeout=10)
t.join()
print("blocked put succeeded", b.qsize(), b.full())

pq = queue.PriorityQueue()
values = [(v * 37) % 50 for v in range(50)]
for v in values:
    pq.put((v % 10, v))
out = [pq.get() for _ in range(50)]
print(out == sorted(out), out[:4])

lq = queue.LifoQueue(maxsize=3)
for ch in "xyz": lq.put(ch)
print(lq.full(), lq.get(), lq.get(), lq.get(), lq.empty())

sq = queue.SimpleQueue()
print(sq.empty(), sq.qsize())
for i in range(5): sq.put(i)
sq.put_nowait(5)
print(sq.qsize(), [sq.get() for _ in range(3)], sq.get_nowait(), sq.get(block=False), sq.get(timeout=1))
try:
    sq.get(timeout=0.01)
except queue.Empty:
    print("SimpleQueue Empty")
try:
    sq.get(False)
except queue.Empty:
    print("SimpleQueue Empty (nowait)")

# many producers and consumers with join()
work = queue.Queue(maxsize=5)
total = []
lock = threading.Lock()
def consumer():
    while True:
        item = work.get()
        if item is None:
            work.task_done()
            return
        with lock:
            total.append(item)
        work.task_done()
def producer(base):
    for i in range(20):
        work.put(base + i)
cons = [threading.Thread(target=consumer) for _ in range(3)]
prods = [threading.Thread(target=producer, args=(k * 100,)) for k in range(4)]
for t in cons + prods: t.start()
for t in prods: t.join()
work.join()
for _ in cons: work.put(None)
for t in cons: t.join()
print(len(total), sum(total), work.unfinished_tasks)
print(queue.__all__)
