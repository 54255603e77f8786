import multiprocessing as mp
import os
import time
import signal

def nap(t):
    time.sleep(t)

def report_parent(q):
    pp = mp.parent_process()
    q.put((pp.name, pp.pid == PARENT_PID, mp.current_process().daemon))

PARENT_PID = os.getpid()

if __name__ == '__main__':
    p = mp.Process(target=nap, args=(10,), daemon=True)
    print(p.daemon, p.is_alive(), p.exitcode)
    p.start()
    print(p.is_alive(), p in mp.active_children())
    p.kill()
    p.join()
    print(p.exitcode == -signal.SIGKILL, p.is_alive(), mp.active_children())
    p.close()
    try:
        p.is_alive()
    except ValueError as e:
        print(e)
    q = mp.Queue()
    c = mp.Process(target=report_parent, args=(q,), daemon=True)
    c.start()
    print(q.get(timeout=10))
    c.join()
    try:
        c.start()
    except AssertionError as e:
        print("AssertionError", e)
    s = mp.Process(target=nap, args=(5,))
    s.start()
    s.join(timeout=0.05)
    print(s.exitcode)
    try:
        s.close()
    except ValueError as e:
        print(e)
    s.terminate()
    s.join()
    print(s.exitcode, mp.cpu_count() == os.cpu_count())
