import threading, time
def nap():
    time.sleep(0.1)
threads = [threading.Thread(target=nap) for _ in range(10)]
start = time.perf_counter()
for t in threads: t.start()
for t in threads: t.join()
elapsed = time.perf_counter() - start
print(elapsed >= 0.09, elapsed < 0.9)
from concurrent.futures import ThreadPoolExecutor
start = time.perf_counter()
with ThreadPoolExecutor(max_workers=10) as ex:
    list(ex.map(lambda _: time.sleep(0.1), range(10)))
elapsed = time.perf_counter() - start
print(elapsed >= 0.09, elapsed < 0.9)
