"""Locks and friends that work across processes (minipy's own; why: see process.py).

Each primitive is built on _multiprocessing.SemLock, a POSIX semaphore in memory shared with
the processes forked after it is made, so a child inherits its parent's locks by fork alone.
They cannot be pickled: sending one to a process that did not inherit it raises RuntimeError.

Condition is the delicate one, since a semaphore has no "wait until told" of its own. Three
semaphores count the handshake: `_sleepers` goes up for every process that starts waiting,
`_wakeup` is what a sleeper blocks on, and `_woke` goes up for every sleeper that has finished
waiting (told or timed out). notify() first settles the sleepers that left on their own (one
`_woke` with one `_sleepers`), then releases `_wakeup` once per sleeper it tells and waits
until each of them has woken, so that a notification is never picked up by a process that
began waiting after it was sent.
"""

import sys
import threading
import time
import _multiprocessing

from multiprocessing import util

__all__ = ['Lock', 'RLock', 'Semaphore', 'BoundedSemaphore', 'Condition', 'Event', 'Barrier']

SEM_VALUE_MAX = _multiprocessing.SEM_VALUE_MAX
RECURSIVE_MUTEX, SEMAPHORE = 1, 0

BrokenBarrierError = threading.BrokenBarrierError


class _InheritedOnly:
    """Objects shared between processes by fork only."""

    def __reduce__(self):
        raise RuntimeError('%s objects should only be shared between processes through '
                           'inheritance' % type(self).__name__)


def _owner_name():
    # "MainProcess", or "Process-1|Thread-2" when a thread other than the main one holds it.
    from multiprocessing import process
    name = process.current_process().name
    thread = threading.current_thread().name
    return name if thread == 'MainThread' else name + '|' + thread


class SemLock(_InheritedOnly):
    def __init__(self, kind, value, maxvalue, *, ctx=None):
        self._semlock = _multiprocessing.SemLock(kind, value, maxvalue)
        # Bound once: acquire/release are the hot calls.
        self.acquire = self._semlock.acquire
        self.release = self._semlock.release

    def __enter__(self):
        return self._semlock.acquire()

    def __exit__(self, *exc_info):
        return self._semlock.__exit__(*exc_info)

    def _holder(self):
        # Who holds the lock, as the reprs show it, and its recursion count.
        sl = self._semlock
        if sl._is_mine():
            return _owner_name(), sl._count()
        if sl._get_value() == 1:
            return 'None', 0
        return ('SomeOtherThread' if sl._count() > 0 else 'SomeOtherProcess'), 'nonzero'


class Semaphore(SemLock):
    def __init__(self, value=1, *, ctx=None):
        super().__init__(SEMAPHORE, value, SEM_VALUE_MAX)

    def get_value(self):
        return self._semlock._get_value()

    def _value_text(self):
        try:
            return str(self._semlock._get_value())
        except Exception:
            return 'unknown'

    def __repr__(self):
        return '<%s(value=%s)>' % (type(self).__name__, self._value_text())


class BoundedSemaphore(Semaphore):
    def __init__(self, value=1, *, ctx=None):
        SemLock.__init__(self, SEMAPHORE, value, value)

    def __repr__(self):
        return '<%s(value=%s, maxvalue=%s)>' % (type(self).__name__, self._value_text(),
                                                self._semlock.maxvalue)


class Lock(SemLock):
    def __init__(self, *, ctx=None):
        super().__init__(SEMAPHORE, 1, 1)

    def __repr__(self):
        try:
            owner = self._holder()[0]
        except Exception:
            owner = 'unknown'
        return '<%s(owner=%s)>' % (type(self).__name__, owner)


class RLock(SemLock):
    def __init__(self, *, ctx=None):
        super().__init__(RECURSIVE_MUTEX, 1, 1)

    def __repr__(self):
        try:
            owner, count = self._holder()
        except Exception:
            owner, count = 'unknown', 'unknown'
        return '<%s(%s, %s)>' % (type(self).__name__, owner, count)


