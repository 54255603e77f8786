"""OS routines for POSIX (minipy): re-exports the native posix module and adds what
CPython's os.py writes in Python: os.path, environ as a mapping that calls putenv,
makedirs/removedirs/walk, fsencode/fsdecode, get_exec_path.

Why minipy keeps its own os: threading, queue, multiprocessing and concurrent.futures are
embedded so that the tutorials' scripts run without CPython's library installed, and they all
import os; CPython's os.py needs that library (abc, _collections_abc, stat, posixpath)."""

import sys
from posix import *
import posix as _posix
from posix import _exit, environ as _environ_snapshot, stat_result

name = 'posix'
linesep = '\n'
sep = '/'
altsep = None
extsep = '.'
pathsep = ':'
curdir = '.'
pardir = '..'
defpath = '/bin:/usr/bin'
devnull = '/dev/null'
error = OSError


# The functions whose dir_fd / fd / effective_ids / follow_symlinks parameters posix really
# implements, derived from posix._have_functions (the HAVE_* names of the *at() calls and
# f*() variants it uses) in the same way as CPython's os.py; shutil and tempfile read these.
def _functions_with(*pairs):
    names = globals()
    return {names[fn] for flag, fn in pairs if flag in _posix._have_functions and fn in names}


supports_dir_fd = _functions_with(
    ("HAVE_FACCESSAT", "access"), ("HAVE_FCHMODAT", "chmod"), ("HAVE_FCHOWNAT", "chown"),
    ("HAVE_FSTATAT", "stat"), ("HAVE_LINKAT", "link"), ("HAVE_MKDIRAT", "mkdir"),
    ("HAVE_MKFIFOAT", "mkfifo"), ("HAVE_MKNODAT", "mknod"), ("HAVE_OPENAT", "open"),
    ("HAVE_READLINKAT", "readlink"), ("HAVE_RENAMEAT", "rename"), ("HAVE_SYMLINKAT", "symlink"),
    ("HAVE_UNLINKAT", "unlink"), ("HAVE_UNLINKAT", "rmdir"), ("HAVE_UTIMENSAT", "utime"))
supports_effective_ids = _functions_with(("HAVE_FACCESSAT", "access"))
supports_fd = _functions_with(
    ("HAVE_FCHDIR", "chdir"), ("HAVE_FCHMOD", "chmod"), ("HAVE_FCHOWN", "chown"),
    ("HAVE_FDOPENDIR", "listdir"), ("HAVE_FDOPENDIR", "scandir"), ("HAVE_FPATHCONF", "pathconf"),
    ("HAVE_FSTATVFS", "statvfs"), ("HAVE_FTRUNCATE", "truncate"), ("HAVE_FUTIMENS", "utime")) | {stat}
supports_follow_symlinks = _functions_with(
    ("HAVE_FACCESSAT", "access"), ("HAVE_FCHOWNAT", "chown"), ("HAVE_LCHOWN", "chown"),
    ("HAVE_LINKAT", "link"), ("HAVE_FSTATAT", "stat"), ("HAVE_LSTAT", "stat"),
    ("HAVE_UTIMENSAT", "utime"))

# os.path is CPython's posixpath. Without CPython's library (the embedded-only mode) os still
# imports, and touching os.path raises the ModuleNotFoundError that names the Debian package.
try:
    import posixpath as path
    sys.modules['os.path'] = path
except ModuleNotFoundError:
    def __getattr__(name):
        if name == 'path':
            import posixpath
        raise AttributeError("module 'os' has no attribute %r" % name)


class _Environ:
    """os.environ: a mapping of str that writes through to the process environment."""

    def __init__(self, data):
        self._data = data

    def __getitem__(self, key):
        try:
            return self._data[key]
        except KeyError:
            raise KeyError(key) from None

    def __setitem__(self, key, value):
        if not isinstance(key, str):
            raise TypeError("str expected, not %s" % type(key).__name__)
        if not isinstance(value, str):
            raise TypeError("str expected, not %s" % type(value).__name__)
        putenv(key, value)
        self._data[key] = value

    def __delitem__(self, key):
        if key not in self._data:
            raise KeyError(key)
        unsetenv(key)
        del self._data[key]

    def __contains__(self, key):
        return key in self._data

    def __iter__(self):
        return iter(list(self._data))

    def __len__(self):
        return len(self._data)

    def __repr__(self):
        items = ', '.join('%r: %r' % (k, v) for k, v in self._data.items())
        return 'environ({' + items + '})'

    def __eq__(self, other):
        if isinstance(other, _Environ):
            return self._data == other._data
        return self._data == other

    def get(self, key, default=None):
        return self._data.get(key, default)

    def keys(self):
        return self._data.keys()

    def values(self):
        return self._data.values()

    def items(self):
        return self._data.items()

    def copy(self):
        return dict(self._data)

    def setdefault(self, key, value):
        if key not in self._data:
            self[key] = value
        return self._data[key]

    def pop(self, key, *default):
        if key in self._data:
            value = self._data[key]
            del self[key]
            return value
        if default:
            return default[0]
        raise KeyError(key)

    def update(self, other=(), **kwds):
        if hasattr(other, 'keys'):
            for k in other.keys():
                self[k] = other[k]
        else:
            for k, v in other:
                self[k] = v
        for k, v in kwds.items():
            self[k] = v

    def clear(self):
        for k in list(self._data):
            del self[k]


