"""Process objects for minipy's fork-based multiprocessing: BaseProcess (the API of
multiprocessing.Process), current_process(), parent_process() and active_children().

Why minipy keeps its own multiprocessing: its processes are started by fork() from the running
interpreter (popen.py), with no resource tracker or forkserver, and the package is embedded so
that the tutorials' process examples run without CPython's library.

A process object holds its start-up description (target, arguments, name, daemon flag) until
start(); from then on its `_popen` (popen.py) speaks for the child: poll(), wait(), terminate().
Which processes this process started is kept in `_children` until they are reaped.
"""

import os
import _signal as signal  # the native module: no CPython library needed
import sys

from multiprocessing import util

__all__ = ['BaseProcess', 'current_process', 'active_children', 'parent_process']


def current_process():
    """The process object of the running process."""
    return _current_process


def parent_process():
    """The process object of this process's parent; None in the main process."""
    return _parent_process


def active_children():
    """The children started by this process that have not finished (those that have are reaped)."""
    _reap_finished()
    return list(_children)


def _reap_finished():
    for child in list(_children):
        if child._popen is not None and child._popen.poll() is not None:
            _children.discard(child)


def _signal_names():
    # Exit status -N (killed by signal N) is shown by name in reprs: "exitcode=-SIGTERM". Of two
    # names for one signal, the alias (SIGIOT, SIGCLD, SIGIO) is used only when it is the only one.
    aliases = ('SIGIOT', 'SIGCLD', 'SIGIO')
    names = {}
    for name, num in list(signal.__dict__.items()):
        if name.startswith('SIG') and '_' not in name and isinstance(num, int):
            if name in aliases:
                names.setdefault(-int(num), '-' + name)
            else:
                names[-int(num)] = '-' + name
    return names


def _signal_name(num):
    """'SIGTERM' for 15 (the name CPython's signal.Signals(num).name gives), else str(num)."""
    name = _SIGNAL_NAMES.get(-num)
    return name[1:] if name else str(num)


