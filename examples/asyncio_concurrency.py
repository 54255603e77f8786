# asyncio: one thread, many waits at once (the tutorials' third option for I/O-bound work).
#
# 1. asyncio.gather of ten asyncio.sleep(1) calls takes about one second, not ten.
# 2. 1,000 concurrent connections to a local echo server: every client connects, sends a line
#    and reads it back, all at once from one event loop. The server is an asyncio streams
#    server in a child process (so that neither process needs 2,000 descriptors); it listens
#    on 127.0.0.1 only and exits when its stdin closes or after 60 s.
# 3. One I/O-bound job (20 requests, each answered after 0.2 s) with threads, with asyncio and
#    with processes: threads and asyncio overlap all the waits; four processes need five rounds.
import asyncio
import concurrent.futures
import os
import socket
import subprocess
import sys
import time

CONNECTIONS = 1000
JOBS = 20
DELAY = 0.2


# ------------------------------------------------------------------ the echo server (child)

async def serve_forever():
    async def echo(reader, writer):
        try:
            line = await reader.readline()
            if line.startswith(b"slow "):
                await asyncio.sleep(DELAY)  # a slow backend: the answer comes after DELAY
            writer.write(line)
            await writer.drain()
        finally:
            writer.close()

    server = await asyncio.start_server(echo, "127.0.0.1", 0, backlog=CONNECTIONS + 24)
    print(server.sockets[0].getsockname()[1], flush=True)
    loop = asyncio.get_running_loop()
    stdin_closed = loop.run_in_executor(None, sys.stdin.read)  # the parent closes our stdin
    try:
        await asyncio.wait_for(stdin_closed, 60)
    except asyncio.TimeoutError:
        pass
    server.close()
    await server.wait_closed()


# ------------------------------------------------------------------ clients

async def echo_once(port, text):
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(text.encode() + b"\n")
    await writer.drain()
    answer = await reader.readline()
    writer.close()
    await writer.wait_closed()
    return answer.decode().rstrip("\n")


async def many_connections(port, n):
    # Open every connection first, then talk over all of them: n sockets open at once.
    conns = await asyncio.gather(*[asyncio.open_connection("127.0.0.1", port) for _ in range(n)])

    async def talk(i, reader, writer):
        writer.write(b"client %d\n" % i)
        await writer.drain()
        answer = await reader.readline()
        writer.close()
        await writer.wait_closed()
        return answer == b"client %d\n" % i

    return await asyncio.gather(*[talk(i, r, w) for i, (r, w) in enumerate(conns)])


def blocking_request(port, i):
    with socket.create_connection(("127.0.0.1", port), timeout=30) as s:
        s.sendall(b"slow %d\n" % i)
        data = b""
        while not data.endswith(b"\n"):
            chunk = s.recv(100)
            if not chunk:
                break
            data += chunk
    return data.decode().rstrip("\n")


async def gather_sleeps():
    t0 = time.perf_counter()
    await asyncio.gather(*[asyncio.sleep(1) for _ in range(10)])
    return time.perf_counter() - t0


def main():
    elapsed = asyncio.run(gather_sleeps())
    print("gather of 10 x asyncio.sleep(1): %.2f s" % elapsed)
    print("the sleeps overlap: %s" % ("yes" if elapsed < 1.5 else "NO"))

    child = subprocess.Popen([sys.executable, os.path.abspath(__file__), "--serve"],
                             stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    try:
        port = int(child.stdout.readline())
        t0 = time.perf_counter()
        answers = asyncio.run(many_connections(port, CONNECTIONS))
        t_conn = time.perf_counter() - t0
        print("%d concurrent connections to the echo server: %d echoed correctly in %.2f s"
              % (CONNECTIONS, sum(answers), t_conn))

        want = ["slow %d" % i for i in range(JOBS)]
        with concurrent.futures.ThreadPoolExecutor(max_workers=JOBS) as pool:
            t0 = time.perf_counter()
            got_threads = list(pool.map(blocking_request, [port] * JOBS, range(JOBS)))
            t_threads = time.perf_counter() - t0

        async def all_async():
            return await asyncio.gather(*[echo_once(port, w) for w in want])

        t0 = time.perf_counter()
        got_async = asyncio.run(all_async())
        t_async = time.perf_counter() - t0
        with concurrent.futures.ProcessPoolExecutor(max_workers=4) as pool:
            list(pool.map(abs, range(4)))  # start the workers before the clock
            t0 = time.perf_counter()
            got_procs = list(pool.map(blocking_request, [port] * JOBS, range(JOBS)))
            t_procs = time.perf_counter() - t0
    finally:
        child.stdin.close()
        child.wait(timeout=30)

    print("%d requests answered after %.1f s each (%.1f s one after another):"
          % (JOBS, DELAY, JOBS * DELAY))
    print("  %-22s %6.2f s  %s" % ("threads (20 workers)", t_threads,
                                  "ok" if got_threads == want else "WRONG ANSWERS"))
    print("  %-22s %6.2f s  %s" % ("asyncio (one thread)", t_async,
                                  "ok" if got_async == want else "WRONG ANSWERS"))
    print("  %-22s %6.2f s  %s" % ("processes (4 workers)", t_procs,
                                  "ok" if got_procs == want else "WRONG ANSWERS"))
    overlap = t_threads < 3 * DELAY and t_async < 3 * DELAY
    print("threads and asyncio overlap every wait: %s" % ("yes" if overlap else "NO"))


if __name__ == "__main__":
    if sys.argv[1:] == ["--serve"]:
        asyncio.run(serve_forever())
    else:
        main()
