# OSError(errno, strerror[, filename]) called on OSError itself becomes the subclass for the errno
# (CPython's OSError.__new__); subclasses and other argument shapes stay as called.
import errno

for code in (errno.ENOENT, errno.EEXIST, errno.EACCES, errno.EPERM, errno.EISDIR, errno.ENOTDIR,
             errno.EPIPE, errno.ESHUTDOWN, errno.EINTR, errno.ECHILD, errno.ESRCH, errno.EAGAIN,
             errno.EALREADY, errno.EINPROGRESS, errno.ECONNREFUSED, errno.ECONNRESET,
             errno.ECONNABORTED, errno.ETIMEDOUT, errno.EIO, 99999):
    e = OSError(code, "message")
    print(errno.errorcode.get(code, code), type(e).__name__, e.errno, e.strerror)
e = OSError(errno.ENOENT, "No such file", "name.txt")
print(type(e).__name__, e.filename, str(e))
print(type(OSError("just text")).__name__, type(OSError()).__name__, type(OSError(2)).__name__)

class Mine(OSError):
    pass

print(type(Mine(errno.ENOENT, "x")).__name__)
try:
    raise OSError(errno.ECONNREFUSED, "refused")
except ConnectionRefusedError as e:
    print("caught as", type(e).__name__, e)
