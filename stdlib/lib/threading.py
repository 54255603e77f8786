"""Thread objects and synchronisation primitives on top of the native _thread module.

minipy's own implementation of CPython 3.11's threading API. Every blocking wait ends in
_thread's lock acquire, which releases the GIL while it blocks.

Why minipy keeps its own threading (issue 8: a twin stays only where the design needs it):
- It is embedded, so that threads work without CPython's library installed (the embedded-only
  mode must run the tutorials' thread scripts). CPython's threading.py imports functools,
  collections and _weakrefset, which are pure-Python modules of that library: with
  MINIPY_STDLIB pointing nowhere, `import threading` of CPython's file stops at
  ModuleNotFoundError: functools, and queue, concurrent.futures and multiprocessing with it.
- Thread.start names the thread for the GIL's trace (gil._set_thread_name, -X gil-trace), which
  CPython's file does not know about.
Tried (stop 19): with the library present, CPython's own threading.py run in place of this one
passes test_threading except test__all__, test_clear_threads_states_after_fork and the two
SubinterpThreadingTests (194 tests, 2 failures, 2 errors), so the embedded-only mode is the
reason that remains.
"""

import sys as _sys
import _thread

__all__ = ['get_ident', 'active_count', 'Condition', 'current_thread', 'enumerate',
           'main_thread', 'TIMEOUT_MAX', 'Event', 'Lock', 'RLock', 'Semaphore',
           'BoundedSemaphore', 'Thread', 'Barrier', 'BrokenBarrierError', 'Timer',
           'ThreadError', 'ExceptHookArgs', 'setprofile', 'settrace', 'local', 'stack_size',
           'excepthook', 'get_native_id', 'getprofile', 'gettrace']

_start_new_thread = _thread.start_new_thread
try:
    from gil import _set_thread_name as _gil_set_thread_name  # names the thread in GIL traces
except ImportError:
    _gil_set_thread_name = None
_allocate_lock = _thread.allocate_lock
get_ident = _thread.get_ident
ThreadError = _thread.error
TIMEOUT_MAX = _thread.TIMEOUT_MAX

try:
    get_native_id = _thread.get_native_id
    _HAVE_NATIVE_ID = True
except AttributeError:
    _HAVE_NATIVE_ID = False

try:
    stack_size = _thread.stack_size
except AttributeError:
    def stack_size(size=0):
        if size:
            raise ValueError("setting the stack size is not supported")
        return 0

try:
    _CRLock = _thread.RLock
except AttributeError:
    _CRLock = None

try:
    from time import monotonic as _time
except ImportError:
    def _time():
        import time
        return time.monotonic()


# Debug/trace support: minipy has no per-thread trace machinery yet; the hooks are stored so
# that gettrace()/getprofile() report what was set.
_trace_hook = None
_profile_hook = None


def setprofile(func):
    global _profile_hook
    _profile_hook = func


def getprofile():
    return _profile_hook


def settrace(func):
    global _trace_hook
    _trace_hook = func


def gettrace():
    return _trace_hook


# ---------------------------------------------------------------------------------------------
# Locks

Lock = _allocate_lock


def RLock(*args, **kwargs):
    """Return a reentrant lock (the native one when _thread provides it)."""
    if _CRLock is None:
        return _PyRLock(*args, **kwargs)
    return _CRLock(*args, **kwargs)


