# The convoy effect over a real socket (bpo-7946). An echo thread and the main thread bounce one
# byte over a socketpair; each recv() releases the GIL and each return from it must take the GIL
# back. Beside a CPU-bound thread that wait is about one switch interval, twice per round trip,
# so the echo slows down roughly in proportion to the interval (CPython 3.11 on a 2-core machine:
# about 10x, 130x and 2,100x slower at 0.5, 5 and 50 ms).
#
#   python3 examples/convoy_socket.py
#   minipy examples/convoy_socket.py
#   minipy -X gil-policy=io-priority examples/convoy_socket.py   # the remedy: I/O preempts
import socket
import sys
import threading
import time


def echo(sock):
    while True:
        data = sock.recv(64)
        if not data:
            break
        sock.sendall(data)


def round_trips(sock, seconds):
    """Round trips per second over `seconds` (at least one round trip)."""
    n = 0
    start = time.perf_counter()
    end = start + seconds
    while True:
        sock.send(b"x")
        sock.recv(64)
        n += 1
        now = time.perf_counter()
        if now >= end:
            return n / (now - start)


stop = False


def cpu_bound():
    n = 0
    while not stop:
        n += 1


a, b = socket.socketpair()
server = threading.Thread(target=echo, args=(b,))
server.start()
alone = round_trips(a, 0.5)
print("round trips per second alone: %.0f" % alone)
print("%18s %16s %10s" % ("switch interval", "beside CPU work", "slowdown"))
default_interval = sys.getswitchinterval()
for interval in (0.0005, 0.005, 0.05):
    sys.setswitchinterval(interval)
    stop = False
    cpu = threading.Thread(target=cpu_bound)
    cpu.start()
    beside = round_trips(a, max(0.5, 30 * interval))
    stop = True
    cpu.join()
    print("%15.1f ms %16.1f %9.0fx" % (interval * 1000, beside, alone / beside))
sys.setswitchinterval(default_interval)
a.close()  # the echo thread reads EOF and ends
server.join()
b.close()
