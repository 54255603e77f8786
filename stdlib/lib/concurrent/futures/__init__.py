"""Execute computations asynchronously using threads or processes."""

from concurrent.futures._base import (FIRST_COMPLETED,
                                      FIRST_EXCEPTION,
                                      ALL_COMPLETED,
                                      CancelledError,
                                      TimeoutError,
                                      InvalidStateError,
                                      BrokenExecutor,
                                      Future,
                                      Executor,
                                      wait,
                                      as_completed)
from concurrent.futures.thread import ThreadPoolExecutor

__all__ = (
    'FIRST_COMPLETED',
    'FIRST_EXCEPTION',
    'ALL_COMPLETED',
    'CancelledError',
    'TimeoutError',
    'BrokenExecutor',
    'Future',
    'Executor',
    'wait',
    'as_completed',
    'ProcessPoolExecutor',
    'ThreadPoolExecutor',
)


def __dir__():
    return __all__ + ('__author__', '__doc__')


def __getattr__(name):
    # ProcessPoolExecutor lives in concurrent.futures.process (multiprocessing): import it
    # only when it is asked for.
    if name == 'ProcessPoolExecutor':
        from concurrent.futures.process import ProcessPoolExecutor as pe
        globals()['ProcessPoolExecutor'] = pe
        return pe
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
