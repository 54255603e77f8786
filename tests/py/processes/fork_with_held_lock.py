import multiprocessing as mp
import threading
import time

held = threading.Lock()
mplock = mp.Lock()
ready = threading.Event()
release = threading.Event()

def holder():
    with held:
        ready.set()
        release.wait(10)

def child(out):
    got = held.acquire(timeout=0.2)
    out.put(("thread lock acquired in child", got))
    out.put(("threads in child", threading.active_count()))
    with mplock:
        out.put(("mp lock works in child", True))
    t = threading.Thread(target=lambda: out.put(("new thread in child", True)))
    t.start()
    t.join()

if __name__ == '__main__':
    t = threading.Thread(target=holder)
    t.start()
    ready.wait(10)
    q = mp.Queue()
    p = mp.Process(target=child, args=(q,))
    p.start()
    for _ in range(4):
        print(q.get(timeout=10))
    p.join()
    release.set()
    t.join()
    print("child exit", p.exitcode, "parent lock free", held.acquire(timeout=1))
