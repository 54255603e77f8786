# Tutorial walk-through: a sleeping task run one after another, then in two threads, then in
# ten threads started in a loop and joined in a second loop, then with arguments.
import threading, time
log = []
lock = threading.Lock()
def nap(seconds=0.1):
    with lock:
        log.append("start")
    time.sleep(seconds)
    with lock:
        log.append("end")

start = time.perf_counter()
nap(); nap()
sequential = time.perf_counter() - start
print("sequential took about 0.2s:", 0.18 <= sequential < 1.0, log)

log.clear()
start = time.perf_counter()
t1 = threading.Thread(target=nap)
t2 = threading.Thread(target=nap)
t1.start(); t2.start()
t1.join(); t2.join()
both = time.perf_counter() - start
print("two threads overlap:", both < sequential, log)

log.clear()
start = time.perf_counter()
threads = []
for _ in range(10):
    t = threading.Thread(target=nap)
    t.start()
    threads.append(t)
for t in threads:
    t.join()
ten = time.perf_counter() - start
print("ten threads in about one nap:", ten < 0.1 * 10 * 0.6, log.count("start"), log.count("end"))

log.clear()
start = time.perf_counter()
threads = [threading.Thread(target=nap, args=[0.15]) for _ in range(10)]
for t in threads: t.start()
for t in threads: t.join()
with_args = time.perf_counter() - start
print("args=[0.15]:", 0.14 <= with_args < 1.5 * 0.6 * 10 * 0.15, len(log))
