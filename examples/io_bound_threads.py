# I/O-bound work in threads: five "downloads" that each wait half a second.
# time.sleep (like a socket read) releases the GIL, so the threads wait together.
import threading
import time

URLS = ["https://example.org/page%d" % i for i in range(5)]
results = {}
results_lock = threading.Lock()


def fetch(url):
    time.sleep(0.5)                     # pretend to wait for the network
    body = "<html>%s</html>" % url
    with results_lock:
        results[url] = len(body)


def main():
    t0 = time.perf_counter()
    for url in URLS:
        fetch(url)
    seq = time.perf_counter() - t0

    results.clear()
    t0 = time.perf_counter()
    threads = [threading.Thread(target=fetch, args=(url,), name="fetch-%d" % i)
               for i, url in enumerate(URLS)]
    for t in threads:
        t.start()
    print("started %d threads; %d alive" % (len(threads), threading.active_count() - 1))
    for t in threads:
        t.join()
    thr = time.perf_counter() - t0

    print("fetched %d pages" % len(results))
    print("sequential: %.2f s" % seq)
    print("threaded:   %.2f s  (%.1fx faster)" % (thr, seq / thr))


main()
