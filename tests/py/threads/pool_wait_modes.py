import concurrent.futures as cf
import threading, time
gate = threading.Event()
def quick(x):
    return x
def blocked(x):
    gate.wait(10)
    return x
def boom(x):
    raise ValueError(f"boom {x}")
with cf.ThreadPoolExecutor(max_workers=4) as ex:
    fast = ex.submit(quick, 1)
    slow = ex.submit(blocked, 2)
    done, not_done = cf.wait([fast, slow], return_when=cf.FIRST_COMPLETED)
    print(sorted(f.result() for f in done), len(not_done))
    res = cf.wait([fast, slow], timeout=0.02)
    print(len(res.done), len(res.not_done), type(res).__name__, len(res), res[0] is res.done)
    err = ex.submit(boom, 3)
    done, not_done = cf.wait([slow, err], return_when=cf.FIRST_EXCEPTION)
    print([type(f.exception()).__name__ for f in done], len(not_done))
    it = cf.as_completed([slow], timeout=0.02)
    try:
        next(it)
    except cf.TimeoutError as e:
        print("TimeoutError:", e)
    extra = ex.submit(blocked, 4)
    try:
        for f in cf.as_completed([slow, extra, fast], timeout=0.05):
            print("completed", f.result())
    except cf.TimeoutError as e:
        print("TimeoutError:", e)
    gate.set()
    print(sorted(f.result() for f in cf.as_completed([slow, extra, fast, fast])))
    done, not_done = cf.wait([slow, extra], return_when=cf.ALL_COMPLETED)
    print(len(done), len(not_done))
    print(cf.wait([]))
    print(list(cf.as_completed([])))
hold = threading.Event()
with cf.ThreadPoolExecutor(max_workers=1) as ex:
    busy = ex.submit(hold.wait, 10)
    c = ex.submit(quick, 5)
    print(c.cancel(), c.done(), c.cancelled())
    done, not_done = cf.wait([c, busy], timeout=0.01)
    print(len(done), len(not_done))
    hold.set()
    print(busy.result(), sorted(f.cancelled() for f in cf.as_completed([c, busy])))
