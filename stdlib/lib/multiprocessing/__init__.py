"""multiprocessing for minipy: processes (fork or spawn), pipes, queues, process-shared locks,
shared Value/Array and Pool, written over os, pickle and _multiprocessing."""

from multiprocessing import context as _context
from multiprocessing import process as _process

__all__ = ['Array', 'AuthenticationError', 'Barrier', 'BoundedSemaphore', 'BufferTooShort',
           'Condition', 'Event', 'JoinableQueue', 'Lock', 'Pipe', 'Pool', 'Process',
           'ProcessError', 'Queue', 'RLock', 'RawArray', 'RawValue', 'Semaphore', 'SimpleQueue',
           'TimeoutError', 'Value', 'active_children', 'cpu_count', 'current_process',
           'freeze_support', 'get_all_start_methods', 'get_context', 'get_start_method',
           'parent_process', 'set_start_method']

_ctx = _context._default_context

Process = _context.Process
ProcessError = _context.ProcessError
BufferTooShort = _context.BufferTooShort
TimeoutError = _context.TimeoutError
AuthenticationError = _context.AuthenticationError

current_process = _process.current_process
parent_process = _process.parent_process
active_children = _process.active_children

cpu_count = _ctx.cpu_count
Pipe = _ctx.Pipe
Lock = _ctx.Lock
RLock = _ctx.RLock
Condition = _ctx.Condition
Semaphore = _ctx.Semaphore
BoundedSemaphore = _ctx.BoundedSemaphore
Event = _ctx.Event
Barrier = _ctx.Barrier
Queue = _ctx.Queue
JoinableQueue = _ctx.JoinableQueue
SimpleQueue = _ctx.SimpleQueue
Pool = _ctx.Pool
RawValue = _ctx.RawValue
RawArray = _ctx.RawArray
Value = _ctx.Value
Array = _ctx.Array
Manager = _ctx.Manager
freeze_support = _ctx.freeze_support
get_context = _ctx.get_context
get_start_method = _ctx.get_start_method
set_start_method = _ctx.set_start_method
get_all_start_methods = _ctx.get_all_start_methods
allow_connection_pickling = _ctx.allow_connection_pickling
set_executable = _ctx.set_executable

SUBDEBUG = 5
SUBWARNING = 25


def __getattr__(name):
    # `reducer` (the pickle module) on first use: importing multiprocessing must not need
    # CPython's pickle.py, which the embedded-only mode lacks.
    if name == 'reducer':
        return _ctx.reducer
    raise AttributeError("module 'multiprocessing' has no attribute %r" % name)
