import multiprocessing as mp
import time

def locked_append(lock, arr, idx, n):
    for _ in range(n):
        with lock:
            v = arr[0]
            arr[0] = v + 1

def wait_event(ev, out):
    ok = ev.wait(10)
    out.value = 1 if ok else -1

def barrier_party(b, arr, i):
    arr[i] = b.wait(10) + 100

def cond_waiter(cond, flag, out):
    with cond:
        ok = cond.wait_for(lambda: flag.value == 1, 10)
        out.value = 7 if ok else -7

def sem_worker(sem, active, peak, lock):
    with sem:
        with lock:
            active.value += 1
            if active.value > peak.value:
                peak.value = active.value
        time.sleep(0.05)
        with lock:
            active.value -= 1

if __name__ == '__main__':
    lock = mp.Lock()
    arr = mp.Array('i', 1, lock=False)
    ps = [mp.Process(target=locked_append, args=(lock, arr, 0, 300)) for _ in range(3)]
    for p in ps: p.start()
    for p in ps: p.join()
    print("lock counter", arr[0])
    print(lock.acquire(), lock.acquire(False), lock.acquire(timeout=0.05))
    lock.release()
    try:
        lock.release()
    except ValueError as e:
        print("ValueError", e)

    r = mp.RLock()
    with r:
        with r:
            print("rlock reentered")
    try:
        r.release()
    except AssertionError as e:
        print("AssertionError", e)

    ev = mp.Event()
    out = mp.Value('i', 0)
    p = mp.Process(target=wait_event, args=(ev, out))
    p.start()
    time.sleep(0.05)
    print("event set before", ev.is_set())
    ev.set()
    p.join()
    print("event seen by child", out.value, ev.is_set(), ev.wait(0))
    ev.clear()
    print("cleared", ev.is_set(), ev.wait(0.01))

    b = mp.Barrier(3)
    res = mp.Array('i', 3)
    ps = [mp.Process(target=barrier_party, args=(b, res, i)) for i in range(3)]
    for p in ps: p.start()
    for p in ps: p.join()
    print("barrier", sorted(res[:]), b.parties, b.n_waiting, b.broken)

    cond = mp.Condition()
    flag = mp.Value('i', 0)
    out = mp.Value('i', 0)
    p = mp.Process(target=cond_waiter, args=(cond, flag, out))
    p.start()
    time.sleep(0.05)
    with cond:
        flag.value = 1
        cond.notify_all()
    p.join()
    print("condition", out.value)

    sem = mp.Semaphore(2)
    active, peak, plock = mp.Value('i', 0), mp.Value('i', 0), mp.Lock()
    ps = [mp.Process(target=sem_worker, args=(sem, active, peak, plock)) for _ in range(4)]
    for p in ps: p.start()
    for p in ps: p.join()
    print("semaphore peak <= 2:", 1 <= peak.value <= 2, sem.get_value())
    bs = mp.BoundedSemaphore(1)
    bs.acquire()
    bs.release()
    try:
        bs.release()
    except ValueError as e:
        print("bounded:", e)
