# A long call into native code is never preempted: a thread waiting for the GIL waits for the
# whole call (CPython: 416 ms next to sum(range(4*10**7))), unlike next to Python-level loops.
import threading
import time

worst = 0.0
running = True

def waker():
    global worst
    while running:
        t0 = time.perf_counter()
        time.sleep(0.001)
        worst = max(worst, time.perf_counter() - t0)

w = threading.Thread(target=waker)
w.start()
time.sleep(0.05)
t0 = time.perf_counter()
total = sum(range(15 * 10**6))
call = time.perf_counter() - t0
running = False
w.join()
print("sum correct:", total == 15 * 10**6 * (15 * 10**6 - 1) // 2)
print("waiter blocked for most of the call:", worst > 0.5 * call)
