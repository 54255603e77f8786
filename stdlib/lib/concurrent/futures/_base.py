"""Futures, the Executor base class, wait() and as_completed(): minipy's own concurrent.futures.

Why minipy keeps its own package: it is embedded, so that the tutorials' thread and process
pools run without CPython's library installed (CPython's version imports logging and with it
much of that library), and its ProcessPoolExecutor sits on minipy's fork-based multiprocessing.
The API, the state names, the messages and the reprs are CPython 3.11's.

How it works: a Future is a small state machine guarded by one Condition. Code that waits for
several futures at once (wait(), as_completed()) puts one _Watcher on each of them; a future
that completes tells its watchers under its condition, and the watcher alone decides whether the
waiting thread has seen enough to wake up.
"""

import sys as _sys
import threading
import time as _time

FIRST_COMPLETED = 'FIRST_COMPLETED'
FIRST_EXCEPTION = 'FIRST_EXCEPTION'
ALL_COMPLETED = 'ALL_COMPLETED'
_AS_COMPLETED = '_AS_COMPLETED'

# A future's life: PENDING -> RUNNING -> FINISHED, or PENDING -> CANCELLED, which becomes
# CANCELLED_AND_NOTIFIED once its executor has seen the cancellation (only then is the future
# reported as done to wait() and as_completed(), as on CPython).
PENDING = 'PENDING'
RUNNING = 'RUNNING'
CANCELLED = 'CANCELLED'
CANCELLED_AND_NOTIFIED = 'CANCELLED_AND_NOTIFIED'
FINISHED = 'FINISHED'

_FUTURE_STATES = [PENDING, RUNNING, CANCELLED, CANCELLED_AND_NOTIFIED, FINISHED]
_STATE_TO_DESCRIPTION_MAP = {state: state.split('_')[0].lower() for state in _FUTURE_STATES}

_CANCELLED_STATES = (CANCELLED, CANCELLED_AND_NOTIFIED)
_REPORTED_STATES = (CANCELLED_AND_NOTIFIED, FINISHED)


class Error(Exception):
    """Base class for all future-related exceptions."""


class CancelledError(Error):
    """The Future was cancelled."""


TimeoutError = TimeoutError


class InvalidStateError(Error):
    """The operation is not allowed in this state."""


class BrokenExecutor(RuntimeError):
    """Raised when a executor has become non-functional after a severe failure."""


class _StderrLogger:
    """What this package logs (a failing callback, initializer or worker) goes to stderr with
    its traceback: logging.getLogger("concurrent.futures") with no handlers does the same."""

    def _report(self, msg, exc):
        err = getattr(_sys, 'stderr', None)
        if err is None:
            return
        print(msg, file=err)
        if exc is not None:
            hook = getattr(_sys, '__excepthook__', None) or _sys.excepthook
            hook(type(exc), exc, exc.__traceback__)

    exception = critical = _report


LOGGER = _StderrLogger()


class _Watcher:
    """The view of one wait() or as_completed() call on the futures it watches."""

    def __init__(self, mode, pending):
        self.mode = mode
        self.pending = pending        # futures not yet reported to this watcher
        self.finished_futures = []    # reported, not yet taken by as_completed()
        self.lock = threading.Lock()
        self.event = threading.Event()

    def note(self, future):
        # Called with `future`'s condition held, once, when it is reported done.
        with self.lock:
            self.finished_futures.append(future)
            self.pending -= 1
            failed = future._state == FINISHED and future._exception is not None
            if (self.mode in (_AS_COMPLETED, FIRST_COMPLETED) or self.pending <= 0
                    or (self.mode == FIRST_EXCEPTION and failed)):
                self.event.set()

    # The names CPython's waiters answer to, so code written against them keeps working.
    def add_result(self, future):
        self.note(future)

    add_exception = add_cancelled = add_result


