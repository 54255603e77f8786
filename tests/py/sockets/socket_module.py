# CPython's socket.py over minipy's _socket: socket.socket (a subclass with __slots__ and
# weak references), enums for family/type, create_server/create_connection on 127.0.0.1, accept,
# makefile (buffered reads and writes through _io), sendall/recv_into, context managers, dup,
# fromfd, socketpair, getaddrinfo with enums, timeouts and the error classes.
import socket
import threading
import weakref

srv = socket.create_server(("127.0.0.1", 0))
port = srv.getsockname()[1]
print(type(srv).__name__, srv.family, srv.type, srv.getblocking(), srv.gettimeout())
print(repr(srv).startswith("<socket.socket fd="), "laddr=('127.0.0.1'" in repr(srv))

def serve(n):
    for _ in range(n):
        conn, addr = srv.accept()
        with conn:
            f = conn.makefile("rwb")
            for line in f:
                if line == b"quit\n":
                    break
                f.write(line.upper())
                f.flush()
            f.close()

t = threading.Thread(target=serve, args=(2,))
t.start()
for round_ in range(2):
    with socket.create_connection(("127.0.0.1", port), timeout=10) as c:
        print(c.getpeername() == ("127.0.0.1", port), c.gettimeout())
        r = c.makefile("r", encoding="utf-8", newline="\n")
        for word in ("hello", "socket.py", "round %d" % round_):
            c.sendall(word.encode() + b"\n")
            print(r.readline().rstrip("\n"))
        c.sendall(b"quit\n")
        r.close()
t.join()
srv.close()
print("closed:", srv.fileno(), repr(srv).startswith("<socket.socket [closed] fd=-1"))

a, b = socket.socketpair()
print(a.family, a.type, isinstance(a, socket.socket))
w = weakref.ref(a)
a.sendall(b"into a buffer")
buf = bytearray(32)
n = b.recv_into(buf)
print(n, bytes(buf[:n]))
d = a.dup()
d.sendall(b"from the dup")
print(b.recv(100))
d.close()
f = socket.fromfd(b.fileno(), socket.AF_UNIX, socket.SOCK_STREAM)
a.sendall(b"via fromfd")
print(f.recv(100))
f.close()
b.settimeout(0.05)
try:
    b.recv(10)
except socket.timeout as e:
    print("timeout:", e, type(e).__name__)
a.close()
del a
print(w())
b.close()

infos = socket.getaddrinfo("127.0.0.1", 80, socket.AF_INET, socket.SOCK_STREAM)
print(infos[0][0], infos[0][1], infos[0][4])
print(socket.AddressFamily.AF_INET.name, socket.SocketKind(socket.SOCK_DGRAM).name)
try:
    socket.create_connection(("127.0.0.1", 1), timeout=5)
except ConnectionRefusedError as e:
    print("refused:", e.errno)
print(socket.has_dualstack_ipv6() in (True, False), socket.getfqdn("127.0.0.1") != "")