class _RLock:
    """Pure-Python reentrant lock, used when _thread has no RLock."""

    def __init__(self):
        self._block = _allocate_lock()
        self._owner = None
        self._count = 0

    def __repr__(self):
        owner = self._owner
        name = owner
        t = _active.get(owner)
        if t is not None:
            name = t.name
        state = "locked" if self._block.locked() else "unlocked"
        return f"<{state} {self.__class__.__module__}.{self.__class__.__qualname__} object owner={name!r} count={self._count} at {hex(id(self))}>"

    def _at_fork_reinit(self):
        self._block._at_fork_reinit()
        self._owner = None
        self._count = 0

    def acquire(self, blocking=True, timeout=-1):
        me = get_ident()
        if self._owner == me:
            self._count += 1
            return True
        rc = self._block.acquire(blocking, timeout)
        if rc:
            self._owner = me
            self._count = 1
        return rc

    __enter__ = acquire

    def release(self):
        if self._owner != get_ident():
            raise RuntimeError("cannot release un-acquired lock")
        self._count -= 1
        if self._count == 0:
            self._owner = None
            self._block.release()

    def __exit__(self, t, v, tb):
        self.release()

    def _acquire_restore(self, state):
        self._block.acquire()
        self._count, self._owner = state

    def _release_save(self):
        if self._count == 0:
            raise RuntimeError("cannot release un-acquired lock")
        count = self._count
        self._count = 0
        owner = self._owner
        self._owner = None
        self._block.release()
        return (count, owner)

    def _is_owned(self):
        return self._owner == get_ident()


_PyRLock = _RLock


# ---------------------------------------------------------------------------------------------
# Condition variables

class Condition:
    """A condition variable: wait() releases the underlying lock until notify()."""

    def __init__(self, lock=None):
        if lock is None:
            lock = RLock()
        self._lock = lock
        self.acquire = lock.acquire
        self.release = lock.release
        # Reentrant locks save and restore their recursion level around a wait.
        if hasattr(lock, '_release_save'):
            self._release_save = lock._release_save
        if hasattr(lock, '_acquire_restore'):
            self._acquire_restore = lock._acquire_restore
        if hasattr(lock, '_is_owned'):
            self._is_owned = lock._is_owned
        self._waiters = []

    def _at_fork_reinit(self):
        self._lock._at_fork_reinit()
        self._waiters = []

    def __enter__(self):
        return self._lock.__enter__()

    def __exit__(self, *args):
        return self._lock.__exit__(*args)

    def __repr__(self):
        return f"<Condition({self._lock!r}, {len(self._waiters)})>"

    def _release_save(self):
        self._lock.release()

    def _acquire_restore(self, x):
        self._lock.acquire()

    def _is_owned(self):
        # A plain lock does not know its owner: assume we own it when it is held.
        if self._lock.acquire(False):
            self._lock.release()
            return False
        return True

    def wait(self, timeout=None):
        if not self._is_owned():
            raise RuntimeError("cannot wait on un-acquired lock")
        waiter = _allocate_lock()
        waiter.acquire()
        self._waiters.append(waiter)
        saved_state = self._release_save()
        gotit = False
        try:
            if timeout is None:
                waiter.acquire()
                gotit = True
            elif timeout > 0:
                gotit = waiter.acquire(True, timeout)
            else:
                gotit = waiter.acquire(False)
            return gotit
        finally:
            self._acquire_restore(saved_state)
            if not gotit:
                _remove_item(self._waiters, waiter)

    def wait_for(self, predicate, timeout=None):
        endtime = None
        waittime = timeout
        result = predicate()
        while not result:
            if waittime is not None:
                if endtime is None:
                    endtime = _time() + waittime
                else:
                    waittime = endtime - _time()
                    if waittime <= 0:
                        break
            self.wait(waittime)
            result = predicate()
        return result

    def notify(self, n=1):
        if not self._is_owned():
            raise RuntimeError("cannot notify on un-acquired lock")
        waiters = self._waiters
        chosen = waiters[:n]
        if not chosen:
            return
        for waiter in chosen:
            try:
                waiter.release()
            except RuntimeError:
                # Already released by a timed-out waiter racing with us.
                pass
            _remove_item(waiters, waiter)

    def notify_all(self):
        self.notify(len(self._waiters))

    def notifyAll(self):
        import warnings
        warnings.warn('notifyAll() is deprecated, use notify_all() instead',
                      DeprecationWarning, stacklevel=2)
        self.notify_all()


def _remove_item(items, item):
    """Remove `item` (by identity) from the list if present."""
    i = 0
    n = len(items)
    while i < n:
        if items[i] is item:
            del items[i]
            return True
        i += 1
    return False


# ---------------------------------------------------------------------------------------------
# Semaphores

