import os
import signal
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

def die():
    os.kill(os.getpid(), signal.SIGKILL)

def double(x):
    return 2 * x

if __name__ == '__main__':
    with ProcessPoolExecutor(max_workers=2) as ex:
        print(list(ex.map(double, range(8), chunksize=3)))
    ex = ProcessPoolExecutor(max_workers=2)
    f = ex.submit(die)
    try:
        f.result(timeout=30)
    except BrokenProcessPool as e:
        print("BrokenProcessPool:", e)
    try:
        ex.submit(double, 1)
    except BrokenProcessPool:
        print("submit after break raises BrokenProcessPool")
    ex.shutdown()
    ex2 = ProcessPoolExecutor(max_workers=1)
    ex2.shutdown()
    try:
        ex2.submit(double, 1)
    except RuntimeError as e:
        print(e)
