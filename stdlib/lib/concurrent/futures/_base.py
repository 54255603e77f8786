"""Futures, executors' common base, wait() and as_completed() (minipy's own implementation)."""

import sys as _sys
import threading

try:
    from time import monotonic as _time
except ImportError:
    def _time():
        import time
        return time.monotonic()

FIRST_COMPLETED = 'FIRST_COMPLETED'
FIRST_EXCEPTION = 'FIRST_EXCEPTION'
ALL_COMPLETED = 'ALL_COMPLETED'
_AS_COMPLETED = '_AS_COMPLETED'

# Possible future states
PENDING = 'PENDING'
RUNNING = 'RUNNING'
CANCELLED = 'CANCELLED'
CANCELLED_AND_NOTIFIED = 'CANCELLED_AND_NOTIFIED'
FINISHED = 'FINISHED'

_FUTURE_STATES = [PENDING, RUNNING, CANCELLED, CANCELLED_AND_NOTIFIED, FINISHED]

_STATE_TO_DESCRIPTION_MAP = {
    PENDING: "pending",
    RUNNING: "running",
    CANCELLED: "cancelled",
    CANCELLED_AND_NOTIFIED: "cancelled",
    FINISHED: "finished",
}


class Error(Exception):
    """Base class for all future-related exceptions."""
    pass


class CancelledError(Error):
    """The Future was cancelled."""
    pass


TimeoutError = TimeoutError


class InvalidStateError(Error):
    """The operation is not allowed in this state."""
    pass


class BrokenExecutor(RuntimeError):
    """Raised when an executor has become non-functional after a severe failure."""
    pass


class _Logger:
    """The little of logging.getLogger("concurrent.futures") that this package uses."""

    def _emit(self, msg, exc):
        stderr = getattr(_sys, 'stderr', None)
        if stderr is None:
            return
        print(msg, file=stderr)
        if exc is not None:
            hook = getattr(_sys, '__excepthook__', None) or _sys.excepthook
            hook(type(exc), exc, getattr(exc, '__traceback__', None))

    def exception(self, msg, exc=None):
        self._emit(msg, exc)

    def critical(self, msg, exc=None):
        self._emit(msg, exc)


LOGGER = _Logger()


def _done(f):
    return f._state == CANCELLED_AND_NOTIFIED or f._state == FINISHED


class _Waiter:
    """Collects futures that finish while wait()/as_completed() is blocked."""

    def __init__(self):
        self.event = threading.Event()
        self.finished_futures = []

    def add_result(self, future):
        self.finished_futures.append(future)

    def add_exception(self, future):
        self.finished_futures.append(future)

    def add_cancelled(self, future):
        self.finished_futures.append(future)


class _AsCompletedWaiter(_Waiter):
    def __init__(self):
        _Waiter.__init__(self)
        self.lock = threading.Lock()

    def add_result(self, future):
        with self.lock:
            _Waiter.add_result(self, future)
            self.event.set()

    def add_exception(self, future):
        with self.lock:
            _Waiter.add_exception(self, future)
            self.event.set()

    def add_cancelled(self, future):
        with self.lock:
            _Waiter.add_cancelled(self, future)
            self.event.set()


class _FirstCompletedWaiter(_Waiter):
    def add_result(self, future):
        _Waiter.add_result(self, future)
        self.event.set()

    def add_exception(self, future):
        _Waiter.add_exception(self, future)
        self.event.set()

    def add_cancelled(self, future):
        _Waiter.add_cancelled(self, future)
        self.event.set()


class _AllCompletedWaiter(_Waiter):
    """Fires once `num_pending_calls` futures finished (or at the first exception if asked)."""

    def __init__(self, num_pending_calls, stop_on_exception):
        _Waiter.__init__(self)
        self.num_pending_calls = num_pending_calls
        self.stop_on_exception = stop_on_exception
        self.lock = threading.Lock()

    def _decrement_pending_calls(self):
        with self.lock:
            self.num_pending_calls -= 1
            if not self.num_pending_calls:
                self.event.set()

    def add_result(self, future):
        _Waiter.add_result(self, future)
        self._decrement_pending_calls()

    def add_exception(self, future):
        _Waiter.add_exception(self, future)
        if self.stop_on_exception:
            self.event.set()
        else:
            self._decrement_pending_calls()

    def add_cancelled(self, future):
        _Waiter.add_cancelled(self, future)
        self._decrement_pending_calls()


class _AcquireFutures:
    """Holds the condition of every future (in a fixed order, to avoid deadlocks)."""

    def __init__(self, futures):
        self.futures = sorted(futures, key=id)

    def __enter__(self):
        for future in self.futures:
            future._condition.acquire()

    def __exit__(self, *args):
        for future in self.futures:
            future._condition.release()