class Condition(_InheritedOnly):
    def __init__(self, lock=None, *, ctx=None):
        self._lock = lock or RLock()
        self._sleepers = Semaphore(0)
        self._woke = Semaphore(0)
        self._wakeup = Semaphore(0)
        self.acquire = self._lock.acquire
        self.release = self._lock.release

    def __enter__(self):
        return self._lock.__enter__()

    def __exit__(self, *exc_info):
        return self._lock.__exit__(*exc_info)

    def __repr__(self):
        try:
            waiting = self._sleepers._semlock._get_value() - self._woke._semlock._get_value()
        except Exception:
            waiting = 'unknown'
        return '<%s(%s, %s)>' % (type(self).__name__, self._lock, waiting)

    def wait(self, timeout=None):
        """Releases the lock (all its levels), sleeps until notified or `timeout` seconds pass,
        then takes the lock back. True when notified."""
        assert self._lock._semlock._is_mine(), 'must acquire() condition before using wait()'
        self._sleepers.release()
        depth = self._lock._semlock._count()
        for _ in range(depth):
            self._lock.release()
        try:
            return self._wakeup.acquire(True, timeout)
        finally:
            self._woke.release()
            for _ in range(depth):
                self._lock.acquire()

    def notify(self, n=1):
        """Wakes up to `n` of the processes waiting (the caller holds the lock)."""
        assert self._lock._semlock._is_mine(), 'lock is not owned'
        assert not self._wakeup.acquire(False)
        # Sleepers that already left (timed out) are no longer waiting: settle them first.
        while self._woke.acquire(False):
            settled = self._sleepers.acquire(False)
            assert settled, 'notify: a woken process that never slept'
        told = 0
        while told < n and self._sleepers.acquire(False):
            self._wakeup.release()
            told += 1
        if told:
            for _ in range(told):
                self._woke.acquire()  # each one told has woken up
            # A told process that timed out instead left its wake-up behind: take it back.
            while self._wakeup.acquire(False):
                pass

    def notify_all(self):
        self.notify(n=sys.maxsize)

    def wait_for(self, predicate, timeout=None):
        """Waits until predicate() is true (or `timeout` passes); returns its last value."""
        give_up = None if timeout is None else time.monotonic() + timeout
        result = predicate()
        while not result:
            remaining = None
            if give_up is not None:
                remaining = give_up - time.monotonic()
                if remaining <= 0:
                    break
            self.wait(remaining)
            result = predicate()
        return result


class Event(_InheritedOnly):
    """A flag shared by processes: a semaphore whose value is the flag (0 or 1)."""

    def __init__(self, *, ctx=None):
        self._cond = Condition(Lock())
        self._flag = Semaphore(0)

    def _peek(self):
        # With the condition held: the flag's value, left unchanged.
        if self._flag.acquire(False):
            self._flag.release()
            return True
        return False

    def is_set(self):
        with self._cond:
            return self._peek()

    def set(self):
        with self._cond:
            if not self._peek():
                self._flag.release()
            self._cond.notify_all()

    def clear(self):
        with self._cond:
            self._flag.acquire(False)

    def wait(self, timeout=None):
        with self._cond:
            if not self._peek():
                self._cond.wait(timeout)
            return self._peek()

    def __repr__(self):
        return '<%s at %#x %s>' % (type(self).__qualname__, id(self),
                                   'set' if self.is_set() else 'unset')


class Barrier(_InheritedOnly):
    """A cyclic barrier for processes. How many wait and which round it is live in shared
    memory; a round of -1 means the barrier is broken."""

    def __init__(self, parties, action=None, timeout=None, *, ctx=None):
        if parties < 1:
            raise ValueError("parties must be >= 1")
        self._cond = Condition(Lock())
        self._shared = _multiprocessing.SharedArray('q', 2)  # [waiting, round]
        self._parties = parties
        self._action = action
        self._timeout = timeout

    def wait(self, timeout=None):
        """Waits until `parties` processes wait; returns this one's arrival index."""
        if timeout is None:
            timeout = self._timeout
        shared = self._shared
        with self._cond:
            this_round = shared[1]
            if this_round < 0:
                raise BrokenBarrierError
            index = shared[0]
            shared[0] = index + 1
            if index + 1 < self._parties:
                if not self._cond.wait_for(lambda: shared[1] != this_round, timeout):
                    self._break()
                    raise BrokenBarrierError
                if shared[1] < 0:
                    raise BrokenBarrierError
                return index
            # The last to arrive runs the action and starts the next round.
            if self._action:
                try:
                    self._action()
                except BaseException:
                    self._break()
                    raise
            shared[0] = 0
            shared[1] = this_round + 1
            self._cond.notify_all()
            return index

    def _break(self):
        self._shared[0] = 0
        self._shared[1] = -1
        self._cond.notify_all()

    def abort(self):
        with self._cond:
            self._break()

    def reset(self):
        with self._cond:
            self._shared[0] = 0
            self._shared[1] = max(self._shared[1], -1) + 1
            self._cond.notify_all()

    parties = property(lambda self: self._parties)
    n_waiting = property(lambda self: self._shared[0])
    broken = property(lambda self: self._shared[1] < 0)