class Semaphore:
    """A counter that blocks acquire() while it is zero."""

    def __init__(self, value=1):
        if value < 0:
            raise ValueError("semaphore initial value must be >= 0")
        self._cond = Condition(Lock())
        self._value = value

    def __repr__(self):
        cls = self.__class__
        return f"<{cls.__module__}.{cls.__qualname__} at {hex(id(self))}: value={self._value}>"

    def acquire(self, blocking=True, timeout=None):
        if not blocking and timeout is not None:
            raise ValueError("can't specify timeout for non-blocking acquire")
        rc = False
        endtime = None
        with self._cond:
            while self._value == 0:
                if not blocking:
                    return False
                if timeout is not None:
                    if endtime is None:
                        endtime = _time() + timeout
                    else:
                        timeout = endtime - _time()
                        if timeout <= 0:
                            return False
                self._cond.wait(timeout)
            self._value -= 1
            rc = True
        return rc

    def __enter__(self, *args):
        return self.acquire(*args)

    def release(self, n=1):
        if n < 1:
            raise ValueError('n must be one or more')
        with self._cond:
            self._value += n
            self._cond.notify(n)

    def __exit__(self, t, v, tb):
        self.release()


class BoundedSemaphore(Semaphore):
    """A semaphore that refuses to be released above its initial value."""

    def __init__(self, value=1):
        Semaphore.__init__(self, value)
        self._initial_value = value

    def __repr__(self):
        cls = self.__class__
        return (f"<{cls.__module__}.{cls.__qualname__} at {hex(id(self))}:"
                f" value={self._value}/{self._initial_value}>")

    def release(self, n=1):
        if n < 1:
            raise ValueError('n must be one or more')
        with self._cond:
            if self._value + n > self._initial_value:
                raise ValueError("Semaphore released too many times")
            self._value += n
            self._cond.notify(n)


# ---------------------------------------------------------------------------------------------
# Events

class Event:
    """A flag that threads can wait on until another thread sets it."""

    def __init__(self):
        self._cond = Condition(Lock())
        self._flag = False

    def __repr__(self):
        cls = self.__class__
        status = 'set' if self._flag else 'unset'
        return f"<{cls.__module__}.{cls.__qualname__} at {hex(id(self))}: {status}>"

    def _at_fork_reinit(self):
        self._cond._at_fork_reinit()

    def is_set(self):
        return self._flag

    def isSet(self):
        import warnings
        warnings.warn('isSet() is deprecated, use is_set() instead',
                      DeprecationWarning, stacklevel=2)
        return self.is_set()

    def set(self):
        with self._cond:
            self._flag = True
            self._cond.notify_all()

    def clear(self):
        with self._cond:
            self._flag = False

    def wait(self, timeout=None):
        with self._cond:
            signaled = self._flag
            if not signaled:
                signaled = self._cond.wait(timeout)
            return signaled


# ---------------------------------------------------------------------------------------------
# Barriers

class BrokenBarrierError(RuntimeError):
    pass


# Barrier states
_FILLING = 0
_DRAINING = 1
_RESETTING = -1
_BROKEN = -2


