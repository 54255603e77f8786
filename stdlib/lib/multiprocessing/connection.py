"""Connection objects over OS pipes: Pipe(duplex) gives two connected Connection objects.
Messages are length-prefixed (see _multiprocessing.send_bytes); send/recv pickle objects."""

import os
import _multiprocessing
# _pickle (native), not pickle.py: the embedded-only mode has no CPython library (README).
from _pickle import dumps as _dumps, loads as _loads

__all__ = ['Pipe', 'Connection', 'wait']

BUFSIZE = 8192


class Connection:
    def __init__(self, rfd=None, wfd=None, readable=True, writable=True):
        if not readable and not writable:
            raise ValueError("at least one of `readable` and `writable` must be True")
        self._rfd = rfd if readable else None
        self._wfd = wfd if writable else None
        self._readable = readable
        self._writable = writable

    def _check_closed(self):
        if self._rfd is None and self._wfd is None:
            raise OSError("handle is closed")

    def _check_readable(self):
        if not self._readable:
            raise OSError("connection is write-only")

    def _check_writable(self):
        if not self._writable:
            raise OSError("connection is read-only")

    @property
    def closed(self):
        return self._rfd is None and self._wfd is None

    @property
    def readable(self):
        return self._readable

    @property
    def writable(self):
        return self._writable

    def fileno(self):
        self._check_closed()
        return self._rfd if self._rfd is not None else self._wfd

    def close(self):
        rfd, wfd = self._rfd, self._wfd
        self._rfd = self._wfd = None
        if rfd is not None:
            try:
                os.close(rfd)
            except OSError:
                pass
        if wfd is not None and wfd != rfd:
            try:
                os.close(wfd)
            except OSError:
                pass

    def send_bytes(self, buf, offset=0, size=None):
        self._check_closed()
        self._check_writable()
        m = bytes(buf)
        n = len(m)
        if offset < 0:
            raise ValueError("offset is negative")
        if n < offset:
            raise ValueError("buffer length < offset")
        if size is None:
            size = n - offset
        elif size < 0:
            raise ValueError("size is negative")
        elif offset + size > n:
            raise ValueError("buffer length < offset + size")
        if offset or size != n:
            m = m[offset:offset + size]
        _multiprocessing.send_bytes(self._wfd, m)

    def send(self, obj):
        self._check_closed()
        self._check_writable()
        _multiprocessing.send_bytes(self._wfd, _dumps(obj))

    def recv_bytes(self, maxlength=None):
        self._check_closed()
        self._check_readable()
        if maxlength is not None and maxlength < 0:
            raise ValueError("negative maxlength")
        buf = _multiprocessing.recv_bytes(self._rfd)
        if maxlength is not None and len(buf) > maxlength:
            self.close()
            raise OSError("bad message length")
        return buf

    def recv_bytes_into(self, buf, offset=0):
        data = self.recv_bytes()
        buf[offset:offset + len(data)] = data
        return len(data)

    def recv(self):
        self._check_closed()
        self._check_readable()
        return _loads(_multiprocessing.recv_bytes(self._rfd))

    def poll(self, timeout=0.0):
        self._check_closed()
        self._check_readable()
        return _multiprocessing.poll(self._rfd, timeout)

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc_value, exc_tb):
        self.close()

    def __repr__(self):
        return '<multiprocessing.connection.Connection handle=%s>' % (
            self._rfd if self._rfd is not None else self._wfd)

    def __reduce__(self):
        # Only meaningful for a child started with 'spawn', which inherits the descriptors.
        return (Connection, (self._rfd, self._wfd, self._readable, self._writable))


def _inheritable_pipe():
    # A 'spawn' child gets connections by descriptor number (Connection.__reduce__), so they
    # must survive its exec: inheritable, unlike os.pipe()'s descriptors (PEP 446).
    r, w = os.pipe()
    os.set_inheritable(r, True)
    os.set_inheritable(w, True)
    return r, w


def Pipe(duplex=True):
    if duplex:
        r1, w1 = _inheritable_pipe()
        r2, w2 = _inheritable_pipe()
        return Connection(r1, w2), Connection(r2, w1)
    r, w = _inheritable_pipe()
    return Connection(r, None, True, False), Connection(None, w, False, True)


def wait(object_list, timeout=None):
    """Returns the objects of object_list that are ready (connections, sentinels, fds)."""
    fds = {}
    for o in object_list:
        fd = o if isinstance(o, int) else o.fileno()
        fds.setdefault(fd, []).append(o)
    ready = _multiprocessing.wait(list(fds), timeout)
    out = []
    for fd in ready:
        out.extend(fds[fd])
    return out
