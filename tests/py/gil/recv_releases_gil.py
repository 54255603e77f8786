# A thread blocked in socket recv() (and in select, poll and accept) does not hold the GIL: the
# main thread computes meanwhile, and only then sends what the reader waits for. Were the GIL
# held, the main thread could never run and the test would hang until its timeout.
import select
import threading
import _socket as socket

a, b = socket.socketpair()
events = []

def reader():
    events.append("reader waiting")
    data = b.recv(100)
    events.append("reader got " + data.decode())

t = threading.Thread(target=reader)
t.start()
while not events:
    pass
total = sum(i * i for i in range(200_000))  # Python work while the reader blocks
events.append("main computed")
a.sendall(b"ping")
t.join(10)
print(events)
print(total)

# select() and poll() wait with the GIL released too.
def selector(kind):
    out = []
    def wait():
        if kind == "select":
            r, _, _ = select.select([b.fileno()], [], [], 10)
            out.append(r == [b.fileno()])
        else:
            p = select.poll()
            p.register(b.fileno(), select.POLLIN)
            out.append(p.poll(10000)[0][0] == b.fileno())
    th = threading.Thread(target=wait)
    th.start()
    n = 0
    for i in range(100_000):
        n += i
    a.send(b"x")
    th.join(10)
    b.recv(1)
    return out, n

print(selector("select"))
print(selector("poll"))

# accept() on a listening socket with a timeout: the waiting thread wakes up with TimeoutError
# while the main thread keeps running.
srv = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
srv.bind(("127.0.0.1", 0))
srv.listen()
srv.settimeout(0.2)
caught = []
def acceptor():
    try:
        srv._accept()
    except TimeoutError as e:
        caught.append(str(e))
th = threading.Thread(target=acceptor)
th.start()
count = 0
while th.is_alive():
    count += 1
th.join()
print(caught, count > 0)
srv.close()
a.close()
b.close()
