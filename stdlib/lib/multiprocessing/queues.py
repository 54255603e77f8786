"""Queue, JoinableQueue and SimpleQueue over a pipe. Items are pickled by put(); Queue hands
them to a feeder thread that writes them to the pipe (so put() never blocks on a full pipe)
and that a child joins before it exits, so nothing put is lost."""

import os
import sys
import threading
import time
import _multiprocessing
from queue import Empty, Full
# _pickle (native), not pickle.py: the embedded-only mode has no CPython library (README).
from _pickle import dumps as _dumps, loads as _loads

from multiprocessing import connection, synchronize, util

__all__ = ['Queue', 'SimpleQueue', 'JoinableQueue']

_PIPE_BUF = _multiprocessing.PIPE_BUF
_send = _multiprocessing.send_bytes
_recv = _multiprocessing.recv_bytes
_poll = _multiprocessing.poll


class Queue:
    def __init__(self, maxsize=0, *, ctx=None):
        if maxsize <= 0:
            maxsize = synchronize.SEM_VALUE_MAX
        self._maxsize = maxsize
        self._reader, self._writer = connection.Pipe(duplex=False)
        self._rfd = self._reader._rfd
        self._wfd = self._writer._wfd
        self._rlock = synchronize.Lock()
        self._wlock = synchronize.Lock()
        self._sem = synchronize.BoundedSemaphore(maxsize)
        self._opid = os.getpid()
        self._reset()
        util.register_after_fork(self, Queue._reset)

    def __reduce__(self):
        synchronize._assert_spawning(self)

    def _reset(self):
        self._notempty = threading.Condition(threading.Lock())
        self._buffer = []
        self._thread = None
        self._closed = False
        self._joincancelled = False
        self._finalizer = None

    def put(self, obj, block=True, timeout=None):
        if self._closed:
            raise ValueError(f"Queue {self!r} is closed")
        data = _dumps(obj)
        if not self._sem.acquire(block, timeout):
            raise Full
        with self._notempty:
            self._buffer.append(data)
            if self._thread is None:
                self._start_thread()
            self._notempty.notify()

    def put_nowait(self, obj):
        return self.put(obj, False)

    def _start_thread(self):
        t = threading.Thread(target=self._feed, name='QueueFeederThread', daemon=True)
        self._thread = t
        if self._finalizer is None:
            self._finalizer = util.Finalize(self, Queue._finalize_join, [self])
        t.start()

    def _finalize_join(self):
        if not self._joincancelled:
            t = self._thread
            if t is not None:
                t.join()

    def _feed(self):
        # Writes buffered items; exits when the buffer is empty (put() starts a new feeder).
        wlock = self._wlock
        wfd = self._wfd
        notempty = self._notempty
        while True:
            with notempty:
                items = self._buffer
                if not items:
                    self._thread = None
                    return
                self._buffer = []
            for data in items:
                try:
                    if len(data) + 4 <= _PIPE_BUF:
                        _send(wfd, data)
                    else:
                        with wlock:
                            _send(wfd, data)
                except OSError:
                    if self._closed or wfd is None:
                        return
                    raise

    def get(self, block=True, timeout=None):
        if self._closed:
            raise ValueError(f"Queue {self!r} is closed")
        if block and timeout is None:
            with self._rlock:
                data = _recv(self._rfd)
        else:
            if block:
                deadline = time.monotonic() + timeout
            if not self._rlock.acquire(block, timeout):
                raise Empty
            try:
                if block:
                    timeout = deadline - time.monotonic()
                    if not _poll(self._rfd, timeout if timeout > 0 else 0):
                        raise Empty
                elif not _poll(self._rfd, 0):
                    raise Empty
                data = _recv(self._rfd)
            finally:
                self._rlock.release()
        self._sem.release()
        return _loads(data)

    def get_nowait(self):
        return self.get(False)

    def qsize(self):
        return self._maxsize - self._sem._semlock._get_value()

    def empty(self):
        return not _poll(self._rfd, 0)

    def full(self):
        return self._sem._semlock._is_zero()

    def close(self):
        self._closed = True

    def join_thread(self):
        assert self._closed, "Queue {0!r} not closed".format(self)
        self._finalize_join()

    def cancel_join_thread(self):
        self._joincancelled = True

    def __repr__(self):
        return '<%s.%s object at %#x>' % (type(self).__module__, type(self).__qualname__, id(self))


class JoinableQueue(Queue):
    def __init__(self, maxsize=0, *, ctx=None):
        Queue.__init__(self, maxsize, ctx=ctx)
        self._unfinished_tasks = synchronize.Semaphore(0)
        self._cond = synchronize.Condition()

    def put(self, obj, block=True, timeout=None):
        if self._closed:
            raise ValueError(f"Queue {self!r} is closed")
        data = _dumps(obj)
        if not self._sem.acquire(block, timeout):
            raise Full
        with self._notempty, self._cond:
            self._buffer.append(data)
            if self._thread is None:
                self._start_thread()
            self._unfinished_tasks.release()
            self._notempty.notify()

    def task_done(self):
        with self._cond:
            if not self._unfinished_tasks.acquire(False):
                raise ValueError('task_done() called too many times')
            if self._unfinished_tasks._semlock._is_zero():
                self._cond.notify_all()

    def join(self):
        with self._cond:
            if not self._unfinished_tasks._semlock._is_zero():
                self._cond.wait()


class SimpleQueue:
    def __init__(self, *, ctx=None):
        self._reader, self._writer = connection.Pipe(duplex=False)
        self._rfd = self._reader._rfd
        self._wfd = self._writer._wfd
        self._rlock = synchronize.Lock()
        self._wlock = synchronize.Lock()

    def __reduce__(self):
        synchronize._assert_spawning(self)

    def close(self):
        self._reader.close()
        self._writer.close()

    def empty(self):
        return not _poll(self._rfd, 0)

    def get(self):
        with self._rlock:
            data = _recv(self._rfd)
        return _loads(data)

    def put(self, obj):
        data = _dumps(obj)
        if len(data) + 4 <= _PIPE_BUF:
            _send(self._wfd, data)
        else:
            with self._wlock:
                _send(self._wfd, data)
