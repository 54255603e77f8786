"""Pool: worker processes fed through a pipe. The parent runs two threads, as CPython's pool
does: a task handler (pickles tasks into the workers' pipe) and a result handler (reads
results, completes AsyncResults and notices workers that died: their pending results fail with
WorkerLostError instead of waiting forever)."""

import os
import sys
import threading
import time
import _multiprocessing
# _pickle (native), not pickle.py: the embedded-only mode has no CPython library (README).
from _pickle import dumps as _dumps, loads as _loads

from multiprocessing import process, util
from multiprocessing.context import TimeoutError, ProcessError

__all__ = ['Pool', 'ThreadPool']

INIT = "INIT"
RUN = "RUN"
CLOSE = "CLOSE"
TERMINATE = "TERMINATE"

job_counter = util.count()
_PIPE_BUF = _multiprocessing.PIPE_BUF
_send = _multiprocessing.send_bytes
_recv = _multiprocessing.recv_bytes
_poll = _multiprocessing.poll


def mapstar(args):
    return list(map(*args))


def starmapstar(args):
    f = args[0]
    return [f(*a) for a in args[1]]


class RemoteTraceback(Exception):
    def __init__(self, tb):
        self.tb = tb

    def __str__(self):
        return self.tb


class ExceptionWithTraceback:
    def __init__(self, exc, tb):
        self.exc = exc
        self.tb = '\n"""\n%s"""' % tb

    def __reduce__(self):
        return rebuild_exc, (self.exc, self.tb)


def rebuild_exc(exc, tb):
    exc.__cause__ = RemoteTraceback(tb)
    return exc


class MaybeEncodingError(Exception):
    def __init__(self, exc, value):
        self.exc = repr(exc)
        self.value = repr(value)
        super().__init__(self.exc, self.value)

    def __str__(self):
        return "Error sending result: '%s'. Reason: '%s'" % (self.value, self.exc)

    def __repr__(self):
        return "<%s: %s>" % (self.__class__.__name__, self)


class WorkerLostError(ProcessError):
    """A pool worker exited while tasks were pending (killed by a signal, os._exit...)."""


class _Collector:
    def __init__(self):
        self.parts = []

    def write(self, s):
        self.parts.append(s)
        return len(s)

    def flush(self):
        pass


def _format_exc(e):
    old = sys.stderr
    col = _Collector()
    sys.stderr = col
    try:
        sys.excepthook(type(e), e, e.__traceback__)
    except BaseException:
        col.parts.append('%s: %s\n' % (type(e).__name__, e))
    finally:
        sys.stderr = old
    return ''.join(col.parts)


def _send_locked(fd, wlock, data):
    if len(data) + 4 <= _PIPE_BUF:
        _send(fd, data)
    else:
        with wlock:
            _send(fd, data)


def worker(inq, outq, initializer=None, initargs=(), maxtasks=None, wrap_exception=True):
    """The loop of a pool worker process: get a task, run it, put (job, i, (ok, value))."""
    rfd, rlock = inq
    wfd, wlock = outq
    if initializer is not None:
        initializer(*initargs)
    completed = 0
    while maxtasks is None or completed < maxtasks:
        try:
            with rlock:
                data = _recv(rfd)
        except (EOFError, OSError):
            break
        task = _loads(data)
        if task is None:
            break
        job, i, func, args, kwds = task
        try:
            result = (True, func(*args, **kwds))
        except Exception as e:
            if wrap_exception and func is not _helper_reraises_exception:
                e = ExceptionWithTraceback(e, _format_exc(e))
            result = (False, e)
        try:
            data = _dumps((job, i, result))
        except Exception as e:
            wrapped = MaybeEncodingError(e, result[1])
            data = _dumps((job, i, (False, wrapped)))
        task = job = result = func = args = kwds = None
        _send_locked(wfd, wlock, data)
        completed += 1


def _helper_reraises_exception(ex):
    raise ex


