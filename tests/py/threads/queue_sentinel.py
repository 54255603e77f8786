import threading, queue
q = queue.Queue()
results = []
SENTINEL = None
def consumer():
    while True:
        item = q.get()
        if item is SENTINEL:
            q.task_done()
            break
        results.append(item * item)
        q.task_done()
c = threading.Thread(target=consumer)
c.start()
for i in range(10):
    q.put(i)
q.put(SENTINEL)
q.join()
c.join()
print(results)
print(q.empty(), q.qsize())
bounded = queue.Queue(maxsize=2)
bounded.put(1); bounded.put(2)
print(bounded.full())
try:
    bounded.put(3, block=False)
except queue.Full:
    print("queue.Full")
print(bounded.get(), bounded.get_nowait())
try:
    bounded.get(timeout=0.01)
except queue.Empty:
    print("queue.Empty")
lifo = queue.LifoQueue()
for i in range(3): lifo.put(i)
print([lifo.get() for _ in range(3)])
pq = queue.PriorityQueue()
for item in [(3, 'c'), (1, 'a'), (2, 'b')]: pq.put(item)
print([pq.get()[1] for _ in range(3)])
