# Loopback I/O throughput (issue 9), run side by side with python3 by bench/run.py --threads:
# echo round trips per second over TCP on 127.0.0.1 with 1, 4 and 16 client threads (one server
# thread per connection), the same with 16 asyncio client tasks against an asyncio streams
# server, HTTP requests per second against http.server (4 client threads, urllib.request, one
# connection per request), and sqlite3 inserts per second (one parameterised INSERT per row,
# one transaction). Every phase runs for BENCH_SECONDS (default 1.5) and reports count / time;
# the target is at least python3's figure on each. Servers bind 127.0.0.1 only, every socket
# has a timeout, and every server is shut down before the program ends.
import asyncio
import http.server
import os
import socket
import socketserver
import sqlite3
import threading
import time
import urllib.request

SECONDS = float(os.environ.get("BENCH_SECONDS", "1.5"))
MESSAGE = b"x" * 64


class EchoHandler(socketserver.BaseRequestHandler):
    def handle(self):
        self.request.settimeout(10)
        while True:
            data = self.request.recv(4096)
            if not data:
                return
            self.request.sendall(data)


class EchoServer(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True


def recv_exactly(sock, n):
    buf = b""
    while len(buf) < n:
        chunk = sock.recv(n - len(buf))
        if not chunk:
            raise ConnectionError("echo server closed the connection")
        buf += chunk
    return buf


def echo_threads(address, nthreads):
    counts = [0] * nthreads
    start = threading.Barrier(nthreads + 1)

    def client(i):
        with socket.create_connection(address, timeout=10) as s:
            s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            start.wait()
            deadline = time.perf_counter() + SECONDS
            n = 0
            while time.perf_counter() < deadline:
                s.sendall(MESSAGE)
                recv_exactly(s, len(MESSAGE))
                n += 1
            counts[i] = n

    threads = [threading.Thread(target=client, args=(i,)) for i in range(nthreads)]
    for t in threads:
        t.start()
    start.wait()
    t0 = time.perf_counter()
    for t in threads:
        t.join()
    return sum(counts) / (time.perf_counter() - t0)


async def echo_asyncio(ntasks):
    async def serve(reader, writer):
        try:
            while True:
                data = await reader.read(4096)
                if not data:
                    break
                writer.write(data)
                await writer.drain()
        finally:
            writer.close()

    server = await asyncio.start_server(serve, "127.0.0.1", 0)
    address = server.sockets[0].getsockname()

    async def client():
        reader, writer = await asyncio.open_connection(*address)
        deadline = time.perf_counter() + SECONDS
        n = 0
        while time.perf_counter() < deadline:
            writer.write(MESSAGE)
            await reader.readexactly(len(MESSAGE))
            n += 1
        writer.close()
        await writer.wait_closed()
        return n

    t0 = time.perf_counter()
    counts = await asyncio.wait_for(asyncio.gather(*[client() for _ in range(ntasks)]), 30)
    elapsed = time.perf_counter() - t0
    server.close()
    await server.wait_closed()
    return sum(counts) / elapsed


class QuietHandler(http.server.BaseHTTPRequestHandler):
    body = b"hello from http.server\n" * 10

    def do_GET(self):
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(self.body)))
        self.end_headers()
        self.wfile.write(self.body)

    def log_message(self, *args):
        pass


def http_requests(nthreads):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), QuietHandler)
    server.daemon_threads = True
    serving = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    serving.start()
    url = "http://127.0.0.1:%d/" % server.server_address[1]
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # no proxy for loopback
    counts = [0] * nthreads

    def client(i):
        deadline = time.perf_counter() + SECONDS
        n = 0
        while time.perf_counter() < deadline:
            with opener.open(url, timeout=10) as r:
                if len(r.read()) != len(QuietHandler.body):
                    raise RuntimeError("short response")
            n += 1
        counts[i] = n

    try:
        threads = [threading.Thread(target=client, args=(i,)) for i in range(nthreads)]
        t0 = time.perf_counter()
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        return sum(counts) / (time.perf_counter() - t0)
    finally:
        server.shutdown()
        server.server_close()
        serving.join()


def sqlite_inserts():
    con = sqlite3.connect(":memory:")
    con.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT, value REAL)")
    n = 0
    t0 = time.perf_counter()
    deadline = t0 + SECONDS
    with con:
        while time.perf_counter() < deadline:
            for _ in range(100):
                con.execute("INSERT INTO t (name, value) VALUES (?, ?)", ("row%d" % n, n * 0.5))
                n += 1
    elapsed = time.perf_counter() - t0
    (count,) = con.execute("SELECT count(*) FROM t").fetchone()
    con.close()
    if count != n:
        raise RuntimeError("inserted %d rows, table has %d" % (n, count))
    return n / elapsed


def main():
    server = EchoServer(("127.0.0.1", 0), EchoHandler)
    serving = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    serving.start()
    try:
        for n in (1, 4, 16):
            print("echo_%dthr_rt_per_s=%.0f" % (n, echo_threads(server.server_address, n)))
    finally:
        server.shutdown()
        server.server_close()
        serving.join()
    print("echo_asyncio16_rt_per_s=%.0f" % asyncio.run(echo_asyncio(16)))
    print("http_server_req_per_s=%.0f" % http_requests(4))
    print("sqlite_inserts_per_s=%.0f" % sqlite_inserts())


main()