def _create_and_install_waiters(fs, return_when):
    if return_when == _AS_COMPLETED:
        waiter = _AsCompletedWaiter()
    elif return_when == FIRST_COMPLETED:
        waiter = _FirstCompletedWaiter()
    else:
        pending_count = 0
        for f in fs:
            if not _done(f):
                pending_count += 1
        if return_when == FIRST_EXCEPTION:
            waiter = _AllCompletedWaiter(pending_count, stop_on_exception=True)
        elif return_when == ALL_COMPLETED:
            waiter = _AllCompletedWaiter(pending_count, stop_on_exception=False)
        else:
            raise ValueError("Invalid return condition: %r" % return_when)
    for f in fs:
        f._waiters.append(waiter)
    return waiter


def _unique(fs):
    """The distinct futures of `fs`, in first-seen order."""
    seen = {}
    for f in fs:
        seen[f] = None
    return list(seen)


def _remove_waiter(fs, waiter):
    for f in fs:
        with f._condition:
            waiters = f._waiters
            i = 0
            while i < len(waiters):
                if waiters[i] is waiter:
                    del waiters[i]
                    break
                i += 1


def as_completed(fs, timeout=None):
    """Yield the futures of `fs` as they complete (finished or cancelled).

    Raises TimeoutError if __next__() is called and the result isn't available after
    `timeout` seconds from the original call to as_completed().
    """
    if timeout is not None:
        end_time = timeout + _time()

    fs = _unique(fs)
    total_futures = len(fs)
    with _AcquireFutures(fs):
        finished = [f for f in fs if _done(f)]
        pending = {}
        for f in fs:
            if not _done(f):
                pending[f] = None
        waiter = _create_and_install_waiters(fs, _AS_COMPLETED)
    try:
        for f in finished:
            if f in pending:
                del pending[f]
            yield f

        while pending:
            if timeout is None:
                wait_timeout = None
            else:
                wait_timeout = end_time - _time()
                if wait_timeout < 0:
                    raise TimeoutError(f'{len(pending)} (of {total_futures}) futures unfinished')

            waiter.event.wait(wait_timeout)

            with waiter.lock:
                finished = waiter.finished_futures
                waiter.finished_futures = []
                waiter.event.clear()

            for f in finished:
                if f in pending:
                    del pending[f]
                    yield f
    finally:
        _remove_waiter(fs, waiter)


class DoneAndNotDoneFutures:
    """Named 2-tuple (done, not_done) returned by wait().

    A plain class that behaves as a 2-tuple (unpacking, indexing, len, ==): minipy's tuple
    subclasses with __dict__ are not freed correctly yet.
    """

    def __init__(self, done, not_done):
        self.done = done
        self.not_done = not_done

    def __iter__(self):
        return iter((self.done, self.not_done))

    def __len__(self):
        return 2

    def __getitem__(self, i):
        return (self.done, self.not_done)[i]

    def __eq__(self, other):
        if isinstance(other, DoneAndNotDoneFutures):
            other = (other.done, other.not_done)
        return (self.done, self.not_done) == other

    def __repr__(self):
        return f"DoneAndNotDoneFutures(done={self.done!r}, not_done={self.not_done!r})"


def wait(fs, timeout=None, return_when=ALL_COMPLETED):
    """Wait for the futures in `fs` to complete; returns (done, not_done) as sets."""
    fs = set(fs)
    with _AcquireFutures(fs):
        done = set()
        for f in fs:
            if _done(f):
                done.add(f)
        not_done = fs - done
        if return_when == FIRST_COMPLETED and done:
            return DoneAndNotDoneFutures(done, not_done)
        elif return_when == FIRST_EXCEPTION and done:
            for f in done:
                if not f.cancelled() and f.exception() is not None:
                    return DoneAndNotDoneFutures(done, not_done)
        if len(done) == len(fs):
            return DoneAndNotDoneFutures(done, not_done)
        waiter = _create_and_install_waiters(fs, return_when)

    waiter.event.wait(timeout)
    _remove_waiter(fs, waiter)
    done.update(waiter.finished_futures)
    return DoneAndNotDoneFutures(done, fs - done)


