# Downloads over real HTTP: the tutorials' first I/O-bound example, on a local server.
#
# The script starts http.server on 127.0.0.1 (a thread per request) serving eight generated
# files, each after its own delay (0.2 to 0.55 s: a slow network). It downloads them one after
# another with urllib.request, then with ThreadPoolExecutor.map, then with asyncio streams (raw
# HTTP/1.0 over asyncio.open_connection). Waiting for a response releases the GIL (threads)
# or yields to the event loop (asyncio), so both concurrent runs take about the time of the
# slowest request instead of the sum of all of them. Every download is checked against the
# file the server generated. The server stops when the script ends.
import asyncio
import concurrent.futures
import hashlib
import http.server
import threading
import time
import urllib.request

FILES = 8
DELAYS = [0.2 + 0.05 * i for i in range(FILES)]  # seconds before the server answers file i


def content(i):
    """File i: (i + 1) * 32 KiB of bytes that depend on i."""
    block = hashlib.sha256(b"file %d" % i).digest()
    return block * ((i + 1) * 1024)


class SlowFiles(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        try:
            i = int(self.path.rsplit("/", 1)[1])
            body = content(i)
        except (ValueError, IndexError):
            self.send_error(404)
            return
        time.sleep(DELAYS[i])  # the slow network: this thread waits, the GIL is free
        self.send_response(200)
        self.send_header("Content-Type", "application/octet-stream")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


class FileServer(http.server.ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 64  # listen backlog: all eight clients connect at once


def digest(body):
    """What a download is compared by: its length and SHA-256."""
    return len(body), hashlib.sha256(body).hexdigest()


def fetch(url):
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # loopback: no proxy
    with opener.open(url, timeout=30) as r:
        return digest(r.read())


async def fetch_async(host, port, path):
    reader, writer = await asyncio.open_connection(host, port)
    writer.write(b"GET %s HTTP/1.0\r\nHost: %s\r\n\r\n" % (path.encode(), host.encode()))
    await writer.drain()
    response = await reader.read()  # HTTP/1.0: the server closes after the body
    writer.close()
    await writer.wait_closed()
    head, _, body = response.partition(b"\r\n\r\n")
    status = head.split(b"\r\n", 1)[0]
    if not status.endswith(b"200 OK"):
        raise RuntimeError("%s: %s" % (path, status.decode()))
    return digest(body)


async def fetch_all_async(host, port):
    paths = ["/files/%d" % i for i in range(FILES)]
    return await asyncio.gather(*[fetch_async(host, port, p) for p in paths])


def timed(fn):
    t0 = time.perf_counter()
    result = fn()
    return result, time.perf_counter() - t0


def main():
    server = FileServer(("127.0.0.1", 0), SlowFiles)
    serving = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    serving.start()
    host, port = server.server_address[:2]
    urls = ["http://%s:%d/files/%d" % (host, port, i) for i in range(FILES)]
    expected = [digest(content(i)) for i in range(FILES)]
    try:
        sequential, t_seq = timed(lambda: [fetch(u) for u in urls])
        with concurrent.futures.ThreadPoolExecutor(max_workers=FILES) as pool:
            threaded, t_thr = timed(lambda: list(pool.map(fetch, urls)))
        streamed, t_aio = timed(lambda: asyncio.run(fetch_all_async(host, port)))
    finally:
        server.shutdown()
        server.server_close()
        serving.join()

    total = sum(n for n, _ in expected)
    for name, got in (("sequential", sequential), ("threads", threaded), ("asyncio", streamed)):
        ok = got == expected
        print("%-10s downloaded %d files, %d bytes, content %s" % (name, len(got), total,
                                                                 "matches" if ok else "DIFFERS"))
    slowest, whole = max(DELAYS), sum(DELAYS)
    print("slowest request %.2f s, all requests together %.2f s" % (slowest, whole))
    print("one after another:            %.2f s" % t_seq)
    print("ThreadPoolExecutor.map:       %.2f s (%.1fx faster)" % (t_thr, t_seq / t_thr))
    print("asyncio streams:              %.2f s (%.1fx faster)" % (t_aio, t_seq / t_aio))
    # The claim: the concurrent runs take about the time of the slowest request.
    for name, t in (("threads", t_thr), ("asyncio", t_aio)):
        verdict = "yes" if t < 2 * slowest and t < 0.5 * t_seq else "NO"
        print("%s take about the slowest request's time: %s" % (name, verdict))


if __name__ == "__main__":
    main()
