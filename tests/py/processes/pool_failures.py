import multiprocessing as mp
import os
import signal
import pickle

def die(x):
    os.kill(os.getpid(), signal.SIGKILL)

def ident(x):
    return x

def slow_square(x):
    import time
    time.sleep(0.2)
    return x * x

if __name__ == '__main__':
    with mp.Pool(2) as pool:
        try:
            pool.map(ident, [1, lambda: 2])
        except pickle.PicklingError as e:
            print("map unpicklable:", type(e).__name__)
        r = pool.apply_async(ident, (lambda: 3,))
        try:
            r.get(timeout=10)
        except pickle.PicklingError as e:
            print("apply_async unpicklable:", "<lambda>" in str(e))
        print(pool.map(ident, range(3)))
        r = pool.apply_async(slow_square, (4,))
        try:
            r.get(timeout=0.01)
        except mp.TimeoutError:
            print("TimeoutError", r.ready())
        print(r.get(timeout=10), r.ready(), r.successful())
        dead = pool.apply_async(die, (0,))
        try:
            dead.get(timeout=3)
            print("no error?!")
        except Exception:
            print("killed worker: get() raised")
    try:
        pool.apply_async(ident, (1,))
    except ValueError as e:
        print(e)
    p2 = mp.Pool(2)
    print(p2.map(ident, "ab", chunksize=1))
    try:
        p2.join()
    except ValueError as e:
        print(e)
    p2.close()
    p2.join()
    print("closed and joined")
