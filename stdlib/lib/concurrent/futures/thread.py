"""ThreadPoolExecutor: minipy's own (why: see the opening comment of _base).

Work goes through one SimpleQueue. Worker threads start lazily: each submit() starts one, up to
max_workers, unless a worker is idle (idle workers are counted by a semaphore). None in the queue
is a wake-up call: a worker that takes it checks whether it should stop and, if so, passes it on
to the next. Workers hold their executor only through a weak reference, so an executor that is
dropped without shutdown() is collected and its workers still stop.
"""

import os
import queue
import threading
from _weakref import ref as _weak_ref

from concurrent.futures import _base

__all__ = ['ThreadPoolExecutor', 'BrokenThreadPool']

# Set once the interpreter starts exiting: no new work is accepted after that.
_exiting = False
# Every live worker thread with its queue, so that exit can wake and join them.
_workers = {}
# Taken by submit() and by the exit hook, so that no work arrives after the hook ran.
_exit_lock = threading.Lock()


def _join_workers_at_exit():
    global _exiting
    with _exit_lock:
        _exiting = True
    workers = list(_workers.items())
    for _, work_queue in workers:
        work_queue.put(None)
    for thread, _ in workers:
        thread.join()


# Runs in threading's shutdown, before the non-daemon threads are joined.
threading._register_atexit(_join_workers_at_exit)
if hasattr(os, 'register_at_fork'):
    os.register_at_fork(before=_exit_lock.acquire, after_in_child=_exit_lock._at_fork_reinit,
                        after_in_parent=_exit_lock.release)


class _WorkItem:
    def __init__(self, future, fn, args, kwargs):
        self.future = future
        self.fn = fn
        self.args = args
        self.kwargs = kwargs

    def run(self):
        if not self.future.set_running_or_notify_cancel():
            return
        try:
            result = self.fn(*self.args, **self.kwargs)
        except BaseException as exc:
            self.future.set_exception(exc)
            self = None  # the traceback holds this frame: don't keep the item alive through it
        else:
            self.future.set_result(result)


def _worker_loop(executor_ref, work_queue, initializer, initargs):
    if initializer is not None:
        try:
            initializer(*initargs)
        except BaseException as exc:
            _base.LOGGER.critical('Exception in initializer:', exc)
            executor = executor_ref()
            if executor is not None:
                executor._initializer_failed()
            return
    try:
        while True:
            item = work_queue.get(block=True)
            if item is not None:
                item.run()
                item = None
                executor = executor_ref()
                if executor is not None:
                    executor._idle_semaphore.release()  # the next submit() may use this worker
                executor = None
                continue
            executor = executor_ref()
            if _exiting or executor is None or executor._shutdown:
                if executor is not None:
                    executor._shutdown = True
                work_queue.put(None)  # wake the next worker
                return
            executor = None
    except BaseException as exc:
        _base.LOGGER.critical('Exception in worker', exc)
    finally:
        _workers.pop(threading.current_thread(), None)


class BrokenThreadPool(_base.BrokenExecutor):
    """Raised when a worker thread in a ThreadPoolExecutor failed initializing."""


class ThreadPoolExecutor(_base.Executor):
    _pools_made = 0

    def __init__(self, max_workers=None, thread_name_prefix='', initializer=None, initargs=()):
        """Runs calls in at most `max_workers` threads (default: min(32, os.cpu_count() + 4)).
        Each thread calls initializer(*initargs) first."""
        if max_workers is None:
            max_workers = min(32, (os.cpu_count() or 1) + 4)
        if max_workers <= 0:
            raise ValueError("max_workers must be greater than 0")
        if initializer is not None and not callable(initializer):
            raise TypeError("initializer must be a callable")
        if not thread_name_prefix:
            ThreadPoolExecutor._pools_made += 1
            thread_name_prefix = 'ThreadPoolExecutor-%d' % ThreadPoolExecutor._pools_made
        self._max_workers = max_workers
        self._work_queue = queue.SimpleQueue()
        self._idle_semaphore = threading.Semaphore(0)
        self._threads = set()
        self._broken = False
        self._shutdown = False
        self._shutdown_lock = threading.Lock()
        self._thread_name_prefix = thread_name_prefix
        self._initializer = initializer
        self._initargs = initargs

    def submit(self, fn, /, *args, **kwargs):
        with self._shutdown_lock, _exit_lock:
            if self._broken:
                raise BrokenThreadPool(self._broken)
            if self._shutdown:
                raise RuntimeError('cannot schedule new futures after shutdown')
            if _exiting:
                raise RuntimeError('cannot schedule new futures after interpreter shutdown')
            future = _base.Future()
            self._work_queue.put(_WorkItem(future, fn, args, kwargs))
            self._start_worker_if_needed()
            return future

    def _start_worker_if_needed(self):
        if self._idle_semaphore.acquire(timeout=0):
            return  # an idle worker takes the item
        if len(self._threads) >= self._max_workers:
            return
        work_queue = self._work_queue
        # When the executor is collected, wake its workers so they stop.
        me = _weak_ref(self, lambda _, q=work_queue: q.put(None))
        thread = threading.Thread(name='%s_%d' % (self._thread_name_prefix, len(self._threads)),
                                  target=_worker_loop,
                                  args=(me, work_queue, self._initializer, self._initargs))
        thread.start()
        self._threads.add(thread)
        _workers[thread] = work_queue

    def _drain(self):
        # With the shutdown lock held: every work item not yet taken by a worker.
        while True:
            try:
                item = self._work_queue.get_nowait()
            except queue.Empty:
                return
            if item is not None:
                yield item

    def _initializer_failed(self):
        with self._shutdown_lock:
            self._broken = 'A thread initializer failed, the thread pool is not usable anymore'
            for item in self._drain():
                item.future.set_exception(BrokenThreadPool(self._broken))

    def shutdown(self, wait=True, *, cancel_futures=False):
        with self._shutdown_lock:
            self._shutdown = True
            if cancel_futures:
                for item in self._drain():
                    item.future.cancel()
            self._work_queue.put(None)  # wake the workers so they see the flag
        if wait:
            for thread in list(self._threads):
                thread.join()
