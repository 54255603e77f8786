# Blocking calls release the GIL, so sleeping threads overlap (CPython: 10 x sleep(1) in 1.002 s).
import threading
import time

def nap():
    time.sleep(0.2)

t0 = time.perf_counter()
ts = [threading.Thread(target=nap) for _ in range(10)]
for t in ts:
    t.start()
for t in ts:
    t.join()
elapsed = time.perf_counter() - t0
print("overlapped:", elapsed < 0.6)
print("really slept:", elapsed >= 0.19)

# Also next to a CPU-bound thread: the sleepers still overlap.
stop = False
def spin():
    n = 0
    while not stop:
        n += 1

cpu = threading.Thread(target=spin)
cpu.start()
t0 = time.perf_counter()
ts = [threading.Thread(target=nap) for _ in range(10)]
for t in ts:
    t.start()
for t in ts:
    t.join()
elapsed = time.perf_counter() - t0
stop = True
cpu.join()
print("overlapped next to a CPU thread:", elapsed < 0.8)