class Future:
    """The result of an asynchronous computation."""

    def __init__(self):
        self._condition = threading.Condition()
        self._state = PENDING
        self._result = None
        self._exception = None
        self._waiters = []
        self._done_callbacks = []

    def _invoke_callbacks(self):
        for callback in self._done_callbacks:
            try:
                callback(self)
            except Exception as exc:
                LOGGER.exception('exception calling callback for %r' % (self,), exc)

    def __repr__(self):
        with self._condition:
            text = '<%s at %#x state=%s' % (type(self).__name__, id(self),
                                            _STATE_TO_DESCRIPTION_MAP[self._state])
            if self._state == FINISHED:
                if self._exception:
                    text += ' raised ' + type(self._exception).__name__
                else:
                    text += ' returned ' + type(self._result).__name__
            return text + '>'

    def cancel(self):
        """Cancels the future unless it is running or done; True when it is cancelled."""
        with self._condition:
            if self._state in (RUNNING, FINISHED):
                return False
            if self._state in _CANCELLED_STATES:
                return True
            self._state = CANCELLED
            self._condition.notify_all()
        self._invoke_callbacks()
        return True

    def cancelled(self):
        with self._condition:
            return self._state in _CANCELLED_STATES

    def running(self):
        with self._condition:
            return self._state == RUNNING

    def done(self):
        with self._condition:
            return self._state in (CANCELLED, CANCELLED_AND_NOTIFIED, FINISHED)

    def _outcome(self):
        # With the condition held and the future done: the result, or raise what it raised.
        if self._state in _CANCELLED_STATES:
            raise CancelledError()
        if self._exception is not None:
            try:
                raise self._exception
            finally:
                self = None  # no cycle through this frame
        return self._result

    def _wait_done(self, timeout):
        # With the condition held: waits up to `timeout` seconds for the future to be done.
        if self._state not in (CANCELLED, CANCELLED_AND_NOTIFIED, FINISHED):
            self._condition.wait(timeout)
            if self._state not in (CANCELLED, CANCELLED_AND_NOTIFIED, FINISHED):
                raise TimeoutError()

    def add_done_callback(self, fn):
        """Calls fn(future) when the future is done: at once if it is done already."""
        with self._condition:
            if self._state not in (CANCELLED, CANCELLED_AND_NOTIFIED, FINISHED):
                self._done_callbacks.append(fn)
                return
        try:
            fn(self)
        except Exception as exc:
            LOGGER.exception('exception calling callback for %r' % (self,), exc)

    def result(self, timeout=None):
        """The call's return value; raises what the call raised, CancelledError or TimeoutError."""
        try:
            with self._condition:
                self._wait_done(timeout)
                return self._outcome()
        finally:
            self = None

    def exception(self, timeout=None):
        """What the call raised (None if it returned); CancelledError or TimeoutError."""
        with self._condition:
            self._wait_done(timeout)
            if self._state in _CANCELLED_STATES:
                raise CancelledError()
            return self._exception

    # Executors' side: not for users.
    def set_running_or_notify_cancel(self):
        """Marks the future running (True), or reports its cancellation (False)."""
        with self._condition:
            if self._state == CANCELLED:
                self._state = CANCELLED_AND_NOTIFIED
                for watcher in self._waiters:
                    watcher.add_cancelled(self)
                return False
            if self._state == PENDING:
                self._state = RUNNING
                return True
            LOGGER.critical('Future %s in unexpected state: %s' % (id(self), self._state), None)
            raise RuntimeError('Future in unexpected state')

    def _finish(self, result, exception):
        with self._condition:
            if self._state in (CANCELLED, CANCELLED_AND_NOTIFIED, FINISHED):
                raise InvalidStateError('{}: {!r}'.format(self._state, self))
            self._result = result
            self._exception = exception
            self._state = FINISHED
            for watcher in self._waiters:
                watcher.add_result(self)
            self._condition.notify_all()
        self._invoke_callbacks()

    def set_result(self, result):
        self._finish(result, None)

    def set_exception(self, exception):
        self._finish(None, exception)

    def __class_getitem__(cls, item):
        import types
        return types.GenericAlias(cls, item)


class Executor:
    """Base class of the executors: subclasses provide submit() and shutdown()."""

    def submit(self, fn, /, *args, **kwargs):
        raise NotImplementedError()

    def map(self, fn, *iterables, timeout=None, chunksize=1):
        """Like map(fn, *iterables), the calls made concurrently; results come in order."""
        deadline = None if timeout is None else timeout + _time.monotonic()
        futures = [self.submit(fn, *args) for args in zip(*iterables)]
        return _results_in_order(futures, deadline)

    def shutdown(self, wait=True, *, cancel_futures=False):
        pass

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc_val, exc_tb):
        self.shutdown(wait=True)
        return False


