# Tutorial walk-through: checking many "websites" concurrently, a Lock-protected counter
# (2 threads x 1000 increments), a daemon monitor, Event instead of polling, and a
# producer/consumer queue.
import threading, queue, time
statuses = {}
def check(site):
    time.sleep(0.05)
    statuses[site] = 200 if not site.endswith(".invalid") else 503
sites = ["python.org", "example.com", "down.invalid", "docs.example"]
threads = [threading.Thread(target=check, args=(s,)) for s in sites]
start = time.perf_counter()
for t in threads: t.start()
for t in threads: t.join()
print(sorted(statuses.items()), time.perf_counter() - start < 0.05 * len(sites))

counter = 0
lock = threading.Lock()
def increment():
    global counter
    for _ in range(1000):
        with lock:
            counter += 1
a = threading.Thread(target=increment); b = threading.Thread(target=increment)
a.start(); b.start(); a.join(); b.join()
print("counter:", counter)

beats = []
def monitor():
    while True:
        beats.append(1)
        time.sleep(0.01)
threading.Thread(target=monitor, daemon=True).start()

done = threading.Event()
def background_job():
    time.sleep(0.05)
    done.set()
threading.Thread(target=background_job).start()
print("event set:", done.wait(timeout=5), len(beats) > 0)

tasks = queue.Queue()
results = []
def consumer():
    while True:
        item = tasks.get()
        if item is None:
            tasks.task_done()
            break
        results.append(item.upper())
        tasks.task_done()
c = threading.Thread(target=consumer)
c.start()
for word in ["alpha", "beta", "gamma"]:
    tasks.put(word)
tasks.put(None)
tasks.join()
c.join()
print(results)
print("daemon monitor does not keep the program alive")
