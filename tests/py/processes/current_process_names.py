import multiprocessing as mp
def report(q):
    cur = mp.current_process()
    q.put((cur.name, cur.name != "MainProcess"))
if __name__ == '__main__':
    print(mp.current_process().name)
    q = mp.Queue()
    p = mp.Process(target=report, args=(q,), name="child-one")
    p.start()
    print(q.get(timeout=30))
    p.join()
    p2 = mp.Process(target=report, args=(q,))
    print(p2.name.startswith("Process-"))
    p2.start()
    name, is_child = q.get(timeout=30)
    p2.join()
    print(name == p2.name, is_child)
    print(mp.cpu_count() >= 1, mp.parent_process() is None)