def _results_in_order(futures, deadline):
    # A generator, so that the calls are all submitted before the first result is asked for.
    # Closing it early cancels the calls not yet started.
    futures.reverse()  # popping from the end keeps submission order and drops each reference
    try:
        while futures:
            future = futures.pop()
            remaining = None if deadline is None else deadline - _time.monotonic()
            try:
                yield _result_or_cancel(future, remaining)
            finally:
                future = None
    finally:
        for future in futures:
            future.cancel()


def _result_or_cancel(future, timeout=None):
    try:
        try:
            return future.result(timeout)
        finally:
            future.cancel()
    finally:
        future = None


class DoneAndNotDoneFutures(tuple):
    """wait()'s answer: the futures that are done and those that are not."""

    __slots__ = ()

    def __new__(cls, done, not_done):
        return tuple.__new__(cls, (done, not_done))

    done = property(lambda self: self[0], doc='The futures that are done.')
    not_done = property(lambda self: self[1], doc='The futures that are not done.')

    def __repr__(self):
        return 'DoneAndNotDoneFutures(done=%r, not_done=%r)' % (self[0], self[1])


class _AllConditions:
    """Holds the conditions of several futures at once (taken in one global order, so that two
    threads doing this never deadlock): while held, none of the futures can change state."""

    def __init__(self, futures):
        self.futures = sorted(futures, key=id)

    def __enter__(self):
        for f in self.futures:
            f._condition.acquire()

    def __exit__(self, *exc_info):
        for f in self.futures:
            f._condition.release()


def _watch(futures, mode):
    # With every future's condition held: one watcher on each.
    watcher = _Watcher(mode, len(futures))
    for f in futures:
        f._waiters.append(watcher)
    return watcher


def _unwatch(futures, watcher):
    for f in futures:
        with f._condition:
            if watcher in f._waiters:
                f._waiters.remove(watcher)


def _reported(futures):
    return {f for f in futures if f._state in _REPORTED_STATES}


def wait(fs, timeout=None, return_when=ALL_COMPLETED):
    """Waits for the futures in `fs`; returns DoneAndNotDoneFutures(done, not_done) when
    `return_when` (FIRST_COMPLETED, FIRST_EXCEPTION or ALL_COMPLETED) holds or `timeout` ends."""
    fs = set(fs)
    with _AllConditions(fs):
        done = _reported(fs)
        failed = any(f._state == FINISHED and f._exception is not None for f in done)
        if (len(done) == len(fs) or (return_when == FIRST_COMPLETED and done)
                or (return_when == FIRST_EXCEPTION and failed)):
            return DoneAndNotDoneFutures(done, fs - done)
        watcher = _watch(fs - done, return_when)
    try:
        watcher.event.wait(timeout)
    finally:
        _unwatch(fs, watcher)
    with watcher.lock:
        done.update(watcher.finished_futures)
    return DoneAndNotDoneFutures(done, fs - done)


def as_completed(fs, timeout=None):
    """Yields the futures in `fs` as they complete (finished or cancelled); raises TimeoutError
    when `timeout` seconds pass with some still unfinished. Duplicates are yielded once."""
    deadline = None if timeout is None else timeout + _time.monotonic()
    fs = set(fs)
    total = len(fs)
    with _AllConditions(fs):
        done = _reported(fs)
        waiting = fs - done
        watcher = _watch(waiting, _AS_COMPLETED)
    try:
        yield from done
        while waiting:
            remaining = None
            if deadline is not None:
                remaining = deadline - _time.monotonic()
                if remaining < 0:
                    raise TimeoutError('%d (of %d) futures unfinished' % (len(waiting), total))
            watcher.event.wait(remaining)
            with watcher.lock:
                newly_done = watcher.finished_futures
                watcher.finished_futures = []
                watcher.event.clear()
            # Yield in completion order; drop each reference before blocking again.
            newly_done.reverse()
            while newly_done:
                f = newly_done.pop()
                waiting.discard(f)
                yield f
    finally:
        _unwatch(fs, watcher)