class Barrier:
    """Blocks `parties` threads until all of them have called wait()."""

    def __init__(self, parties, action=None, timeout=None):
        self._cond = Condition(Lock())
        self._action = action
        self._timeout = timeout
        self._parties = parties
        self._state = _FILLING
        self._count = 0

    def __repr__(self):
        cls = self.__class__
        if self.broken:
            return f"<{cls.__module__}.{cls.__qualname__} at {hex(id(self))}: broken>"
        return (f"<{cls.__module__}.{cls.__qualname__} at {hex(id(self))}:"
                f" waiters={self.n_waiting}/{self.parties}>")

    def wait(self, timeout=None):
        if timeout is None:
            timeout = self._timeout
        with self._cond:
            self._enter()
            index = self._count
            self._count += 1
            try:
                if index + 1 == self._parties:
                    self._release()
                else:
                    self._wait(timeout)
                return index
            finally:
                self._count -= 1
                self._exit()

    def _enter(self):
        # Wait for a previous round to drain or a reset to finish.
        while self._state == _DRAINING or self._state == _RESETTING:
            self._cond.wait()
        if self._state < 0:
            raise BrokenBarrierError
        # state is _FILLING here

    def _release(self):
        try:
            if self._action:
                self._action()
            self._state = _DRAINING
            self._cond.notify_all()
        except BaseException:
            self._break()
            raise

    def _wait(self, timeout):
        if not self._cond.wait_for(lambda: self._state != _FILLING, timeout):
            self._break()
            raise BrokenBarrierError
        if self._state < 0:
            raise BrokenBarrierError

    def _exit(self):
        if self._count == 0:
            if self._state == _RESETTING or self._state == _DRAINING:
                self._state = _FILLING
                self._cond.notify_all()

    def reset(self):
        with self._cond:
            if self._count > 0:
                if self._state == _FILLING or self._state == _BROKEN:
                    self._state = _RESETTING
            else:
                self._state = _FILLING
            self._cond.notify_all()

    def abort(self):
        with self._cond:
            self._break()

    def _break(self):
        self._state = _BROKEN
        self._cond.notify_all()

    @property
    def parties(self):
        return self._parties

    @property
    def n_waiting(self):
        if self._state == _FILLING:
            return self._count
        return 0

    @property
    def broken(self):
        return self._state == _BROKEN


# ---------------------------------------------------------------------------------------------
# Thread registry

_counter = 0


def _newname(name_template="Thread-%d"):
    global _counter
    _counter += 1
    return name_template.replace("%d", str(_counter))


_active_limbo_lock = RLock()
_active = {}     # ident -> Thread, for running threads
_limbo = {}      # Thread -> Thread, started but not yet running
_dangling = []

_SHUTTING_DOWN = False
_threading_atexits = []


# ---------------------------------------------------------------------------------------------
# Uncaught exceptions

class ExceptHookArgs:
    """What threading.excepthook receives: exc_type, exc_value, exc_traceback, thread."""

    n_fields = 4
    n_sequence_fields = 4

    def __init__(self, args):
        args = tuple(args)
        if len(args) != 4:
            raise TypeError(f"_thread._ExceptHookArgs takes a 4-sequence ({len(args)}-sequence given)")
        self._fields_ = args

    @property
    def exc_type(self):
        return self._fields_[0]

    @property
    def exc_value(self):
        return self._fields_[1]

    @property
    def exc_traceback(self):
        return self._fields_[2]

    @property
    def thread(self):
        return self._fields_[3]

    def __len__(self):
        return 4

    def __getitem__(self, i):
        return self._fields_[i]

    def __iter__(self):
        return iter(self._fields_)

    def __eq__(self, other):
        if isinstance(other, ExceptHookArgs):
            return self._fields_ == other._fields_
        if isinstance(other, tuple):
            return self._fields_ == other
        return NotImplemented

    def __repr__(self):
        t, v, tb, th = self._fields_
        return (f"_thread._ExceptHookArgs(exc_type={t!r}, exc_value={v!r},"
                f" exc_traceback={tb!r}, thread={th!r})")


def _print_exception(exc_type, exc_value, exc_tb, file):
    """Print a CPython-style traceback of exc_value to `file`."""
    hook = getattr(_sys, '__excepthook__', None)
    if hook is None:
        hook = _sys.excepthook
    if file is getattr(_sys, 'stderr', None):
        hook(exc_type, exc_value, exc_tb)
        return
    saved = _sys.stderr
    _sys.stderr = file
    try:
        hook(exc_type, exc_value, exc_tb)
    finally:
        _sys.stderr = saved


def excepthook(args):
    """Handle an exception raised by Thread.run(): print it, unless it is SystemExit."""
    if args.exc_type is SystemExit:
        return
    stderr = getattr(_sys, 'stderr', None)
    if stderr is None:
        thread = args.thread
        if thread is None:
            return
        stderr = thread._stderr
        if stderr is None:
            return
    if args.thread is not None:
        name = args.thread.name
    else:
        name = get_ident()
    print(f"Exception in thread {name}:", file=stderr, flush=True)
    _print_exception(args.exc_type, args.exc_value, args.exc_traceback, stderr)
    try:
        stderr.flush()
    except Exception:
        pass


