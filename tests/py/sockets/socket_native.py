# _socket (the native half of socket.py): TCP and UDP over 127.0.0.1, AF_UNIX socketpairs,
# recv_into/recvfrom_into, options, blocking modes and timeouts, connection errors, address
# conversions and getaddrinfo on numeric hosts. Servers bind 127.0.0.1 only and serve a bounded
# number of requests.
import errno
import threading
import _socket as socket

def show(f, *args):
    try:
        r = f(*args)
        print("ok:", r)
    except Exception as e:
        print(type(e).__name__ + ":", e)

# --- TCP echo: one client, three messages, then the server thread ends by itself
srv = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
print("reuseaddr:", srv.getsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR) != 0)
srv.bind(("127.0.0.1", 0))
srv.listen(5)
host, port = srv.getsockname()
print("listening on", host, port > 0, srv.family == socket.AF_INET, srv.type == socket.SOCK_STREAM, srv.proto)

def serve():
    fd, addr = srv._accept()
    conn = socket.socket(socket.AF_INET, socket.SOCK_STREAM, 0, fd)
    conn.settimeout(10)
    for _ in range(3):
        data = conn.recv(1024)
        if not data:
            break
        conn.sendall(data.upper())
    conn.close()

t = threading.Thread(target=serve)
t.start()
cli = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
cli.settimeout(10)
cli.connect(("127.0.0.1", port))
print("peer is server:", cli.getpeername() == ("127.0.0.1", port))
for msg in (b"hello", b"tcp", b"echo"):
    cli.sendall(msg)
    print(cli.recv(1024))
print("eof:", cli.recv(10))
t.join()
cli.close()
srv.close()
print("closed fileno:", cli.fileno(), srv.fileno())

# --- UDP
u1 = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
u2 = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
u1.bind(("127.0.0.1", 0))
u2.bind(("127.0.0.1", 0))
print("sent:", u2.sendto(b"datagram", u1.getsockname()))
data, addr = u1.recvfrom(100)
print(data, addr == u2.getsockname())
u2.sendto(b"into", 0, u1.getsockname())
buf = bytearray(10)
n, addr = u1.recvfrom_into(buf)
print(n, buf, addr == u2.getsockname())
u1.close()
u2.close()

# --- AF_UNIX socketpair, recv_into, shutdown
a, b = socket.socketpair()
print(a.family == socket.AF_UNIX, a.getsockname(), a.type == socket.SOCK_STREAM)
a.send(b"0123456789")
buf = bytearray(b"." * 12)
print(b.recv_into(buf, 4), buf)
view = memoryview(buf)[4:]
print(b.recv_into(view), buf)
a.send(b"ab")
print(b.recvfrom(10))
show(b.recv_into, b"immutable")
show(b.recvfrom_into, "text")
a.shutdown(socket.SHUT_WR)
print("after shutdown:", b.recv(10))

# --- modes and timeouts
print(b.gettimeout(), b.getblocking(), b.timeout)
b.setblocking(False)
print(b.gettimeout(), b.getblocking())
show(b.recv, 10)
b.settimeout(0.05)
print(b.gettimeout(), b.getblocking())
c, d = socket.socketpair()
d.settimeout(0.05)
show(d.recv, 10)
show(d.settimeout, -1)
show(d.settimeout, "x")
d.settimeout(None)
print(d.gettimeout())
socket.setdefaulttimeout(2.5)
e = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
print(socket.getdefaulttimeout(), e.gettimeout())
socket.setdefaulttimeout(None)
print(socket.getdefaulttimeout())
fd = e.detach()
print(e.fileno(), fd > 2)
socket.close(fd)
for s in (a, b, c, d):
    s.close()

# --- connection errors: a port nobody listens on
probe = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
probe.bind(("127.0.0.1", 0))
free_port = probe.getsockname()[1]
probe.close()
s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
print("connect_ex:", errno.errorcode[s.connect_ex(("127.0.0.1", free_port))])
s.close()
s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
show(s.connect, ("127.0.0.1", free_port))
show(s.bind, ("127.0.0.1", 70000))
show(s.bind, "127.0.0.1")
show(s.bind, ("127.0.0.1",))
show(s.recv, -1)
s.close()
show(s.recv, 1)
show(socket.socket, socket.AF_INET, socket.SOCK_STREAM, 0, -5)

# --- IPv6 loopback
s6 = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM)
try:
    s6.bind(("::1", 0))
    print("v6:", s6.getsockname()[0], len(s6.getsockname()))
except OSError:
    print("v6:", "::1", 4)  # a machine without IPv6 loopback
s6.close()

# --- conversions and the name service on numeric hosts
print(socket.inet_aton("127.0.0.1"), socket.inet_ntoa(b"\x7f\x00\x00\x01"))
print(socket.inet_pton(socket.AF_INET6, "::1").hex(), socket.inet_ntop(socket.AF_INET6, bytes(15) + b"\x01"))
print(socket.inet_ntop(socket.AF_INET, b"\xc0\xa8\x01\x02"), socket.inet_pton(socket.AF_INET, "10.0.0.1"))
print(socket.htons(1), socket.ntohs(256), socket.htonl(1), socket.ntohl(16777216))
show(socket.inet_aton, "999.1.1.1")
show(socket.inet_ntoa, b"\x01\x02")
show(socket.inet_pton, socket.AF_INET, "nope")
show(socket.inet_ntop, socket.AF_INET, b"\x01")
show(socket.htons, -1)
show(socket.htons, 70000)
show(socket.htonl, 2**32)
print(socket.getaddrinfo("127.0.0.1", 80, socket.AF_INET, socket.SOCK_STREAM))
print(socket.getaddrinfo("::1", "443", socket.AF_INET6, socket.SOCK_DGRAM)[0][4][:2])
print(socket.getaddrinfo(None, 8080, socket.AF_INET, socket.SOCK_STREAM, 0, socket.AI_PASSIVE)[0][4])
show(socket.getaddrinfo, "not-a-number", 80, 0, 0, 0, socket.AI_NUMERICHOST)
show(socket.getaddrinfo, "127.0.0.1", 1.5)
print(socket.gethostbyname("127.0.0.1"), type(socket.gethostname()).__name__)
print(socket.getnameinfo(("127.0.0.1", 80), socket.NI_NUMERICHOST | socket.NI_NUMERICSERV))
print(socket.getservbyname("http", "tcp"), socket.getservbyport(22), socket.getprotobyname("udp"))
print(socket.error is OSError, socket.timeout is TimeoutError, issubclass(socket.gaierror, OSError),
      issubclass(socket.herror, OSError), socket.gaierror.__module__)
print(socket.AF_INET, socket.AF_INET6, socket.AF_UNIX, socket.SOCK_STREAM, socket.SOCK_DGRAM,
      socket.SOL_SOCKET, socket.SO_REUSEADDR, socket.IPPROTO_TCP, socket.TCP_NODELAY, socket.SHUT_RDWR,
      socket.MSG_PEEK, socket.AI_PASSIVE, socket.SOMAXCONN, socket.has_ipv6)
print(repr(socket.socket(socket.AF_INET, socket.SOCK_DGRAM))[:15], socket.SocketType is socket.socket)
