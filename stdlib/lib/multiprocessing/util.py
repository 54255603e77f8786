"""Helpers shared by the multiprocessing modules: finalizers run before a child exits, hooks
run in a forked child, std stream flushing."""

import sys

_finalizers = []          # callables run (in reverse order) when a child process exits
_afterfork_hooks = []     # (obj, func) run in a forked child
_exiting = False


def sub_debug(msg, *args):
    pass


debug = info = sub_warning = sub_debug


def register_after_fork(obj, func):
    _afterfork_hooks.append((obj, func))


def _run_after_forkers():
    for obj, func in list(_afterfork_hooks):
        try:
            func(obj)
        except Exception:
            pass


class Finalize:
    """Calls callback(*args) when the process exits (children: before os._exit)."""

    def __init__(self, obj, callback, args=(), kwargs=None, exitpriority=None):
        self._callback = callback
        self._args = args
        self._kwargs = kwargs or {}
        self._done = False
        _finalizers.append(self)

    def __call__(self, wr=None):
        if self._done:
            return None
        self._done = True
        try:
            _finalizers.remove(self)
        except ValueError:
            pass
        return self._callback(*self._args, **self._kwargs)

    def cancel(self):
        self._done = True
        try:
            _finalizers.remove(self)
        except ValueError:
            pass

    def still_active(self):
        return not self._done


def _run_finalizers():
    while _finalizers:
        f = _finalizers.pop()
        try:
            f()
        except Exception:
            pass


def _flush_std_streams():
    for s in (sys.stdout, sys.stderr):
        try:
            if s is not None:
                s.flush()
        except (AttributeError, ValueError, OSError):
            pass


def _exit_function():
    global _exiting
    _exiting = True
    _run_finalizers()


class count:
    """itertools.count (minipy has no itertools yet)."""

    def __init__(self, start=0):
        self._n = start

    def __iter__(self):
        return self

    def __next__(self):
        n = self._n
        self._n = n + 1
        return n


def take(it, n):
    """list(itertools.islice(it, n))"""
    out = []
    for x in it:
        out.append(x)
        if len(out) >= n:
            break
    return out
