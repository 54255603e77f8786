# The tutorial pattern: fake I/O-bound "downloads" overlapped with a pool.
from concurrent.futures import ThreadPoolExecutor
import threading, time
lock = threading.Lock()
log = []
def fetch(url):
    time.sleep(0.05)
    body = url.upper()
    with lock:
        log.append(url)
    return url, len(body)
urls = [f"site{i}.example" for i in range(8)]
start = time.perf_counter()
with ThreadPoolExecutor(max_workers=8) as pool:
    sizes = dict(pool.map(fetch, urls))
elapsed = time.perf_counter() - start
print(sizes)
print(sorted(log) == sorted(urls), elapsed < 0.4 * 8)
