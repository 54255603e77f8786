import multiprocessing as mp
def producer(q, start, count):
    for i in range(start, start + count):
        q.put(i * i)
    q.put(None)
if __name__ == '__main__':
    q = mp.Queue()
    procs = [mp.Process(target=producer, args=(q, s, 5)) for s in (0, 100)]
    for p in procs: p.start()
    results, done = [], 0
    while done < len(procs):
        item = q.get(timeout=30)
        if item is None:
            done += 1
        else:
            results.append(item)
    for p in procs: p.join()
    print(sorted(results))
    print([p.exitcode for p in procs])
    q2 = mp.Queue()
    q2.put({"nested": [1, (2, 3)], "s": "text"})
    print(q2.get(timeout=10))
