# Producer/consumer with queue.Queue: two producers put work items, three
# consumers take them, a sentinel per consumer says "no more work".
import queue
import threading
import time

q = queue.Queue(maxsize=10)      # bounded: producers block when it is full
done = queue.Queue()
STOP = None


def producer(name, count):
    for i in range(count):
        q.put((name, i))
        time.sleep(0.005)        # producing takes a little while
    print("%s finished producing %d items" % (name, count))


def consumer(ident):
    handled = 0
    while True:
        item = q.get()
        try:
            if item is STOP:
                break
            time.sleep(0.01)     # "process" the item
            handled += 1
        finally:
            q.task_done()
    done.put((ident, handled))


def main():
    t0 = time.perf_counter()
    consumers = [threading.Thread(target=consumer, args=(i,)) for i in range(3)]
    producers = [threading.Thread(target=producer, args=("producer-%s" % c, 40)) for c in "AB"]
    for t in consumers + producers:
        t.start()
    for t in producers:
        t.join()
    for _ in consumers:
        q.put(STOP)
    q.join()                     # every item has been marked done
    for t in consumers:
        t.join()
    total = 0
    while not done.empty():
        ident, handled = done.get()
        print("consumer %d handled %d items" % (ident, handled))
        total += handled
    print("total %d items in %.2f s (one consumer alone would need ~%.1f s)"
          % (total, time.perf_counter() - t0, total * 0.01))


main()
