# fcntl: descriptor flags, status flags, buffer arguments, flock and lockf on a temporary file,
# and the argument errors.
import fcntl
import os

r, w = os.pipe()
fcntl.fcntl(r, fcntl.F_SETFD, fcntl.FD_CLOEXEC)
flags = fcntl.fcntl(r, fcntl.F_GETFD)
print(flags & fcntl.FD_CLOEXEC == fcntl.FD_CLOEXEC)
fcntl.fcntl(r, fcntl.F_SETFD, 0)
print(fcntl.fcntl(r, fcntl.F_GETFD) & fcntl.FD_CLOEXEC)
fcntl.fcntl(r, fcntl.F_SETFD, fcntl.FD_CLOEXEC)
fl = fcntl.fcntl(w, fcntl.F_GETFL)
fcntl.fcntl(w, fcntl.F_SETFL, fl | os.O_NONBLOCK)
print(fcntl.fcntl(w, fcntl.F_GETFL) & os.O_NONBLOCK == os.O_NONBLOCK)
print(fcntl.fcntl(w, fcntl.F_GETPIPE_SZ) >= 4096)
dup = fcntl.fcntl(r, fcntl.F_DUPFD_CLOEXEC, 100)
print(dup >= 100)
os.close(dup)

FIONREAD = 0x541B  # Linux termios.FIONREAD
os.write(w, b"12345")
print(fcntl.ioctl(r, FIONREAD, b"\0\0\0\0"))
buf = bytearray(4)
print(fcntl.ioctl(r, FIONREAD, buf), buf)
print(fcntl.ioctl(r, FIONREAD, bytearray(4), False))

class F:
    def fileno(self):
        return r
print(fcntl.fcntl(F(), fcntl.F_GETFD) & fcntl.FD_CLOEXEC)

path = "fcntl_locks.tmp"
fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
try:
    fcntl.flock(fd, fcntl.LOCK_EX)
    fcntl.flock(fd, fcntl.LOCK_UN)
    fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
    fcntl.flock(fd, fcntl.LOCK_UN)
    fcntl.lockf(fd, fcntl.LOCK_EX, 10, 0, 0)
    fcntl.lockf(fd, fcntl.LOCK_UN, 10)
    fcntl.lockf(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
    fcntl.lockf(fd, fcntl.LOCK_UN)
    print("locks ok")
finally:
    os.close(fd)
    os.unlink(path)

def show(f, *args):
    try:
        print("ok:", f(*args))
    except Exception as e:
        print(type(e).__name__ + ":", e)

show(fcntl.fcntl, -1, fcntl.F_GETFD)
show(fcntl.fcntl, 9999, fcntl.F_GETFD)
show(fcntl.fcntl, "x", fcntl.F_GETFD)
show(fcntl.fcntl, r, fcntl.F_GETFD, b"x" * 2000)
show(fcntl.flock, 9999, fcntl.LOCK_EX)
show(fcntl.lockf, r, 12345)
os.close(r)
os.close(w)
print(fcntl.LOCK_SH, fcntl.LOCK_EX, fcntl.LOCK_NB, fcntl.LOCK_UN, fcntl.F_GETFD, fcntl.F_SETFL)
show(fcntl.fcntl)
show(fcntl.fcntl, 0, "x")
show(fcntl.flock, 0)
show(fcntl.lockf, 0, 1, 2, 3, 4, 5)
print(fcntl.fcntl.__text_signature__)
