import threading, time
sem = threading.Semaphore(3)
lock = threading.Lock()
active = 0
peak = 0
def task():
    global active, peak
    with sem:
        with lock:
            active += 1
            peak = max(peak, active)
        time.sleep(0.02)
        with lock:
            active -= 1
threads = [threading.Thread(target=task) for _ in range(10)]
for t in threads: t.start()
for t in threads: t.join()
print(peak <= 3, peak >= 1, active)
b = threading.BoundedSemaphore(1)
b.acquire()
b.release()
try:
    b.release()
except ValueError as e:
    print("ValueError:", e)
s = threading.Semaphore(0)
print(s.acquire(blocking=False), s.acquire(timeout=0.01))
s.release(2)
print(s.acquire(), s.acquire(), s.acquire(blocking=False))
