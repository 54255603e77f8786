# sendmsg / recvmsg / recvmsg_into and CMSG_LEN / CMSG_SPACE: scatter/gather data, SCM_RIGHTS
# descriptor passing (also through socket.send_fds / recv_fds), SCM_CREDENTIALS, truncated
# control data, datagram addresses, timeouts and CPython's argument errors.
import array
import os
import socket
import struct
import warnings


def show(label, f, *args):
    try:
        print(label, repr(f(*args)))
    except Exception as e:
        print(label, type(e).__name__, e)


# ---- sizes
print('CMSG_LEN', [socket.CMSG_LEN(n) for n in (0, 1, 4, 8, 9, 100)])
print('CMSG_SPACE', [socket.CMSG_SPACE(n) for n in (0, 1, 4, 8, 9, 100)])
for f in (socket.CMSG_LEN, socket.CMSG_SPACE):
    for v in (-1, 2**31, 2**63, 'a', 1.0):
        show(f.__name__, f, v)
    show(f.__name__ + ' noargs', f)
print('limit', socket.CMSG_LEN(0x7fffffff - socket.CMSG_LEN(0)) == 0x7fffffff)
show('past limit', socket.CMSG_LEN, 0x7fffffff - socket.CMSG_LEN(0) + 1)
print('sigs', socket.CMSG_LEN.__text_signature__, socket.socket.sendmsg.__text_signature__)
print('doc', socket.socket.recvmsg.__doc__.splitlines()[0])

# ---- stream socketpair: gather on send, scatter on receive
a, b = socket.socketpair()
print('sendmsg', a.sendmsg([b'abc', bytearray(b'def'), memoryview(b'ghij')]))
print('sendmsg empty', a.sendmsg([]), a.sendmsg([b'']))
data, anc, flags, addr = b.recvmsg(100)
print('recvmsg', data, anc, flags, addr)
a.sendmsg([b'0123456789AB'])
bufs = [bytearray(3), bytearray(4), memoryview(bytearray(10))[2:5]]
n, anc, flags, addr = b.recvmsg_into(bufs)
print('recvmsg_into', n, [bytes(x) for x in bufs], anc, flags, addr)
print('rest', b.recv(10))
a.sendmsg([b'peek'])
print('peek', b.recvmsg(10, 0, socket.MSG_PEEK)[0], b.recvmsg(2)[0], b.recvmsg(10)[0])

# ---- SCM_RIGHTS: pass both ends of a pipe, use the received copies
r, w = os.pipe()
fds = array.array('i', [r, w])
anc = [(socket.SOL_SOCKET, socket.SCM_RIGHTS, fds.tobytes())]
print('send fds', a.sendmsg([b'x'], anc))
msg, anc, flags, addr = b.recvmsg(10, socket.CMSG_SPACE(2 * fds.itemsize))
print('got', msg, len(anc), flags)
level, kind, payload = anc[0]
print('level/type', level == socket.SOL_SOCKET, kind == socket.SCM_RIGHTS, len(payload))
got = array.array('i')
got.frombytes(payload)
print('new descriptors', [fd not in (r, w) for fd in got])
os.write(got[1], b'through the copy')
print('pipe', os.read(r, 100))
for fd in (r, w, *got):
    os.close(fd)

# ---- control data that does not fit: MSG_CTRUNC, and a warning when the item is cut
r, w = os.pipe()
a.sendmsg([b'y'], [(socket.SOL_SOCKET, socket.SCM_RIGHTS, array.array('i', [r, w]).tobytes())])
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter('always')
    msg, anc, flags, addr = b.recvmsg(10, socket.CMSG_LEN(4))
print('truncated', msg, len(anc), bool(flags & socket.MSG_CTRUNC),
      [len(item[2]) for item in anc])
print('warnings', [(w_.category.__name__, str(w_.message)) for w_ in caught])
for item in anc:
    for fd in array.array('i', item[2][:len(item[2]) - len(item[2]) % 4]):
        os.close(fd)
