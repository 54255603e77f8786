"""ProcessPoolExecutor for minipy: futures completed by a multiprocessing Pool of forked
workers. A worker that dies (killed by a signal, os._exit) breaks the executor: pending futures
fail with BrokenProcessPool and later submits raise it, as in CPython."""

import os
import threading

from concurrent.futures import _base
from multiprocessing import pool as _mp_pool
from multiprocessing import util as _mp_util

__all__ = ['ProcessPoolExecutor', 'BrokenProcessPool']


class BrokenProcessPool(_base.BrokenExecutor):
    """A process in the process pool was terminated abruptly while the future was running or pending."""


_BROKEN_MSG = ('A process in the process pool was terminated abruptly while the future was '
               'running or pending.')


def _process_chunk(fn, chunk):
    return [fn(*args) for args in chunk]


class ProcessPoolExecutor(_base.Executor):
    def __init__(self, max_workers=None, mp_context=None, initializer=None, initargs=(), *,
                 max_tasks_per_child=None):
        if max_workers is None:
            max_workers = os.cpu_count() or 1
        elif max_workers <= 0:
            raise ValueError("max_workers must be greater than 0")
        if initializer is not None and not callable(initializer):
            raise TypeError("initializer must be a callable")
        if max_tasks_per_child is not None:
            if not isinstance(max_tasks_per_child, int):
                raise TypeError("max_tasks_per_child must be an integer")
            elif max_tasks_per_child <= 0:
                raise ValueError("max_tasks_per_child must be >= 1")
        self._max_workers = max_workers
        self._mp_context = mp_context
        self._initializer = initializer
        self._initargs = initargs
        self._max_tasks_per_child = max_tasks_per_child
        self._pool = None
        self._broken = False
        self._shutdown_thread = False
        self._shutdown_lock = threading.Lock()
        self._pending = set()

    def _get_pool(self):
        if self._pool is None:
            self._pool = _mp_pool.Pool(self._max_workers, self._initializer, self._initargs,
                                       self._max_tasks_per_child, context=self._mp_context)
        return self._pool

    def submit(self, fn, /, *args, **kwargs):
        with self._shutdown_lock:
            if self._broken:
                raise BrokenProcessPool(self._broken)
            if self._shutdown_thread:
                raise RuntimeError('cannot schedule new futures after shutdown')
            f = _base.Future()
            pool = self._get_pool()
            self._pending.add(f)

            def on_result(value, f=f):
                self._pending.discard(f)
                if f.set_running_or_notify_cancel():
                    f.set_result(value)

            def on_error(exc, f=f):
                self._pending.discard(f)
                if isinstance(exc, _mp_pool.WorkerLostError):
                    self._broken = _BROKEN_MSG
                    exc = BrokenProcessPool(_BROKEN_MSG)
                if not f.cancelled():
                    if f.set_running_or_notify_cancel():
                        f.set_exception(exc)

            pool.apply_async(fn, args, kwargs, callback=on_result, error_callback=on_error)
            return f

    def map(self, fn, *iterables, timeout=None, chunksize=1):
        if chunksize < 1:
            raise ValueError("chunksize must be >= 1.")
        if chunksize == 1:
            return super().map(fn, *iterables, timeout=timeout)
        it = zip(*iterables)
        chunks = []
        while True:
            chunk = tuple(_mp_util.take(it, chunksize))
            if not chunk:
                break
            chunks.append(chunk)
        results = super().map(_process_chunk_star, [(fn, c) for c in chunks], timeout=timeout)
        return _chain_from_iterable_of_lists(results)

    def shutdown(self, wait=True, *, cancel_futures=False):
        with self._shutdown_lock:
            self._shutdown_thread = True
            pool = self._pool
        if cancel_futures:
            for f in list(self._pending):
                f.cancel()
        if pool is not None:
            if self._broken:
                pool.terminate()
            else:
                pool.close()
                if wait:
                    pool.join()



def _process_chunk_star(args):
    fn, chunk = args
    return [fn(*a) for a in chunk]


def _chain_from_iterable_of_lists(iterable):
    for element in iterable:
        element.reverse()
        while element:
            yield element.pop()