__excepthook__ = excepthook


def _invoke_excepthook(thread, exc):
    hook = excepthook
    if hook is None:
        hook = __excepthook__
    args = ExceptHookArgs((type(exc), exc, getattr(exc, '__traceback__', None), thread))
    try:
        hook(args)
    except Exception as hook_exc:
        hook_exc.__suppress_context__ = True
        args = None
        stderr = getattr(_sys, 'stderr', None)
        if stderr is None:
            stderr = thread._stderr
        if stderr is not None:
            print("Exception in threading.excepthook:", file=stderr, flush=True)
        sys_hook = getattr(_sys, 'excepthook', None)
        if sys_hook is None:
            sys_hook = _sys.__excepthook__
        sys_hook(type(hook_exc), hook_exc, getattr(hook_exc, '__traceback__', None))


# ---------------------------------------------------------------------------------------------
# Thread

class Thread:
    """A thread of control: pass a target or override run(), then start() and join()."""

    _initialized = False

    def __init__(self, group=None, target=None, name=None, args=(), kwargs=None, *, daemon=None):
        if group is not None:
            raise AssertionError("group argument must be None for now")
        if kwargs is None:
            kwargs = {}
        if name:
            name = str(name)
        else:
            name = _newname("Thread-%d")
            if target is not None:
                try:
                    target_name = target.__name__
                    name += f" ({target_name})"
                except AttributeError:
                    pass
        self._target = target
        self._name = name
        self._args = args
        self._kwargs = kwargs
        if daemon is not None:
            self._daemonic = bool(daemon)
        else:
            self._daemonic = current_thread().daemon
        self._ident = None
        self._native_id = None
        self._tstate_lock = None
        self._started = Event()
        self._is_stopped = False
        self._initialized = True
        self._stderr = getattr(_sys, 'stderr', None)
        self._local_dicts = {}

    def _reset_internal_locks(self, is_alive):
        # Called in a forked child: the locks may have been held by threads that are gone.
        self._started._at_fork_reinit()
        if is_alive:
            if self._tstate_lock is not None:
                self._tstate_lock._at_fork_reinit()
                self._tstate_lock.acquire()
            else:
                self._set_tstate_lock()
        else:
            self._is_stopped = True
            self._tstate_lock = None

    def __repr__(self):
        status = "initial"
        if self._started.is_set():
            status = "started"
        if self._is_stopped:
            status = "stopped"
        if self._daemonic:
            status += " daemon"
        if self._ident is not None:
            status += f" {self._ident}"
        return f"<{self.__class__.__name__}({self._name}, {status})>"

    def start(self):
        if not self._initialized:
            raise RuntimeError("thread.__init__() not called")
        if self._started.is_set():
            raise RuntimeError("threads can only be started once")
        with _active_limbo_lock:
            _limbo[self] = self
        try:
            _start_new_thread(self._bootstrap, ())
        except Exception:
            with _active_limbo_lock:
                if self in _limbo:
                    del _limbo[self]
            raise
        self._started.wait()

    def run(self):
        try:
            if self._target is not None:
                self._target(*self._args, **self._kwargs)
        finally:
            # Drop the references so that the target's arguments can be freed.
            self._target = None
            self._args = ()
            self._kwargs = {}

    def _bootstrap(self):
        try:
            self._bootstrap_inner()
        except BaseException:
            if self._daemonic and _sys is None:
                return
            raise

    def _set_ident(self):
        self._ident = get_ident()

    def _set_native_id(self):
        if _HAVE_NATIVE_ID:
            self._native_id = get_native_id()

    def _set_tstate_lock(self, sentinel=False):
        # Held for the whole life of the thread; join() waits until it is released. A thread
        # started here (`sentinel`) gets _thread's sentinel lock, released by the runtime once the
        # thread has finished for good and no longer counts in _thread._count(), as CPython's; the
        # main thread's is released by _shutdown.
        lock = _thread._set_sentinel() if sentinel else _allocate_lock()
        lock.acquire()
        self._tstate_lock = lock

    def _bootstrap_inner(self):
        try:
            self._set_ident()
            self._set_tstate_lock(sentinel=True)
            self._set_native_id()
            if _gil_set_thread_name is not None:
                _gil_set_thread_name(self._name)
            with _active_limbo_lock:
                _active[self._ident] = self
                if self in _limbo:
                    del _limbo[self]
            if _trace_hook is not None and hasattr(_sys, 'settrace'):
                _sys.settrace(_trace_hook)
            if _profile_hook is not None and hasattr(_sys, 'setprofile'):
                _sys.setprofile(_profile_hook)
            self._started.set()
            try:
                self.run()
            except BaseException as exc:
                _invoke_excepthook(self, exc)
        finally:
            self._delete()

    def _stop(self):
        # Mark the thread finished (used for threads that vanished in a fork).
        self._is_stopped = True
        self._tstate_lock = None

    def _delete(self):
        """Unregister the finished thread. Whoever joins it wakes when the runtime releases its
        sentinel lock, once the thread has finished for good (_set_tstate_lock)."""
        with _active_limbo_lock:
            self._is_stopped = True
            ident = self._ident
            if _active.get(ident) is self:
                del _active[ident]
            self._local_dicts = {}

    def join(self, timeout=None):
        if not self._initialized:
            raise RuntimeError("Thread.__init__() not called")
        if not self._started.is_set():
            raise RuntimeError("cannot join thread before it is started")
        if self is current_thread():
            raise RuntimeError("cannot join current thread")
        if timeout is None:
            self._wait_for_tstate_lock()
        else:
            self._wait_for_tstate_lock(timeout=max(timeout, 0))

    def _wait_for_tstate_lock(self, block=True, timeout=-1):
        # Not done when only _is_stopped is set: the thread may still be finishing (_delete).
        lock = self._tstate_lock
        if lock is None:
            return
        if lock.acquire(block, timeout):
            lock.release()

    @property
    def name(self):
        return self._name

    @name.setter
    def name(self, name):
        if not self._initialized:
            raise RuntimeError("Thread.__init__() not called")
        self._name = str(name)

    @property
    def ident(self):
        return self._ident

    @property
    def native_id(self):
        return self._native_id

    def is_alive(self):
        if not self._initialized:
            raise RuntimeError("Thread.__init__() not called")
        if self._is_stopped or not self._started.is_set():
            return False
        return True

    @property
    def daemon(self):
        return self._daemonic

    @daemon.setter
    def daemon(self, daemonic):
        if not self._initialized:
            raise RuntimeError("Thread.__init__() not called")
        if self._started.is_set():
            raise RuntimeError("cannot set daemon status of active thread")
        self._daemonic = bool(daemonic)

    def isDaemon(self):
        import warnings
        warnings.warn('isDaemon() is deprecated, get the daemon attribute instead',
                      DeprecationWarning, stacklevel=2)
        return self.daemon

    def setDaemon(self, daemonic):
        import warnings
        warnings.warn('setDaemon() is deprecated, set the daemon attribute instead',
                      DeprecationWarning, stacklevel=2)
        self.daemon = daemonic

    def getName(self):
        import warnings
        warnings.warn('getName() is deprecated, get the name attribute instead',
                      DeprecationWarning, stacklevel=2)
        return self.name

    def setName(self, name):
        import warnings
        warnings.warn('setName() is deprecated, set the name attribute instead',
                      DeprecationWarning, stacklevel=2)
        self.name = name


