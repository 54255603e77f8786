import threading, queue
tasks = queue.Queue()
done = queue.Queue()
def worker():
    while True:
        n = tasks.get()
        if n < 0:
            break
        done.put((n, n ** 3))
workers = [threading.Thread(target=worker) for _ in range(4)]
for w in workers: w.start()
for n in range(25):
    tasks.put(n)
for _ in workers:
    tasks.put(-1)
for w in workers: w.join()
out = []
while not done.empty():
    out.append(done.get())
print(len(out), sorted(out)[:5], sum(v for _, v in out))