a.sendmsg([b'z'], [(socket.SOL_SOCKET, socket.SCM_RIGHTS, array.array('i', [r]).tobytes())])
msg, anc, flags, addr = b.recvmsg(10)  # no control buffer at all
print('no ancbuf', msg, anc, bool(flags & socket.MSG_CTRUNC))
os.close(r)
os.close(w)

# ---- socket.send_fds / recv_fds (socket.py, on top of sendmsg / recvmsg)
r, w = os.pipe()
print('send_fds', socket.send_fds(a, [b'fds'], [w]))
msg, fds, flags, addr = socket.recv_fds(b, 10, 1)
print('recv_fds', msg, len(fds), flags)
os.write(fds[0], b'ok')
print('pipe', os.read(r, 10))
for fd in (r, w, fds[0]):
    os.close(fd)

# ---- SCM_CREDENTIALS
b.setsockopt(socket.SOL_SOCKET, socket.SO_PASSCRED, 1)
creds = struct.pack('iII', os.getpid(), os.getuid(), os.getgid())
a.sendmsg([b'c'], [(socket.SOL_SOCKET, socket.SCM_CREDENTIALS, creds)])
msg, anc, flags, addr = b.recvmsg(10, socket.CMSG_SPACE(struct.calcsize('iII')))
print('creds', msg, [(lv == socket.SOL_SOCKET, t == socket.SCM_CREDENTIALS,
                      struct.unpack('iII', d) == (os.getpid(), os.getuid(), os.getgid()))
                     for lv, t, d in anc])
a.close()
b.close()

# ---- datagrams: destination and source addresses
u1 = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
u2 = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
u1.bind(('127.0.0.1', 0))
u2.bind(('127.0.0.1', 0))
print('udp sendmsg', u2.sendmsg([b'dg', b'ram'], [], 0, u1.getsockname()))
msg, anc, flags, addr = u1.recvmsg(2)
print('udp recvmsg', msg, anc, flags == socket.MSG_TRUNC, addr == u2.getsockname())
u2.sendmsg([b'again'], [], 0, u1.getsockname())
buf = bytearray(8)
n, anc, flags, addr = u1.recvmsg_into([buf])
print('udp recvmsg_into', n, bytes(buf), addr == u2.getsockname())
u1.settimeout(0.05)
show('timeout', u1.recvmsg, 10)
u1.setblocking(False)
show('nonblocking', u1.recvmsg_into, [bytearray(1)])
show('unconnected send', u1.sendmsg, [b'x'])
u1.close()
u2.close()
show('closed', u1.recvmsg, 1)

# ---- argument errors (CPython's messages)
a, b = socket.socketpair()
for args in [(), ([b'x'], [(1, 2)]), ([b'x'], [(1, 2, 's')]), ([b'x'], [('a', 2, b'')]),
             ([b'x'], [1]), ([b'x'], [None]), ([b'x'], [b'abc']), ([b'x'], ['abc']),
             ([b'x'], [{1: 2}]), (b'xy',), (1,), (['s'],), ([b'x'], 1), ([b'x'], [], 1.5),
             ([b'x'], [], 0, 1), ([b'x'], [], 0, None, 5)]:
    show('sendmsg%r' % (args,), a.sendmsg, *args)
for args in [(), (-1,), (1, -1), (1, 2**31), ('a',), (1, 1, 1, 1), (1.0,), (1, 0, 'f')]:
    show('recvmsg%r' % (args,), a.recvmsg, *args)
for args in [(1,), ([b'x'],), ([bytearray(1)], -1), ([bytearray(1)], 1, 1, 1), ('ab',)]:
    show('recvmsg_into%r' % (args,), a.recvmsg_into, *args)
show('keywords', lambda: a.sendmsg(buffers=[]))
show('keywords', lambda: a.recvmsg(bufsize=1))
a.close()
b.close()