class BaseProcess:
    """One process: run() in a child started by start(). Subclasses override run(), or pass
    `target` with `args` and `kwargs`."""

    _start_method = None

    def _Popen(self, process_obj):
        raise NotImplementedError

    def __init__(self, group=None, target=None, name=None, args=(), kwargs={}, *, daemon=None):
        assert group is None, 'group argument must be None for now'
        parent = _current_process
        self._identity = parent._identity + (next(_process_counter),)
        self._config = dict(parent._config)
        self._parent_pid = os.getpid()
        self._parent_name = parent.name
        self._popen = None
        self._closed = False
        self._target = target
        self._args = tuple(args)
        self._kwargs = dict(kwargs)
        if name is None:
            name = '%s-%s' % (type(self).__name__, ':'.join(map(str, self._identity)))
        self._name = name
        if daemon is not None:
            self.daemon = daemon

    # -- what the child runs

    def run(self):
        """The child's work: calls the target. Subclasses may override it."""
        if self._target:
            self._target(*self._args, **self._kwargs)

    def _bootstrap(self, parent_sentinel=None):
        """Runs in the freshly forked child: run(), then the exit status for os._exit()."""
        global _current_process, _parent_process, _process_counter, _children
        _children = set()
        _process_counter = util.count(1)
        _parent_process = _ParentProcess(self._parent_name, self._parent_pid, parent_sentinel)
        _current_process = self
        try:
            try:
                util._run_after_forkers()
                self.run()
            finally:
                util._exit_function()
            status = 0
        except SystemExit as stop:
            status = _exit_status(stop.code)
        except BaseException as exc:
            sys.stderr.write('Process %s:\n' % self.name)
            try:
                sys.excepthook(type(exc), exc, exc.__traceback__)
            except BaseException:
                sys.stderr.write('%s: %s\n' % (type(exc).__name__, exc))
            status = 1
        finally:
            util._flush_std_streams()
        return status

    # -- the parent's side

    def _ensure_open(self):
        if self._closed:
            raise ValueError("process object is closed")

    def _ensure_own_child(self, what):
        assert self._parent_pid == os.getpid(), 'can only %s a child process' % what

    def start(self):
        """Starts the child process, which calls run()."""
        self._ensure_open()
        assert self._popen is None, 'cannot start a process twice'
        assert self._parent_pid == os.getpid(), \
            'can only start a process object created by current process'
        assert not _current_process._config.get('daemon'), \
            'daemonic processes are not allowed to have children'
        _reap_finished()
        self._popen = self._Popen(self)
        self._sentinel = self._popen.sentinel
        # The child has its own copy of the work; the parent lets go of it.
        self._target = self._args = self._kwargs = None
        _children.add(self)

    def terminate(self):
        """Sends SIGTERM to the child."""
        self._ensure_open()
        self._popen.terminate()

    def kill(self):
        """Sends SIGKILL to the child."""
        self._ensure_open()
        self._popen.kill()

    def join(self, timeout=None):
        """Waits until the child ends, or `timeout` seconds."""
        self._ensure_open()
        self._ensure_own_child('join')
        assert self._popen is not None, 'can only join a started process'
        if self._popen.wait(timeout) is not None:
            _children.discard(self)

    def is_alive(self):
        self._ensure_open()
        if self is _current_process:
            return True
        self._ensure_own_child('test')
        if self._popen is None:
            return False
        if self._popen.poll() is None:
            return True
        _children.discard(self)
        return False

    def close(self):
        """Releases the resources of a finished process; most methods then raise ValueError."""
        popen = self._popen
        if popen is not None:
            if popen.poll() is None:
                raise ValueError("Cannot close a process while it is still running. "
                                 "You should first call join() or terminate().")
            popen.close()
            self._popen = None
            del self._sentinel
            _children.discard(self)
        self._closed = True

    # -- attributes

    def _set_name(self, name):
        assert isinstance(name, str), 'name must be a string'
        self._name = name

    name = property(lambda self: self._name, _set_name)

    def _set_daemon(self, daemonic):
        assert self._popen is None, 'process has already started'
        self._config['daemon'] = daemonic

    daemon = property(lambda self: self._config.get('daemon', False), _set_daemon,
                      doc='Whether the process is a daemon (killed when its parent exits).')

    def _set_authkey(self, authkey):
        self._config['authkey'] = AuthenticationString(authkey)

    authkey = property(lambda self: self._config['authkey'], _set_authkey)

    @property
    def exitcode(self):
        """None while running or not started; else the exit status (-N: killed by signal N)."""
        self._ensure_open()
        return None if self._popen is None else self._popen.poll()

    @property
    def ident(self):
        self._ensure_open()
        if self is _current_process:
            return os.getpid()
        return self._popen and self._popen.pid

    pid = ident

    @property
    def sentinel(self):
        """A descriptor that becomes ready when the process ends."""
        self._ensure_open()
        try:
            return self._sentinel
        except AttributeError:
            raise ValueError("process not started") from None

    def _status(self):
        if self is _current_process:
            return 'started', None
        if self._closed:
            return 'closed', None
        if self._parent_pid != os.getpid():
            return 'unknown', None
        if self._popen is None:
            return 'initial', None
        code = self._popen.poll()
        return ('started', None) if code is None else ('stopped', code)

    def __repr__(self):
        status, code = self._status()
        parts = [type(self).__name__, 'name=%r' % self._name]
        if self._popen is not None:
            parts.append('pid=%s' % self._popen.pid)
        parts += ['parent=%s' % self._parent_pid, status]
        if code is not None:
            parts.append('exitcode=%s' % _SIGNAL_NAMES.get(code, code))
        if self.daemon:
            parts.append('daemon')
        return '<' + ' '.join(parts) + '>'


def _exit_status(code):
    # sys.exit(code) in a child: None is 0, an int is itself, anything else is printed and is 1.
    if code is None:
        return 0
    if isinstance(code, int):
        return code
    sys.stderr.write(str(code) + '\n')
    return 1


class AuthenticationString(bytes):
    """The process's authentication key: never pickled (sent to another process)."""

    def __reduce__(self):
        raise TypeError('Pickling an AuthenticationString object is disallowed for security reasons')


class _MainProcess(BaseProcess):
    """The process minipy started in: named MainProcess, with a fresh random authkey."""

    def __init__(self):
        self._identity = ()
        self._name = 'MainProcess'
        self._parent_pid = None
        self._popen = None
        self._closed = False
        self._config = {'authkey': AuthenticationString(os.urandom(32)), 'semprefix': '/mp'}

    def close(self):
        pass


class _ParentProcess(BaseProcess):
    """What a child knows of its parent: name, pid and the parent's liveness."""

    def __init__(self, name, pid, sentinel):
        self._identity = ()
        self._name = name
        self._pid = pid
        self._parent_pid = None
        self._popen = None
        self._closed = False
        self._sentinel = sentinel
        self._config = {}

    def is_alive(self):
        try:
            os.kill(self._pid, 0)  # signal 0: only asks whether the process exists
        except OSError:
            return False
        return True

    ident = pid = property(lambda self: self._pid)

    def join(self, timeout=None):
        import time
        give_up = None if timeout is None else time.monotonic() + timeout
        while self.is_alive() and (give_up is None or time.monotonic() < give_up):
            time.sleep(0.01)


_parent_process = None
_current_process = _MainProcess()
_process_counter = util.count(1)
_children = set()
_SIGNAL_NAMES = _signal_names()