class Timer(Thread):
    """Call a function after `interval` seconds unless cancel() is called first."""

    def __init__(self, interval, function, args=None, kwargs=None):
        Thread.__init__(self)
        self.interval = interval
        self.function = function
        self.args = args if args is not None else []
        self.kwargs = kwargs if kwargs is not None else {}
        self.finished = Event()

    def cancel(self):
        self.finished.set()

    def run(self):
        self.finished.wait(self.interval)
        if not self.finished.is_set():
            self.function(*self.args, **self.kwargs)
        self.finished.set()


class _MainThread(Thread):
    def __init__(self):
        Thread.__init__(self, name="MainThread", daemon=False)
        self._set_tstate_lock()
        self._started.set()
        self._set_ident()
        self._set_native_id()
        with _active_limbo_lock:
            _active[self._ident] = self


class _DummyThread(Thread):
    """Stands for a thread not started by this module (e.g. via _thread.start_new_thread)."""

    def __init__(self):
        Thread.__init__(self, name=_newname("Dummy-%d"), daemon=True)
        self._started.set()
        self._set_ident()
        self._set_native_id()
        with _active_limbo_lock:
            _active[self._ident] = self

    def _stop(self):
        pass

    def is_alive(self):
        return True

    def join(self, timeout=None):
        raise AssertionError("cannot join a dummy thread")


