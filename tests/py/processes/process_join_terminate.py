import multiprocessing as mp
import time
def sleeper(t):
    time.sleep(t)
if __name__ == '__main__':
    procs = [mp.Process(target=sleeper, args=(0.1,)) for _ in range(4)]
    start = time.monotonic()
    for p in procs: p.start()
    print(all(p.pid is not None and p.pid > 0 for p in procs))
    for p in procs: p.join()
    elapsed = time.monotonic() - start
    print([p.exitcode for p in procs], elapsed < 3.0)
    slow = mp.Process(target=sleeper, args=(5,))
    slow.start()
    slow.join(0.05)
    print(slow.is_alive())
    slow.terminate()
    slow.join()
    print(slow.exitcode)