environ = _Environ(_environ_snapshot)
del _environ_snapshot


def _get_exports_list(module):
    """A module's public names: its __all__, else the names without a leading underscore
    (socket.py builds its __all__ from _socket's with this)."""
    try:
        return list(module.__all__)
    except AttributeError:
        return [n for n in dir(module) if n[0] != '_']


def getenv(key, default=None):
    return environ.get(key, default)


def fsencode(filename):
    filename = fspath(filename)
    if isinstance(filename, str):
        return filename.encode('utf-8', 'surrogateescape')
    return filename


def fsdecode(filename):
    filename = fspath(filename)
    if isinstance(filename, bytes):
        return filename.decode('utf-8', 'surrogateescape')
    return filename


def get_exec_path(env=None):
    if env is None:
        env = environ
    path_list = env.get('PATH')
    if path_list is None:
        path_list = defpath
    return path_list.split(pathsep)


# The exec family over posix.execv/execve: the l forms take the arguments one by one (the e forms
# the environment last), the p forms search PATH (get_exec_path) for a bare file name.
def execl(file, *args):
    execv(file, args)


def execle(file, *args):
    execve(file, args[:-1], args[-1])


def execlp(file, *args):
    execvp(file, args)


def execlpe(file, *args):
    execvpe(file, args[:-1], args[-1])


def execvp(file, args):
    _execvpe(file, args)


def execvpe(file, args, env):
    _execvpe(file, args, env)


def _execvpe(file, args, env=None):
    if env is None:
        run = lambda target: execv(target, args)
        search_env = environ
    else:
        run = lambda target: execve(target, args, env)
        search_env = env
    if path.dirname(file):
        run(file)
        return
    # Each candidate in turn; a missing file or directory tries the next, and the first other
    # error (a permission problem, say) is the one reported when none runs.
    first_other = last = None
    for directory in get_exec_path(search_env):
        try:
            run(path.join(fsencode(directory), fsencode(file)))
        except (FileNotFoundError, NotADirectoryError) as e:
            last = e
        except OSError as e:
            last = e
            if first_other is None:
                first_other = e
    raise first_other if first_other is not None else last


def makedirs(name, mode=0o777, exist_ok=False):
    head, tail = path.split(name)
    if not tail:
        head, tail = path.split(head)
    if head and tail and not path.exists(head):
        try:
            makedirs(head, exist_ok=exist_ok)
        except FileExistsError:
            pass
        cdir = curdir
        if isinstance(tail, bytes):
            cdir = bytes(curdir, 'ASCII')
        if tail == cdir:
            return
    try:
        mkdir(name, mode)
    except OSError:
        if not exist_ok or not path.isdir(name):
            raise


def removedirs(name):
    rmdir(name)
    head, tail = path.split(name)
    if not tail:
        head, tail = path.split(head)
    while head and tail:
        try:
            rmdir(head)
        except OSError:
            break
        head, tail = path.split(head)


def renames(old, new):
    head, tail = path.split(new)
    if head and tail and not path.exists(head):
        makedirs(head)
    rename(old, new)
    head, tail = path.split(old)
    if head and tail:
        try:
            removedirs(head)
        except OSError:
            pass


def walk(top, topdown=True, onerror=None, followlinks=False):
    top = fspath(top)
    try:
        names = listdir(top)
    except OSError as err:
        if onerror is not None:
            onerror(err)
        return
    dirs = []
    nondirs = []
    for n in names:
        if path.isdir(path.join(top, n)):
            dirs.append(n)
        else:
            nondirs.append(n)
    if topdown:
        yield top, dirs, nondirs
        for d in dirs:
            new_path = path.join(top, d)
            if followlinks or not path.islink(new_path):
                yield from walk(new_path, topdown, onerror, followlinks)
    else:
        for d in dirs:
            new_path = path.join(top, d)
            if followlinks or not path.islink(new_path):
                yield from walk(new_path, topdown, onerror, followlinks)
        yield top, dirs, nondirs


try:
    import abc as _abc
except ImportError:  # embedded-only mode: no CPython library, PathLike stays a plain class
    _abc = None

if _abc is not None:
    class PathLike(_abc.ABC):
        """Abstract base class for implementing the file system path protocol."""

        @_abc.abstractmethod
        def __fspath__(self):
            raise NotImplementedError

        @classmethod
        def __subclasshook__(cls, subclass):
            if cls is PathLike:
                return hasattr(subclass, '__fspath__') or NotImplemented
            return NotImplemented
else:
    class PathLike:
        """Abstract base class for objects with __fspath__ (checked structurally)."""

        def __fspath__(self):
            raise NotImplementedError
