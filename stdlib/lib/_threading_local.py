"""threading.local written in minipy's language.

Each thread keeps, on its Thread object, a dict mapping every `local` object it has touched to
that thread's attribute dict for it. The dicts of a thread are dropped when the thread finishes,
so values stored by a dead thread do not outlive it.

Why minipy keeps its own: threading.local is _thread._local, native (stdlib/native/thread_local.cpp)
as in CPython, so threading no longer imports this module; it stays only for code that imports
_threading_local itself (test_threading_local's pure-Python half), because CPython's file does not
run on minipy yet: its `local` declares __slots__ = '_local__impl', '__dict__' and switches the
instance __dict__ per thread (object.__setattr__(self, '__dict__', d)); minipy keeps the __slots__
values of a class that also has a __dict__ in that __dict__, so the assignment loses _local__impl
and every attribute access in a second thread is AttributeError. A minipy bug in the object layout;
delete this module once slot values live in the instance's own slots.
"""

__all__ = ['local']


class _LocalImpl:
    """Identity-hashed key for one `local` object, holding its constructor arguments."""

    def __init__(self, args, kw):
        self.args = args
        self.kw = kw


_current_thread = None


def _thread_dicts():
    global _current_thread
    if _current_thread is None:
        # threading imports this module while it initialises: look it up on first use.
        from threading import current_thread
        _current_thread = current_thread
    t = _current_thread()
    try:
        dicts = t._local_dicts
    except AttributeError:
        dicts = None
    if dicts is None:
        dicts = {}
        t._local_dicts = dicts
    return dicts


def _local_dict(self):
    """This thread's attribute dict of `self`, created (and __init__ re-run) on first use."""
    impl = object.__getattribute__(self, '_local__impl')
    dicts = _thread_dicts()
    d = dicts.get(impl)
    if d is None:
        d = {}
        dicts[impl] = d
        cls = type(self)
        if cls.__init__ is not object.__init__:
            cls.__init__(self, *impl.args, **impl.kw)
    return d


_MISSING = object()


def _is_data_descriptor(cls, name):
    attr = _MISSING
    for klass in cls.__mro__:
        kd = klass.__dict__
        if name in kd:
            attr = kd[name]
            break
    if attr is _MISSING:
        return False
    t = type(attr)
    return hasattr(t, '__set__') or hasattr(t, '__delete__')


class local:
    """Thread-local data: attributes set on an instance are seen only by the setting thread."""

    def __new__(cls, *args, **kw):
        if (args or kw) and (cls.__init__ is object.__init__):
            raise TypeError("Initialization arguments are not supported")
        self = object.__new__(cls)
        impl = _LocalImpl(args, kw)
        object.__setattr__(self, '_local__impl', impl)
        # The creating thread's dict exists already: the normal constructor call runs __init__.
        _thread_dicts()[impl] = {}
        return self

    def __getattribute__(self, name):
        d = _local_dict(self)
        if name == '__dict__':
            return d
        if name in d and not _is_data_descriptor(type(self), name):
            return d[name]
        if name == '_local__impl':
            raise AttributeError(f"'{type(self).__name__}' object has no attribute '{name}'")
        return object.__getattribute__(self, name)

    def __setattr__(self, name, value):
        if name == '__dict__':
            raise AttributeError(f"{type(self).__name__!r} object attribute '__dict__' is read-only")
        d = _local_dict(self)
        if _is_data_descriptor(type(self), name):
            object.__setattr__(self, name, value)
        else:
            d[name] = value

    def __delattr__(self, name):
        if name == '__dict__':
            raise AttributeError(f"{type(self).__name__!r} object attribute '__dict__' is read-only")
        d = _local_dict(self)
        if _is_data_descriptor(type(self), name):
            object.__delattr__(self, name)
        elif name in d:
            del d[name]
        else:
            raise AttributeError(f"'{type(self).__name__}' object has no attribute '{name}'")
