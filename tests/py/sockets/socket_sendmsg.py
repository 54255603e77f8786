# sendmsg/recvmsg with SCM_RIGHTS (what socket.send_fds/recv_fds and multiprocessing's descriptor
# passing use), scatter/gather buffers, CMSG_LEN/CMSG_SPACE and the argument errors.
import os
import _socket as socket

a, b = socket.socketpair()
print(a.sendmsg([b"scatter ", bytearray(b"gather "), memoryview(b"io")]))
print(b.recvmsg(100))

r, w = os.pipe()
payload = r.to_bytes(4, "little") + w.to_bytes(4, "little")
print(a.sendmsg([b"fds"], [(socket.SOL_SOCKET, socket.SCM_RIGHTS, payload)]))
msg, anc, flags, addr = b.recvmsg(10, socket.CMSG_SPACE(2 * 4))
level, kind, data = anc[0]
got = [int.from_bytes(data[i:i + 4], "little") for i in range(0, len(data), 4)]
print(msg, len(anc), level == socket.SOL_SOCKET, kind == socket.SCM_RIGHTS, len(got), flags, addr)
os.write(got[1], b"through a passed descriptor")
print(os.read(got[0], 100))
for fd in got + [r, w]:
    os.close(fd)

print(socket.CMSG_LEN(0), socket.CMSG_LEN(4), socket.CMSG_SPACE(4), socket.CMSG_SPACE(8))

def show(f, *args):
    try:
        print("ok:", f(*args))
    except Exception as e:
        print(type(e).__name__ + ":", e)

show(b.recvmsg, -1)
show(b.recvmsg, 10, -1)
show(a.sendmsg, [b"x"], [(1, 2)])
show(a.sendmsg, ["text"])
show(socket.CMSG_LEN, -1)
a.close()
b.close()
