"""Execute computations asynchronously using threads or processes.

minipy's own package (the reason is in _base's opening comment). ThreadPoolExecutor is loaded
with the package; ProcessPoolExecutor, which needs multiprocessing, on first use.
"""

from concurrent.futures import _base
from concurrent.futures.thread import ThreadPoolExecutor

_PUBLIC_FROM_BASE = ('FIRST_COMPLETED', 'FIRST_EXCEPTION', 'ALL_COMPLETED', 'CancelledError',
                     'TimeoutError', 'InvalidStateError', 'BrokenExecutor', 'Future', 'Executor',
                     'wait', 'as_completed')
globals().update({name: getattr(_base, name) for name in _PUBLIC_FROM_BASE})

__all__ = tuple(n for n in _PUBLIC_FROM_BASE if n != 'InvalidStateError') + (
    'ProcessPoolExecutor', 'ThreadPoolExecutor')


def __dir__():
    return __all__ + ('__author__', '__doc__')


def __getattr__(name):
    if name == 'ProcessPoolExecutor':
        from concurrent.futures.process import ProcessPoolExecutor
        globals()[name] = ProcessPoolExecutor
        return ProcessPoolExecutor
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
