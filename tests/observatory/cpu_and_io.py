# Two CPU-bound threads and one thread that sleeps in a loop: the trace shows holding, waiting,
# blocked in sleep, drop requests, forced switches and three thread starts and ends.
import threading
import time


def spin(n):
    while n:
        n -= 1


def io():
    for _ in range(20):
        time.sleep(0.002)


ts = [threading.Thread(target=spin, args=(400_000,), name="cpu%d" % i) for i in range(2)]
ts.append(threading.Thread(target=io, name="io"))
for t in ts:
    t.start()
for t in ts:
    t.join()
print("done")
