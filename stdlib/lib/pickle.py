"""Serialisation of objects to bytes (minipy's own binary format, see stdlib/native/_pickle.cpp).

The API follows CPython's pickle module: dumps/loads/dump/load, Pickler/Unpickler, the
PickleError family and HIGHEST_PROTOCOL. The byte format is not CPython's protocol."""

import _pickle

HIGHEST_PROTOCOL = 5
DEFAULT_PROTOCOL = 4


class PickleError(Exception):
    pass


class PicklingError(PickleError):
    pass


class UnpicklingError(PickleError):
    pass


_pickle._set_errors(PicklingError, UnpicklingError)

dumps = _pickle.dumps
loads = _pickle.loads


def dump(obj, file, protocol=None, *, fix_imports=True):
    file.write(_pickle.dumps(obj, protocol))


def load(file, *, fix_imports=True, encoding="ASCII", errors="strict"):
    head = b""
    while True:
        n = _pickle._header_size(head)
        if n >= 0:
            break
        c = file.read(1)
        if not c:
            raise EOFError("Ran out of input")
        head += c
    rest = file.read(n - len(head)) if n > len(head) else b""
    data = head + rest
    if len(data) < n:
        raise UnpicklingError("pickle data was truncated")
    return _pickle.loads(data)


class Pickler:
    def __init__(self, file, protocol=None, *, fix_imports=True):
        self._file = file
        self._protocol = protocol

    def dump(self, obj):
        self._file.write(_pickle.dumps(obj, self._protocol))


class Unpickler:
    def __init__(self, file, *, fix_imports=True, encoding="ASCII", errors="strict"):
        self._file = file

    def load(self):
        return load(self._file)
