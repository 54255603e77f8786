import multiprocessing as mp
import queue

def producer(q, n):
    for i in range(n):
        q.put(("item", i, "x" * 1000))

def consumer(jq, results):
    while True:
        item = jq.get()
        if item is None:
            jq.task_done()
            break
        results.put(item * 2)
        jq.task_done()

def simple_echo(sq_in, sq_out):
    sq_out.put(sq_in.get() + 1)

if __name__ == '__main__':
    q = mp.Queue()
    p = mp.Process(target=producer, args=(q, 300))
    p.start()
    got = [q.get(timeout=10) for _ in range(300)]   # read before join: the child's feeder
    p.join()                                        # flushes everything before it exits
    print(p.exitcode, len(got), got[0][:2], got[-1][:2])
    try:
        q.get(timeout=0.05)
    except queue.Empty:
        print("Empty after timeout")
    try:
        q.get_nowait()
    except queue.Empty:
        print("Empty nowait")
    b = mp.Queue(maxsize=2)
    b.put(1); b.put(2)
    print(b.full(), b.qsize())
    try:
        b.put(3, timeout=0.05)
    except queue.Full:
        print("Full after timeout")
    print(b.get(), b.get(), b.empty())

    jq = mp.JoinableQueue()
    results = mp.Queue()
    c = mp.Process(target=consumer, args=(jq, results))
    c.start()
    for i in range(5):
        jq.put(i)
    jq.put(None)
    jq.join()
    print("joined", sorted(results.get(timeout=10) for _ in range(5)))
    c.join()

    a, z = mp.SimpleQueue(), mp.SimpleQueue()
    p = mp.Process(target=simple_echo, args=(a, z))
    p.start()
    print(z.empty())
    a.put(41)
    print(z.get(), z.empty())
    p.join()
