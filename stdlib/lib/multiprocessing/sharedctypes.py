"""Value and Array in shared anonymous memory (_multiprocessing.SharedArray), optionally
wrapped with a process-shared lock."""

import _multiprocessing
from multiprocessing import synchronize

__all__ = ['RawValue', 'RawArray', 'Value', 'Array', 'copy', 'synchronized']

typecode_to_type = {
    'c': 'c_char', 'u': 'c_wchar', 'b': 'c_byte', 'B': 'c_ubyte', '?': 'c_bool',
    'h': 'c_short', 'H': 'c_ushort', 'i': 'c_int', 'I': 'c_uint',
    'l': 'c_long', 'L': 'c_ulong', 'q': 'c_longlong', 'Q': 'c_ulonglong',
    'f': 'c_float', 'd': 'c_double',
}
_type_to_typecode = {v: k for k, v in typecode_to_type.items()}


def _typecode(typecode_or_type):
    if isinstance(typecode_or_type, str):
        if typecode_or_type in _type_to_typecode:
            return _type_to_typecode[typecode_or_type]
        return typecode_or_type
    code = getattr(typecode_or_type, '_type_', None)
    if isinstance(code, str):
        return code
    name = getattr(typecode_or_type, '__name__', None)
    if name in _type_to_typecode:
        return _type_to_typecode[name]
    raise TypeError('unsupported type %r' % (typecode_or_type,))


class _RawValue:
    """A single shared item: RawValue('i', 0).value."""

    def __init__(self, code, arr):
        self._type_ = code
        self._arr = arr

    @property
    def value(self):
        return self._arr[0]

    @value.setter
    def value(self, v):
        self._arr[0] = v

    def __repr__(self):
        return '%s(%r)' % (typecode_to_type.get(self._type_, self._type_), self._arr[0])

    def __reduce__(self):
        synchronize._assert_spawning(self)


def RawValue(typecode_or_type, *args):
    code = _typecode(typecode_or_type)
    arr = _multiprocessing.SharedArray(code, 1)
    if args:
        arr[0] = args[0]
    return _RawValue(code, arr)


def RawArray(typecode_or_type, size_or_initializer):
    code = _typecode(typecode_or_type)
    if isinstance(size_or_initializer, int):
        return _multiprocessing.SharedArray(code, size_or_initializer)
    init = list(size_or_initializer) if code != 'c' else [bytes([b]) for b in size_or_initializer]
    arr = _multiprocessing.SharedArray(code, len(init))
    for i, v in enumerate(init):
        arr[i] = v
    return arr


def Value(typecode_or_type, *args, lock=True, ctx=None):
    obj = RawValue(typecode_or_type, *args)
    if lock is False:
        return obj
    if lock in (True, None):
        lock = synchronize.RLock()
    if not hasattr(lock, 'acquire'):
        raise AttributeError("%r has no method 'acquire'" % lock)
    return Synchronized(obj, lock)


def Array(typecode_or_type, size_or_initializer, *, lock=True, ctx=None):
    obj = RawArray(typecode_or_type, size_or_initializer)
    if lock is False:
        return obj
    if lock in (True, None):
        lock = synchronize.RLock()
    if not hasattr(lock, 'acquire'):
        raise AttributeError("%r has no method 'acquire'" % lock)
    if obj.typecode == 'c':
        return SynchronizedString(obj, lock)
    return SynchronizedArray(obj, lock)


def copy(obj):
    if isinstance(obj, _RawValue):
        return RawValue(obj._type_, obj.value)
    return RawArray(obj.typecode, obj[:])


def synchronized(obj, lock=None, ctx=None):
    if lock is None:
        lock = synchronize.RLock()
    if isinstance(obj, _RawValue):
        return Synchronized(obj, lock)
    return SynchronizedArray(obj, lock)


class SynchronizedBase:
    def __init__(self, obj, lock=None, ctx=None):
        self._obj = obj
        self._lock = lock or synchronize.RLock()
        self.acquire = self._lock.acquire
        self.release = self._lock.release

    def __enter__(self):
        return self._lock.__enter__()

    def __exit__(self, *args):
        return self._lock.__exit__(*args)

    def __reduce__(self):
        raise RuntimeError('Synchronized objects should only be shared between processes '
                           'through inheritance')

    def get_obj(self):
        return self._obj

    def get_lock(self):
        return self._lock

    def __repr__(self):
        return '<%s wrapper for %s>' % (type(self).__name__, self._obj)


class Synchronized(SynchronizedBase):
    @property
    def value(self):
        with self._lock:
            return self._obj._arr[0]

    @value.setter
    def value(self, v):
        with self._lock:
            self._obj._arr[0] = v


class SynchronizedArray(SynchronizedBase):
    def __len__(self):
        return len(self._obj)

    def __getitem__(self, i):
        with self._lock:
            return self._obj[i]

    def __setitem__(self, i, value):
        with self._lock:
            self._obj[i] = value

    def __iter__(self):
        with self._lock:
            items = self._obj[:]
        return iter(items)

    def __repr__(self):
        return '<%s wrapper for <multiprocessing.sharedctypes.%s_Array_%d object at %#x>>' % (
            type(self).__name__, typecode_to_type.get(self._obj.typecode, '?'), len(self._obj), id(self._obj))


class SynchronizedString(SynchronizedArray):
    @property
    def value(self):
        with self._lock:
            data = self._obj[:]
        n = data.find(b'\0')
        return data if n < 0 else data[:n]

    @value.setter
    def value(self, v):
        with self._lock:
            n = len(self._obj)
            if len(v) > n:
                raise ValueError('byte string too long')
            for i in range(n):
                self._obj[i] = v[i:i + 1] if i < len(v) else b'\0'

    @property
    def raw(self):
        with self._lock:
            return self._obj[:]