def _result_or_cancel(fut, timeout=None):
    try:
        return fut.result(timeout)
    finally:
        fut.cancel()


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
                LOGGER.exception(f'exception calling callback for {self!r}', exc)

    def __repr__(self):
        with self._condition:
            addr = hex(id(self))
            if self._state == FINISHED:
                if self._exception:
                    return (f'<{self.__class__.__name__} at {addr} state='
                            f'{_STATE_TO_DESCRIPTION_MAP[self._state]} raised '
                            f'{self._exception.__class__.__name__}>')
                return (f'<{self.__class__.__name__} at {addr} state='
                        f'{_STATE_TO_DESCRIPTION_MAP[self._state]} returned '
                        f'{self._result.__class__.__name__}>')
            return (f'<{self.__class__.__name__} at {addr} state='
                    f'{_STATE_TO_DESCRIPTION_MAP[self._state]}>')

    def cancel(self):
        """Cancel the future if possible: False if it is running or done."""
        with self._condition:
            if self._state == RUNNING or self._state == FINISHED:
                return False
            if self._state == CANCELLED or self._state == CANCELLED_AND_NOTIFIED:
                return True
            self._state = CANCELLED
            self._condition.notify_all()
        self._invoke_callbacks()
        return True

    def cancelled(self):
        with self._condition:
            return self._state == CANCELLED or self._state == CANCELLED_AND_NOTIFIED

    def running(self):
        with self._condition:
            return self._state == RUNNING

    def done(self):
        with self._condition:
            return (self._state == CANCELLED or self._state == CANCELLED_AND_NOTIFIED
                    or self._state == FINISHED)

    def _get_result(self):
        if self._exception is not None:
            exc = self._exception
            try:
                raise exc
            finally:
                # Break the cycle exception -> traceback -> this frame -> exception.
                exc = None
                self = None
        return self._result

    def add_done_callback(self, fn):
        """Call fn(future) when the future finishes or is cancelled (now if it already has)."""
        with self._condition:
            if not (self._state == CANCELLED or self._state == CANCELLED_AND_NOTIFIED
                    or self._state == FINISHED):
                self._done_callbacks.append(fn)
                return
        try:
            fn(self)
        except Exception as exc:
            LOGGER.exception(f'exception calling callback for {self!r}', exc)

    def result(self, timeout=None):
        """The call's return value; re-raises its exception; waits at most `timeout` seconds."""
        with self._condition:
            if self._state == CANCELLED or self._state == CANCELLED_AND_NOTIFIED:
                raise CancelledError()
            elif self._state == FINISHED:
                return self._get_result()

            self._condition.wait(timeout)

            if self._state == CANCELLED or self._state == CANCELLED_AND_NOTIFIED:
                raise CancelledError()
            elif self._state == FINISHED:
                return self._get_result()
            else:
                raise TimeoutError()

    def exception(self, timeout=None):
        """The exception raised by the call (None if it returned)."""
        with self._condition:
            if self._state == CANCELLED or self._state == CANCELLED_AND_NOTIFIED:
                raise CancelledError()
            elif self._state == FINISHED:
                return self._exception

            self._condition.wait(timeout)

            if self._state == CANCELLED or self._state == CANCELLED_AND_NOTIFIED:
                raise CancelledError()
            elif self._state == FINISHED:
                return self._exception
            else:
                raise TimeoutError()

    # The following methods are for Executor implementations and unit tests.

    def set_running_or_notify_cancel(self):
        """Mark the future running, or tell waiters it was cancelled.

        Returns False if the future was cancelled (the work must not run), True otherwise.
        """
        with self._condition:
            if self._state == CANCELLED:
                self._state = CANCELLED_AND_NOTIFIED
                for waiter in self._waiters:
                    waiter.add_cancelled(self)
                return False
            elif self._state == PENDING:
                self._state = RUNNING
                return True
            else:
                LOGGER.critical(f'Future {id(self)} in unexpected state: {self._state}')
                raise RuntimeError('Future in unexpected state')

    def set_result(self, result):
        with self._condition:
            if (self._state == CANCELLED or self._state == CANCELLED_AND_NOTIFIED
                    or self._state == FINISHED):
                raise InvalidStateError(f'{self._state}: {self!r}')
            self._result = result
            self._state = FINISHED
            for waiter in self._waiters:
                waiter.add_result(self)
            self._condition.notify_all()
        self._invoke_callbacks()

    def set_exception(self, exception):
        with self._condition:
            if (self._state == CANCELLED or self._state == CANCELLED_AND_NOTIFIED
                    or self._state == FINISHED):
                raise InvalidStateError(f'{self._state}: {self!r}')
            self._exception = exception
            self._state = FINISHED
            for waiter in self._waiters:
                waiter.add_exception(self)
            self._condition.notify_all()
        self._invoke_callbacks()


class Executor:
    """Base class of the executors: subclasses provide submit() and shutdown()."""

    def submit(self, fn, *args, **kwargs):
        raise NotImplementedError()

    def map(self, fn, *iterables, timeout=None, chunksize=1):
        """Like map(fn, *iterables), calls made concurrently; results in submission order.

        All calls are submitted before the first result is awaited; `timeout` (seconds from
        the map() call) makes __next__ raise TimeoutError.
        """
        if timeout is not None:
            end_time = timeout + _time()

        fs = [self.submit(fn, *args) for args in zip(*iterables)]

        def result_iterator():
            try:
                fs.reverse()
                while fs:
                    if timeout is None:
                        yield _result_or_cancel(fs.pop())
                    else:
                        yield _result_or_cancel(fs.pop(), end_time - _time())
            finally:
                for future in fs:
                    future.cancel()

        return result_iterator()

    def shutdown(self, wait=True, *, cancel_futures=False):
        pass

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc_val, exc_tb):
        self.shutdown(wait=True)
        return False