def current_thread():
    """The Thread object of the caller (a dummy one for foreign threads)."""
    t = _active.get(get_ident())
    if t is None:
        return _DummyThread()
    return t


def currentThread():
    import warnings
    warnings.warn('currentThread() is deprecated, use current_thread() instead',
                  DeprecationWarning, stacklevel=2)
    return current_thread()


def active_count():
    with _active_limbo_lock:
        return len(_active) + len(_limbo)


def activeCount():
    import warnings
    warnings.warn('activeCount() is deprecated, use active_count() instead',
                  DeprecationWarning, stacklevel=2)
    return active_count()


def _enumerate():
    return list(_active.values()) + list(_limbo.values())


def enumerate():
    with _active_limbo_lock:
        return list(_active.values()) + list(_limbo.values())


def main_thread():
    return _main_thread


def _register_atexit(func, *arg, **kwargs):
    """Run func(*arg, **kwargs) at shutdown, before non-daemon threads are joined."""
    if _SHUTTING_DOWN:
        raise RuntimeError("can't register atexit after shutdown")

    def call():
        func(*arg, **kwargs)

    _threading_atexits.append(call)


_main_thread = _MainThread()


def _shutdown():
    """Called by the interpreter at exit: wait for every non-daemon thread."""
    global _SHUTTING_DOWN
    if _main_thread._is_stopped and _SHUTTING_DOWN:
        return
    _SHUTTING_DOWN = True

    for atexit_call in reversed(_threading_atexits):
        atexit_call()

    me = current_thread()
    if me is _main_thread:
        # The main thread is finished as far as join() from other threads is concerned.
        lock = _main_thread._tstate_lock
        _main_thread._is_stopped = True
        if lock is not None and lock.locked():
            lock.release()

    while True:
        with _active_limbo_lock:
            pending = [t for t in _enumerate()
                       if t is not me and not t._daemonic and not t._is_stopped
                       and t is not _main_thread]
        if not pending:
            break
        for t in pending:
            # A thread still in _limbo has no tstate lock yet: wait until it runs.
            t._started.wait()
            t._wait_for_tstate_lock()


def _after_fork():
    """Called in the child after os.fork(): only the forking thread survives."""
    global _active_limbo_lock, _main_thread
    _active_limbo_lock = RLock()

    ident = get_ident()
    current = _active.get(ident)
    if current is None:
        # The fork happened in a thread threading does not know: it becomes the main thread.
        current = _MainThread()
    _main_thread = current

    threads = list(_active.values()) + list(_limbo.values())
    new_active = {}
    for thread in threads:
        if thread is current:
            thread._reset_internal_locks(True)
            thread._ident = ident
            thread._set_native_id()
            new_active[ident] = thread
        else:
            thread._reset_internal_locks(False)
            thread._stop()
    if current not in threads:
        new_active[ident] = current
    _limbo.clear()
    _active.clear()
    _active.update(new_active)


try:
    from _thread import _local as local
except ImportError:
    from _threading_local import local
