"""Synchronised queues for passing work between threads (FIFO, LIFO, priority, simple).

Why minipy keeps its own queue: it is embedded, so that the tutorials' thread scripts run without
CPython's library installed (CPython's queue.py imports collections, heapq and types from it).
As CPython's, it takes SimpleQueue and Empty from the native _queue module when that imports,
and keeps the pure-Python SimpleQueue as _PySimpleQueue.
"""

import threading
from _heapq import heappush as _heappush, heappop as _heappop

try:
    from time import monotonic as _time
except ImportError:
    def _time():
        import time
        return time.monotonic()

__all__ = ['Empty', 'Full', 'Queue', 'PriorityQueue', 'LifoQueue', 'SimpleQueue']


try:
    from _queue import Empty
except ImportError:
    class Empty(Exception):
        """Raised by Queue.get(block=0)/get_nowait()."""
        pass


class Full(Exception):
    """Raised by Queue.put(block=0)/put_nowait()."""
    pass


class _Fifo:
    """A FIFO with amortised O(1) append and popleft: two lists, the front one reversed."""

    def __init__(self):
        self._back = []
        self._front = []

    def append(self, item):
        self._back.append(item)

    def popleft(self):
        front = self._front
        if not front:
            if not self._back:
                raise IndexError("pop from an empty deque")
            back = self._back
            back.reverse()
            self._front = back
            self._back = []
            front = back
        return front.pop()

    def __len__(self):
        return len(self._front) + len(self._back)

    def clear(self):
        self._front = []
        self._back = []


class Queue:
    """A FIFO queue; maxsize <= 0 means unbounded."""

    def __init__(self, maxsize=0):
        self.maxsize = maxsize
        self._init(maxsize)
        # One mutex guards the queue; the three conditions share it.
        self.mutex = threading.Lock()
        self.not_empty = threading.Condition(self.mutex)
        self.not_full = threading.Condition(self.mutex)
        self.all_tasks_done = threading.Condition(self.mutex)
        self.unfinished_tasks = 0

    def task_done(self):
        """Mark one formerly enqueued task as complete (for join())."""
        with self.all_tasks_done:
            unfinished = self.unfinished_tasks - 1
            if unfinished <= 0:
                if unfinished < 0:
                    raise ValueError('task_done() called too many times')
                self.all_tasks_done.notify_all()
            self.unfinished_tasks = unfinished

    def join(self):
        """Block until every item put has been got and marked done with task_done()."""
        with self.all_tasks_done:
            while self.unfinished_tasks:
                self.all_tasks_done.wait()

    def qsize(self):
        with self.mutex:
            return self._qsize()

    def empty(self):
        with self.mutex:
            return not self._qsize()

    def full(self):
        with self.mutex:
            return 0 < self.maxsize <= self._qsize()

    def put(self, item, block=True, timeout=None):
        with self.not_full:
            if self.maxsize > 0:
                if not block:
                    if self._qsize() >= self.maxsize:
                        raise Full
                elif timeout is None:
                    while self._qsize() >= self.maxsize:
                        self.not_full.wait()
                elif timeout < 0:
                    raise ValueError("'timeout' must be a non-negative number")
                else:
                    endtime = _time() + timeout
                    while self._qsize() >= self.maxsize:
                        remaining = endtime - _time()
                        if remaining <= 0.0:
                            raise Full
                        self.not_full.wait(remaining)
            self._put(item)
            self.unfinished_tasks += 1
            self.not_empty.notify()

    def get(self, block=True, timeout=None):
        with self.not_empty:
            if not block:
                if not self._qsize():
                    raise Empty
            elif timeout is None:
                while not self._qsize():
                    self.not_empty.wait()
            elif timeout < 0:
                raise ValueError("'timeout' must be a non-negative number")
            else:
                endtime = _time() + timeout
                while not self._qsize():
                    remaining = endtime - _time()
                    if remaining <= 0.0:
                        raise Empty
                    self.not_empty.wait(remaining)
            item = self._get()
            self.not_full.notify()
            return item

    def put_nowait(self, item):
        return self.put(item, block=False)

    def get_nowait(self):
        return self.get(block=False)

    # Storage hooks, overridden by the subclasses; called with the mutex held.
    def _init(self, maxsize):
        self.queue = _Fifo()

    def _qsize(self):
        return len(self.queue)

    def _put(self, item):
        self.queue.append(item)

    def _get(self):
        return self.queue.popleft()


class PriorityQueue(Queue):
    """Retrieves the lowest entry first (entries are typically (priority, data) tuples)."""

    def _init(self, maxsize):
        self.queue = []

    def _qsize(self):
        return len(self.queue)

    def _put(self, item):
        _heappush(self.queue, item)

    def _get(self):
        return _heappop(self.queue)


class LifoQueue(Queue):
    """Retrieves the most recently added entry first."""

    def _init(self, maxsize):
        self.queue = []

    def _qsize(self):
        return len(self.queue)

    def _put(self, item):
        self.queue.append(item)

    def _get(self):
        return self.queue.pop()


class _PySimpleQueue:
    """An unbounded FIFO queue without task tracking."""

    def __init__(self):
        self._queue = _Fifo()
        self._cond = threading.Condition(threading.Lock())

    def put(self, item, block=True, timeout=None):
        with self._cond:
            self._queue.append(item)
            self._cond.notify()

    def get(self, block=True, timeout=None):
        if timeout is not None and timeout < 0:  # checked first, as CPython's SimpleQueue
            raise ValueError("'timeout' must be a non-negative number")
        with self._cond:
            q = self._queue
            if not len(q):
                if not block:
                    raise Empty
                if timeout is None:
                    while not len(q):
                        self._cond.wait()
                else:
                    endtime = _time() + timeout
                    while not len(q):
                        remaining = endtime - _time()
                        if remaining <= 0.0:
                            raise Empty
                        self._cond.wait(remaining)
            return q.popleft()

    def put_nowait(self, item):
        return self.put(item, block=False)

    def get_nowait(self):
        return self.get(False)

    def empty(self):
        with self._cond:
            return len(self._queue) == 0

    def qsize(self):
        with self._cond:
            return len(self._queue)


try:
    from _queue import SimpleQueue
except ImportError:
    SimpleQueue = _PySimpleQueue
