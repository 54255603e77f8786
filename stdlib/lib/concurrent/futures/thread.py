"""ThreadPoolExecutor: a pool of worker threads fed through a SimpleQueue."""

import queue
import threading
from concurrent.futures import _base

# Every worker thread and its work queue, so that interpreter exit can wake and join them.
_threads_queues = {}
_shutdown = False
# Serialises _shutdown against submit(), so no work arrives after the exit hook ran.
_global_shutdown_lock = threading.Lock()


def _python_exit():
    global _shutdown
    with _global_shutdown_lock:
        _shutdown = True
    items = list(_threads_queues.items())
    for t, q in items:
        q.put(None)
    for t, q in items:
        t.join()


# Runs in threading._shutdown(), before the non-daemon worker threads are joined.
threading._register_atexit(_python_exit)

try:
    import os as _os
except ImportError:
    _os = None

if _os is not None and hasattr(_os, 'register_at_fork'):
    _os.register_at_fork(before=_global_shutdown_lock.acquire,
                         after_in_child=_global_shutdown_lock._at_fork_reinit,
                         after_in_parent=_global_shutdown_lock.release)


def _cpu_count():
    if _os is not None:
        try:
            n = _os.cpu_count()
        except Exception:
            n = None
        if n:
            return n
    return 1


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
            # Break the cycle exception -> traceback -> frame -> self -> future -> exception.
            self = None
        else:
            self.future.set_result(result)


def _worker(executor, work_queue, initializer, initargs):
    if initializer is not None:
        try:
            initializer(*initargs)
        except BaseException as exc:
            _base.LOGGER.critical('Exception in initializer:', exc)
            executor._initializer_failed()
            return
    try:
        while True:
            work_item = work_queue.get(block=True)
            if work_item is not None:
                work_item.run()
                work_item = None
                # This worker is idle again: the next submit() may reuse it.
                executor._idle_semaphore.release()
                continue

            # None is the wake-up sentinel: exit if the pool or the interpreter shuts down.
            if _shutdown or executor._shutdown:
                executor._shutdown = True
                # Pass the sentinel on so that the other workers wake up too.
                work_queue.put(None)
                return
    except BaseException as exc:
        _base.LOGGER.critical('Exception in worker', exc)


class BrokenThreadPool(_base.BrokenExecutor):
    """Raised when a worker thread in a ThreadPoolExecutor failed initializing."""


class ThreadPoolExecutor(_base.Executor):
    _pool_counter = 0

    @classmethod
    def _counter(cls):
        ThreadPoolExecutor._pool_counter += 1
        return ThreadPoolExecutor._pool_counter

    def __init__(self, max_workers=None, thread_name_prefix='', initializer=None, initargs=()):
        """max_workers defaults to min(32, os.cpu_count() + 4)."""
        if max_workers is None:
            max_workers = min(32, _cpu_count() + 4)
        if max_workers <= 0:
            raise ValueError("max_workers must be greater than 0")
        if initializer is not None and not callable(initializer):
            raise TypeError("initializer must be a callable")

        self._max_workers = max_workers
        self._work_queue = queue.SimpleQueue()
        self._idle_semaphore = threading.Semaphore(0)
        self._threads = []
        self._broken = False
        self._shutdown = False
        self._shutdown_lock = threading.Lock()
        self._thread_name_prefix = (thread_name_prefix or
                                    f"ThreadPoolExecutor-{self._counter()}")
        self._initializer = initializer
        self._initargs = initargs

    def submit(self, fn, *args, **kwargs):
        with self._shutdown_lock:
            with _global_shutdown_lock:
                if self._broken:
                    raise BrokenThreadPool(self._broken)
                if self._shutdown:
                    raise RuntimeError('cannot schedule new futures after shutdown')
                if _shutdown:
                    raise RuntimeError('cannot schedule new futures after '
                                       'interpreter shutdown')
                f = _base.Future()
                w = _WorkItem(f, fn, args, kwargs)
                self._work_queue.put(w)
                self._adjust_thread_count()
                return f

    def _adjust_thread_count(self):
        # An idle worker will pick the item up: no new thread needed.
        if self._idle_semaphore.acquire(timeout=0):
            return
        num_threads = len(self._threads)
        if num_threads < self._max_workers:
            thread_name = f'{self._thread_name_prefix or self}_{num_threads}'
            t = threading.Thread(name=thread_name, target=_worker,
                                 args=(self, self._work_queue, self._initializer,
                                       self._initargs))
            t.start()
            self._threads.append(t)
            _threads_queues[t] = self._work_queue

    def _initializer_failed(self):
        with self._shutdown_lock:
            self._broken = ('A thread initializer failed, the thread pool '
                            'is not usable anymore')
            # Fail every pending work item.
            while True:
                try:
                    work_item = self._work_queue.get_nowait()
                except queue.Empty:
                    break
                if work_item is not None:
                    work_item.future.set_exception(BrokenThreadPool(self._broken))

    def shutdown(self, wait=True, *, cancel_futures=False):
        with self._shutdown_lock:
            self._shutdown = True
            if cancel_futures:
                # Drain the queue and cancel what has not started.
                while True:
                    try:
                        work_item = self._work_queue.get_nowait()
                    except queue.Empty:
                        break
                    if work_item is not None:
                        work_item.future.cancel()
            # Wake the workers so they see the shutdown flag.
            self._work_queue.put(None)
        if wait:
            for t in list(self._threads):
                t.join()
        if wait:
            for t in self._threads:
                if t in _threads_queues:
                    del _threads_queues[t]