class Pool:
    _wrap_exception = True

    def __init__(self, processes=None, initializer=None, initargs=(), maxtasksperchild=None,
                 context=None):
        self._pool = []
        # Guards worker replacement against terminate(): a worker started after terminate()
        # looked at the pool would be neither terminated nor sent a sentinel, and join() would
        # wait for it forever.
        self._pool_lock = threading.RLock()
        self._state = INIT
        if context is None:
            from multiprocessing.context import _default_context
            context = _default_context.get_context()
        self._ctx = context
        if processes is None:
            processes = os.cpu_count() or 1
        if processes < 1:
            raise ValueError("Number of processes must be at least 1")
        if maxtasksperchild is not None:
            if not isinstance(maxtasksperchild, int) or maxtasksperchild <= 0:
                raise ValueError("maxtasksperchild must be a positive int or None")
        if initializer is not None and not callable(initializer):
            raise TypeError('initializer must be a callable')
        self._processes = processes
        self._initializer = initializer
        self._initargs = initargs
        self._maxtasksperchild = maxtasksperchild
        from multiprocessing import synchronize
        self._in_r, self._in_w = os.pipe()
        self._out_r, self._out_w = os.pipe()
        self._in_rlock = synchronize.Lock()
        self._in_wlock = synchronize.Lock()
        self._out_wlock = synchronize.Lock()
        self._cache = {}
        self._cache_lock = threading.Lock()
        self._taskqueue = _TaskQueue()
        self._broken = None
        self._worker_counter = util.count(1)
        for _ in range(processes):
            self._start_worker()
        self._state = RUN
        self._task_handler = threading.Thread(target=self._handle_tasks, daemon=True)
        self._task_handler.start()
        self._result_handler = threading.Thread(target=self._handle_results, daemon=True)
        self._result_handler.start()
        _live_pools.append(self)

    def _start_worker(self):
        name = '%sPoolWorker-%d' % ('Spawn' if self._ctx._name == 'spawn' else 'Fork',
                                    next(self._worker_counter))
        # Workers are always forked: the pipes they read are inherited.
        from multiprocessing.context import ForkProcess
        w = ForkProcess(target=_worker_main,
                        args=(self, (self._in_r, self._in_rlock), (self._out_w, self._out_wlock),
                              self._initializer, self._initargs, self._maxtasksperchild,
                              self._wrap_exception),
                        name=name, daemon=True)
        w.start()
        self._pool.append(w)
        return w

    def __reduce__(self):
        raise NotImplementedError('pool objects cannot be passed between processes or pickled')

    def __repr__(self):
        return (f'<{type(self).__module__}.{type(self).__qualname__} '
                f'state={self._state} pool_size={len(self._pool)}>')

    def _check_running(self):
        if self._state != RUN:
            raise ValueError("Pool not running")

    # ---- the public API ----------------------------------------------------------------

    def apply(self, func, args=(), kwds={}):
        return self.apply_async(func, args, kwds).get()

    def map(self, func, iterable, chunksize=None):
        return self._map_async(func, iterable, mapstar, chunksize).get()

    def starmap(self, func, iterable, chunksize=None):
        return self._map_async(func, iterable, starmapstar, chunksize).get()

    def starmap_async(self, func, iterable, chunksize=None, callback=None, error_callback=None):
        return self._map_async(func, iterable, starmapstar, chunksize, callback, error_callback)

    def map_async(self, func, iterable, chunksize=None, callback=None, error_callback=None):
        return self._map_async(func, iterable, mapstar, chunksize, callback, error_callback)

    def apply_async(self, func, args=(), kwds={}, callback=None, error_callback=None):
        self._check_running()
        result = ApplyResult(self, callback, error_callback)
        self._taskqueue.put([(result._job, 0, func, tuple(args), dict(kwds))])
        return result

    def imap(self, func, iterable, chunksize=1):
        self._check_running()
        if chunksize < 1:
            raise ValueError("Chunksize must be 1+, not {0:n}".format(chunksize))
        result = IMapIterator(self)
        if chunksize == 1:
            self._taskqueue.put(_task_gen(result, func, iterable))
            return result
        self._taskqueue.put(_chunk_task_gen(result, func, iterable, chunksize))
        return (item for chunk in result for item in chunk)

    def imap_unordered(self, func, iterable, chunksize=1):
        self._check_running()
        if chunksize < 1:
            raise ValueError("Chunksize must be 1+, not {0!r}".format(chunksize))
        result = IMapUnorderedIterator(self)
        if chunksize == 1:
            self._taskqueue.put(_task_gen(result, func, iterable))
            return result
        self._taskqueue.put(_chunk_task_gen(result, func, iterable, chunksize))
        return (item for chunk in result for item in chunk)

    def _map_async(self, func, iterable, mapper, chunksize=None, callback=None, error_callback=None):
        self._check_running()
        if not hasattr(iterable, '__len__'):
            iterable = list(iterable)
        if chunksize is None:
            chunksize, extra = divmod(len(iterable), len(self._pool) * 4)
            if extra:
                chunksize += 1
        if len(iterable) == 0:
            chunksize = 0
        items = list(iterable)
        result = MapResult(self, chunksize, len(items), callback, error_callback)
        if chunksize:
            tasks = []
            for i in range(0, len(items), chunksize):
                tasks.append((result._job, i // chunksize, mapper, ((func, items[i:i + chunksize]),), {}))
            self._taskqueue.put(tasks)
        return result

    def close(self):
        with self._pool_lock:
            if self._state != RUN:
                return
            self._state = CLOSE
        self._taskqueue.put(None)

    def terminate(self):
        with self._pool_lock:
            if self._state == TERMINATE:
                return
            self._state = TERMINATE
            workers = list(self._pool)
        self._taskqueue.put(None)
        for p in workers:
            if p.exitcode is None:
                p.terminate()
        for p in workers:
            p.join()
        self._fail_pending(None)
        self._close_fds()
        if self in _live_pools:
            _live_pools.remove(self)

    def join(self):
        if self._state == RUN:
            raise ValueError("Pool is still running")
        elif self._state not in (CLOSE, TERMINATE):
            raise ValueError("In unknown state")
        self._task_handler.join()
        self._result_handler.join()
        for p in self._pool:
            p.join()
        self._close_fds()
        if self in _live_pools:
            _live_pools.remove(self)

    def _close_fds(self):
        for name in ('_in_r', '_in_w', '_out_r', '_out_w'):
            fd = getattr(self, name)
            if fd is not None:
                setattr(self, name, None)
                try:
                    os.close(fd)
                except OSError:
                    pass

    def __enter__(self):
        self._check_running()
        return self

    def __exit__(self, exc_type, exc_val, exc_tb):
        self.terminate()

    # ---- handler threads ---------------------------------------------------------------

    def _fail_job(self, job, exc):
        with self._cache_lock:
            res = self._cache.get(job)
        if res is not None:
            res._set_error(exc)

    def _fail_pending(self, exc):
        with self._cache_lock:
            pending = list(self._cache.values())
        for res in pending:
            if exc is not None:
                res._set_error(exc)

    def _handle_tasks(self):
        wfd = self._in_w
        while True:
            batch = self._taskqueue.get()
            if batch is None:
                break
            try:
                for task in batch:
                    if self._state == TERMINATE:
                        break
                    try:
                        data = _dumps(task)
                    except Exception as e:
                        self._fail_job(task[0], e)
                        break
                    _send_locked(wfd, self._in_wlock, data)
            except Exception as e:
                job = getattr(batch, '_job', None)
                if job is not None:
                    self._fail_job(job, e)
        if self._state != TERMINATE:
            # every worker gets a sentinel and exits once the queued tasks are done
            for _ in range(len(self._pool)):
                try:
                    _send(wfd, _dumps(None))
                except OSError:
                    break

    def _handle_results(self):
        rfd = self._out_r
        last_check = time.monotonic()
        while True:
            if self._state == TERMINATE:
                return
            if self._state == CLOSE and not self._cache and not self._task_handler.is_alive():
                return
            fds = [rfd]
            for p in self._pool:
                if not getattr(p, '_pool_reaped', False) and p._popen is not None and p._popen.sentinel is not None:
                    fds.append(p._popen.sentinel)
            try:
                woke = _multiprocessing.wait(fds, 0.2)
            except OSError:
                return
            ready = rfd in woke
            if len(woke) > (1 if ready else 0):
                self._check_workers()
                last_check = time.monotonic()
            if ready:
                try:
                    data = _recv(rfd)
                    job, i, obj = _loads(data)
                except (EOFError, OSError):
                    return
                except Exception as e:
                    # a result that cannot be unpickled here fails every pending job
                    self._fail_pending(e)
                    continue
                with self._cache_lock:
                    res = self._cache.get(job)
                if res is not None:
                    try:
                        res._set(i, obj)
                    except Exception:
                        pass
            now = time.monotonic()
            if not ready or now - last_check > 0.1:
                last_check = now
                self._check_workers()

    def _check_workers(self):
        if self._state == TERMINATE:
            return
        for p in list(self._pool):
            code = p.exitcode
            if code is None or getattr(p, '_pool_reaped', False):
                continue
            p._pool_reaped = True
            if code != 0:
                if code < 0:
                    signame = process._signal_name(-code)
                    msg = 'Worker exited prematurely: signal %d (%s).' % (-code, signame)
                else:
                    msg = 'Worker exited prematurely: exitcode %d.' % code
                self._fail_pending(WorkerLostError(msg))
            with self._pool_lock:
                if self._state == RUN:
                    self._pool.remove(p)
                    self._start_worker()


def _worker_main(pool, inq, outq, initializer, initargs, maxtasks, wrap_exception):
    # in the child: drop the parent's ends of the pipes so EOF reaches us if the parent dies
    for fd in (pool._in_w, pool._out_r):
        try:
            os.close(fd)
        except OSError:
            pass
    worker(inq, outq, initializer, initargs, maxtasks, wrap_exception)


def _task_gen(result, func, iterable):
    n = -1
    for n, x in enumerate(iterable):
        yield (result._job, n, func, (x,), {})
    result._set_length(n + 1)


def _chunk_task_gen(result, func, iterable, chunksize):
    n = -1
    it = iter(iterable)
    while True:
        chunk = util.take(it, chunksize)
        if not chunk:
            break
        n += 1
        yield (result._job, n, mapstar, ((func, chunk),), {})
    result._set_length(n + 1)


class _TaskQueue:
    def __init__(self):
        self._items = []
        self._cond = threading.Condition(threading.Lock())

    def put(self, item):
        with self._cond:
            self._items.append(item)
            self._cond.notify()

    def get(self):
        with self._cond:
            while not self._items:
                self._cond.wait()
            return self._items.pop(0)


class ApplyResult:
    def __init__(self, pool, callback, error_callback):
        self._pool = pool
        self._event = threading.Event()
        self._job = next(job_counter)
        self._cache = pool._cache
        self._callback = callback
        self._error_callback = error_callback
        with pool._cache_lock:
            pool._cache[self._job] = self

    def ready(self):
        return self._event.is_set()

    def successful(self):
        if not self.ready():
            raise ValueError("{0!r} not ready".format(self))
        return self._success

    def wait(self, timeout=None):
        self._event.wait(timeout)

    def get(self, timeout=None):
        self.wait(timeout)
        if not self.ready():
            raise TimeoutError
        if self._success:
            return self._value
        raise self._value

    def _set(self, i, obj):
        self._success, self._value = obj
        if self._callback and self._success:
            self._callback(self._value)
        if self._error_callback and not self._success:
            self._error_callback(self._value)
        self._done()

    def _set_error(self, exc):
        self._set(0, (False, exc))

    def _done(self):
        self._event.set()
        with self._pool._cache_lock:
            self._cache.pop(self._job, None)
        self._pool = None


AsyncResult = ApplyResult


class MapResult(ApplyResult):
    def __init__(self, pool, chunksize, length, callback, error_callback):
        ApplyResult.__init__(self, pool, callback, error_callback)
        self._success = True
        self._value = [None] * length
        self._chunksize = chunksize
        if chunksize <= 0:
            self._number_left = 0
            self._event.set()
            with pool._cache_lock:
                self._cache.pop(self._job, None)
        else:
            self._number_left = length // chunksize + bool(length % chunksize)

    def _set(self, i, success_result):
        success, result = success_result
        if self._event.is_set():
            return
        self._number_left -= 1
        if success and self._success:
            self._value[i * self._chunksize:(i + 1) * self._chunksize] = result
            if self._number_left == 0:
                if self._callback:
                    self._callback(self._value)
                self._done()
        else:
            if not success and self._success:
                self._success = False
                self._value = result
            if self._number_left == 0 or not success:
                if self._error_callback:
                    self._error_callback(self._value)
                self._done()

    def _set_error(self, exc):
        if self._event.is_set():
            return
        self._success = False
        self._value = exc
        if self._error_callback:
            self._error_callback(exc)
        self._done()


class IMapIterator:
    def __init__(self, pool):
        self._pool = pool
        self._cond = threading.Condition(threading.Lock())
        self._job = next(job_counter)
        self._cache = pool._cache
        self._items = []
        self._unsorted = {}
        self._index = 0
        self._length = None
        self._error = None
        with pool._cache_lock:
            pool._cache[self._job] = self

    def __iter__(self):
        return self

    def next(self, timeout=None):
        with self._cond:
            while True:
                if self._items:
                    success, value = self._items.pop(0)
                    break
                if self._index == self._length or self._error is not None:
                    if self._error is not None:
                        err, self._error = self._error, None
                        self._length = self._index
                        raise err
                    self._pool = None
                    raise StopIteration from None
                if not self._cond.wait(timeout):
                    if self._items or self._index == self._length or self._error is not None:
                        continue
                    raise TimeoutError from None
        if success:
            return value
        raise value

    __next__ = next

    def _set(self, i, obj):
        with self._cond:
            if self._index == i:
                self._items.append(obj)
                self._index += 1
                while self._index in self._unsorted:
                    obj = self._unsorted.pop(self._index)
                    self._items.append(obj)
                    self._index += 1
                self._cond.notify()
            else:
                self._unsorted[i] = obj
            if self._index == self._length:
                self._forget()

    def _forget(self):
        pool = self._pool
        if pool is not None:
            with pool._cache_lock:
                self._cache.pop(self._job, None)

    def _set_length(self, length):
        with self._cond:
            self._length = length
            if self._index == self._length:
                self._cond.notify()
                self._forget()

    def _set_error(self, exc):
        with self._cond:
            self._error = exc
            self._cond.notify()
            self._forget()


class IMapUnorderedIterator(IMapIterator):
    def _set(self, i, obj):
        with self._cond:
            self._items.append(obj)
            self._index += 1
            self._cond.notify()
            if self._index == self._length:
                self._forget()


_live_pools = []


def _terminate_pools_at_exit():
    for p in list(_live_pools):
        try:
            p.terminate()
        except Exception:
            pass


try:
    threading._register_atexit(_terminate_pools_at_exit)
except Exception:
    pass


class ThreadPool:
    def __init__(self, processes=None, initializer=None, initargs=()):
        raise NotImplementedError('multiprocessing.pool.ThreadPool is not supported by minipy')
