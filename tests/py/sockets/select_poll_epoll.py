# select: select(), poll objects and epoll objects over pipes and a socketpair, the timeout
# rules, and CPython's selectors.DefaultSelector (epoll) and SelectSelector on top of them.
import os
import select
import selectors
import _socket as socket

r, w = os.pipe()
print(select.select([r], [w], [], 0) == ([], [w], []))
os.write(w, b"x")
print(select.select([r], [w], [], 0) == ([r], [w], []))
print(select.select([], [], [], 0.01))
print(select.select((r,), [], []) == ([r], [], []))
print(select.select([r], [], [], None) == ([r], [], []))
os.read(r, 1)

class Wrapper:
    def __init__(self, fd):
        self.fd = fd
    def fileno(self):
        return self.fd

wr = Wrapper(w)
rd, wt, xt = select.select([Wrapper(r)], [wr], [])
print(rd, wt == [wr], xt)

def show(f, *args, **kw):
    try:
        print("ok:", f(*args, **kw))
    except Exception as e:
        print(type(e).__name__ + ":", e)

show(select.select, [r], [], [], -1)
show(select.select, [r], [], [], "1")
show(select.select, [-1], [], [])
show(select.select, [object()], [], [])
show(select.select, 5, [], [])
show(select.select, [], [])
show(select.select, [], [], [], 1, 2)
show(p_unused := select.poll().register)
show(select.epoll().poll, maxevents=0)
show(select.epoll().register, fd=-3)

names = {r: "r", w: "w"}
def named(events):
    return sorted((names[fd], ev) for fd, ev in events)

p = select.poll()
p.register(r, select.POLLIN)
p.register(w)
print(named(p.poll(0)))
os.write(w, b"yz")
print(named(p.poll(100)))
p.modify(w, 0)
print(named(p.poll()))
p.unregister(w)
try:
    p.unregister(w)
except KeyError as e:
    print("KeyError:", e.args[0] == w)
show(p.modify, w, select.POLLIN)
os.read(r, 2)
print(p.poll(10))
print(p.poll(0.5))

ep = select.epoll()
print(ep.closed, ep.fileno() > 2)
ep.register(r, select.EPOLLIN)
ep.register(w, select.EPOLLOUT)
print(named(ep.poll(0)))
os.write(w, b"!")
print(named(ep.poll(1)))
ep.modify(w, select.EPOLLIN)
print(named(ep.poll(timeout=0.01, maxevents=5)))
ep.unregister(r)
show(ep.register, w)
show(ep.poll, 0, 0)
ep.close()
print(ep.closed)
show(ep.poll)
show(ep.fileno)
with select.epoll() as e2:
    print(type(e2).__name__, e2.closed)
print(e2.closed)
os.close(r)
os.close(w)
print(select.POLLIN, select.POLLOUT, select.POLLERR, select.POLLHUP, select.POLLNVAL, select.POLLPRI)
print(select.EPOLLIN, select.EPOLLOUT, select.EPOLLET, select.EPOLLONESHOT, select.EPOLLRDHUP)
print(select.error is OSError, select.PIPE_BUF)

# selectors: a bounded echo over a socketpair, driven by the default selector (epoll) and by
# the select()-based one.
for cls in (selectors.DefaultSelector, selectors.SelectSelector, selectors.PollSelector):
    a, b = socket.socketpair()
    a.setblocking(False)
    b.setblocking(False)
    sel = cls()
    sel.register(b, selectors.EVENT_READ, data="server")
    got = []
    for msg in (b"one", b"two", b"three"):
        a.send(msg)
        for key, events in sel.select(timeout=5):
            got.append((key.data, key.fileobj is b, events == selectors.EVENT_READ, key.fileobj.recv(100)))
    sel.modify(b, selectors.EVENT_WRITE)
    ready = sel.select(timeout=5)
    print(cls.__name__, got, [k.data for k, ev in ready], ready[0][1] == selectors.EVENT_WRITE)
    print(len(sel.get_map()), sel.get_key(b).events == selectors.EVENT_WRITE)
    sel.unregister(b)
    print(sel.select(timeout=0))
    sel.close()
    a.close()
    b.close()
