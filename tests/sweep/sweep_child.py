# The sweep's child (run by minipy, issue 12): enumerates every public callable of every builtin
# type and every native module function *at run time* (so it grows as modules are added), builds
# the deterministic list of hostile calls, and runs calls [START, END). Before each call it writes
# the call's index to PROGRESS (unbuffered), so when the process dies the driver knows which
# call killed it. A call may return or raise anything: only a crash, a hang or an abnormal exit
# is a failure, and that is the driver's business (tests/sweep/run_sweep.py).
#
#   minipy sweep_child.py list  MODE                 print the number of calls and their labels
#   minipy sweep_child.py run   MODE START END PROGRESS
import sys
import os

# The builtins namespace (a dict in minipy; CPython's __main__ sees the module).
BUILTINS = __builtins__ if isinstance(__builtins__, dict) else __builtins__.__dict__

MODE = sys.argv[2] if len(sys.argv) > 2 else "quick"

# Functions whose job is to block, to end or signal the process, to close its descriptors, to
# change interpreter-wide settings the remaining calls depend on, or to touch the file system:
# calling them with hostile arguments proves nothing about crashes and would break the sweep.
SKIP = {
    "builtins": {"breakpoint", "help", "exit", "quit", "open"},
    "sys": {"exit", "setrecursionlimit", "settrace", "setprofile", "setswitchinterval",
            "set_int_max_str_digits", "excepthook", "displayhook", "breakpointhook",
            "unraisablehook", "_exit", "addaudithook"},
    "posix": None,  # file system, processes and descriptors: see POSIX_OK
    # pthread_kill with a thread id that is no thread is undefined behaviour (glibc crashes, in
    # CPython too).
    "_signal": {"signal", "alarm", "pause", "setitimer", "raise_signal", "pthread_kill",
                "sigwait", "sigtimedwait", "sigwaitinfo", "pthread_sigmask", "siginterrupt",
                "set_wakeup_fd", "default_int_handler"},
    # The settings of the terminal the sweep runs in.
    "termios": {"tcsetattr", "tcsendbreak", "tcdrain", "tcflush", "tcflow", "tcsetwinsize"},
    "time": {"sleep"},
    "_thread": {"start_new_thread", "start_new", "interrupt_main", "exit", "exit_thread",
                "_count", "stack_size"},
    "_multiprocessing": None,
    "gc": {"freeze", "collect", "set_debug", "set_threshold"},
    "gil": None,
    "atexit": None,  # registered callbacks run (with their hostile arguments) at the child's exit
    # A timer thread that writes to stderr every `timeout` seconds until cancelled: with repeat
    # on it fills the pipe the driver reads only at the end, and the child blocks.
    "faulthandler": {"dump_traceback_later"},
}
# posix functions that only compute or read.
POSIX_OK = {"strerror", "getpid", "getppid", "getcwd", "getcwdb", "cpu_count", "getuid",
            "geteuid", "getgid", "urandom", "fspath", "get_terminal_size", "isatty",
            "WIFEXITED", "WEXITSTATUS", "WIFSIGNALED", "WTERMSIG", "WIFSTOPPED", "WSTOPSIG",
            "device_encoding", "times", "uname", "getloadavg", "sysconf", "confstr"}
SKIP_METHODS = {"__del__", "__init_subclass__", "__setstate__"}
# Functions whose running time grows with an int argument (CPython takes as long): called with
# ints up to 2**20 only.
SLOW_WITH_BIG_INTS = {"math.factorial", "math.perm", "math.comb", "posix.urandom", "math.prod",
                      "builtins.pow", "int.__pow__", "int.__rpow__", "int.__lshift__", "int.__rlshift__"}


def too_slow(label, args):
    base = label.split("(")[0].replace("unbound ", "")
    if base not in SLOW_WITH_BIG_INTS:
        return False
    return any(type(a) is int and abs(a) > 2 ** 20 for a in args)


_deep_cache = {}


def deep_list(n):
    # Built once and reused (100,000 levels take a while); rebuilt when a call took it apart.
    x = _deep_cache.get(n)
    if x is not None and type(x) is list and len(x) == 1 and type(x[0]) is list and len(x[0]) == 1:
        return x
    x = []
    for _ in range(n):
        x = [x]
    _deep_cache[n] = x
    return x


def deep_tuple(n):
    x = ()
    for _ in range(n):
        x = (x,)
    return x


def deep_dict(n):
    x = {}
    for _ in range(n):
        x = {0: x}
    return x


class Weird:
    """An object whose dunders raise, to reach the error paths of native code."""

    def __index__(self):
        raise ValueError("weird index")

    def __len__(self):
        return -1

    def __iter__(self):
        raise RuntimeError("weird iter")

    def __hash__(self):
        raise TypeError("weird hash")

    def __eq__(self, other):
        raise RuntimeError("weird eq")

    def __lt__(self, other):
        raise RuntimeError("weird lt")

    def __repr__(self):
        raise RuntimeError("weird repr")

    def __str__(self):
        return 42

    def __float__(self):
        return "x"

    def __int__(self):
        return None

    def __getitem__(self, i):
        raise IndexError(i)


# Hostile argument values: (label, factory). Factories build a fresh value per call, so a call
# that mutates its argument cannot affect the next one.
CORE = [
    ("-1", lambda: -1), ("0", lambda: 0), ("1", lambda: 1),
    ("2**31", lambda: 2 ** 31), ("2**63", lambda: 2 ** 63), ("-2**63", lambda: -2 ** 63),
    ("2**64", lambda: 2 ** 64), ("-2**1000", lambda: -2 ** 1000),
    ("nan", lambda: float("nan")), ("-inf", lambda: float("-inf")),
    ("None", lambda: None), ("''", lambda: ""), ("surrogate", lambda: "\ud800x"),
    ("b''", lambda: b""), ("bytearray", lambda: bytearray(b"ab")),
    ("[]", lambda: []), ("{}", lambda: {}), ("()", lambda: ()), ("object()", lambda: object()),
    ("Weird()", lambda: Weird()), ("deep list", lambda: deep_list(100000)),
]
FULL_EXTRA = [
    ("2**31-1", lambda: 2 ** 31 - 1), ("2**32", lambda: 2 ** 32), ("2**63-1", lambda: 2 ** 63 - 1),
    ("-2**31", lambda: -2 ** 31), ("2**1000", lambda: 2 ** 1000), ("True", lambda: True),
    ("inf", lambda: float("inf")), ("-0.0", lambda: -0.0), ("1.5", lambda: 1.5), ("1e308", lambda: 1e308),
    ("'\\x00'", lambda: "\x00"), ("'abc'", lambda: "abc"), ("'\\U0010ffff'", lambda: "\U0010ffff"),
    ("b'\\xff'", lambda: b"\xff"), ("[1,'a']", lambda: [1, "a"]), ("{1:2}", lambda: {1: 2}),
    ("set()", lambda: {1, 2}), ("frozenset", lambda: frozenset([1])), ("type", lambda: int),
    ("func", lambda: (lambda *a, **k: 0)), ("deep tuple", lambda: deep_tuple(100000)),
    ("deep dict", lambda: deep_dict(50000)), ("range", lambda: range(-5, 5)),
    ("iter", lambda: iter([1, 2])), ("slice", lambda: slice(None, None, -1)),
    ("NotImplemented", lambda: NotImplemented), ("Ellipsis", lambda: ...),
]
VALUES = CORE + (FULL_EXTRA if MODE == "full" else [])
# Sanitizer builds run without an address-space limit (their shadow memory needs terabytes), so
# 2**31 taken as a size is a real 2 GiB request there: AddressSanitizer aborts on a failed
# operator new instead of throwing bad_alloc, and filling 2 GiB under it outlasts the hang
# timeout. run_sweep.py --no-huge-sizes leaves that one value out (hostile.memory_limit covers
# huge sizes in the other builds).
if os.environ.get("MINIPY_SWEEP_NO_HUGE_SIZES"):
    VALUES = [v for v in VALUES if v[0] != "2**31"]
GOOD = [("1", lambda: 1), ("'a'", lambda: "a")]  # partners for two-argument calls


# Receivers: instances of each builtin type (fresh per call).
def _gen():
    yield 1


SAMPLES = [
    lambda: 0, lambda: -(2 ** 100), lambda: True, lambda: 1.5, lambda: float("nan"),
    lambda: "abc", lambda: "\ud800", lambda: "", lambda: b"ab", lambda: bytearray(b"ab"),
    lambda: [1, 2, 3], lambda: [], lambda: (1, 2), lambda: {1: 2}, lambda: {1, 2},
    lambda: frozenset([1]), lambda: range(0, 10, 3), lambda: slice(1, 2, 3), lambda: None,
    lambda: NotImplemented, lambda: ..., lambda: object(), lambda: iter([1]), lambda: iter((1,)),
    lambda: iter("ab"), lambda: iter(b"ab"), lambda: iter({1: 2}), lambda: iter({1}),
    lambda: iter(range(3)), lambda: {1: 2}.keys(), lambda: {1: 2}.values(), lambda: {1: 2}.items(),
    lambda: reversed([1, 2]), lambda: enumerate([1]), lambda: zip([1], [2]), lambda: map(abs, [1]),
    lambda: filter(None, [1]), lambda: _gen(), lambda: (lambda: 0), lambda: len,
    lambda: [].append, lambda: ValueError("x"), lambda: memoryview(b"ab") if "memoryview" in BUILTINS else 0,
    lambda: complex(1, 2) if "complex" in BUILTINS else 0, lambda: property(),
    lambda: staticmethod(len), lambda: classmethod(len), lambda: super(int, 1), lambda: int,
    lambda: _gen.__code__, lambda: sys.modules["sys"], lambda: Weird(),
]


# Receivers for the native modules' types that calling the type with no arguments cannot make
# (it needs arguments, or the module exports only a factory function). Each expression is
# evaluated afresh for every call, in a namespace holding the module named before the first dot;
# its value's type joins the sweep even when the module does not export it (zlib.Compress,
# select.poll, _hashlib.HASH). Every other type of a native module is tried with `T()` once
# (collect()); the listing reports the types left without a receiver.
FACTORIES = [
    "array.array('i', [1, 2, 3])", "array.array('u', 'ab')", "array.array('d', [1.5])",
    "iter(array.array('b', b'ab'))",
    "zlib.compressobj()", "zlib.decompressobj()", "zlib.decompressobj(wbits=-15)",
    # A poll object with a descriptor that is always ready (a pipe's write end): poll(-1) and
    # poll(None) return at once instead of blocking on nothing.
    "select_ready_poll(select.poll())", "select_ready_poll(select.epoll())",
    "_hashlib.new('sha256')", "_hashlib.new('md5')", "_hashlib.new('shake_128')",
    "_hashlib.hmac_new(b'key', b'msg', 'sha256')", "_blake2.blake2b(b'ab')", "_blake2.blake2s()",
    "_struct.Struct('<i2sQ')", "_struct.iter_unpack('<h', b'abcd')",
    "_sre_pattern()", "_sre_pattern().match('ab')", "_sre_pattern().scanner('abab')",
    "_sre_pattern().finditer('abab')",
    "_csv.reader(['a,b', '1,2'])", "_csv.writer(_io.StringIO())", "_csv.Dialect()",
    "_sqlite3.connect(':memory:')", "_sqlite3.connect(':memory:').cursor()", "_sqlite3_row()",
    "_sqlite3_blob()",
    "_io.BytesIO(b'ab')", "_io.StringIO('ab')", "_io.BytesIO(b'ab').getbuffer()",
    "_io.BufferedReader(_io.BytesIO(b'ab'))", "_io.BufferedWriter(_io.BytesIO())",
    "_io.BufferedRandom(_io.BytesIO(b'ab'))", "_io.BufferedRWPair(_io.BytesIO(b'ab'), _io.BytesIO())",
    "_io.TextIOWrapper(_io.BytesIO(b'ab'), 'utf-8')", "_io.IncrementalNewlineDecoder(None, True)",
    "_io.FileIO('sweep-file', 'w+b')",
    "_pickle.Pickler(_io.BytesIO())", "_pickle.Unpickler(_io.BytesIO(b'N.'))",
    "_pickle.Pickler(_io.BytesIO()).memo", "_pickle.Unpickler(_io.BytesIO(b'N.')).memo",
    "_collections.deque([1, 2])", "iter(_collections.deque([1]))", "reversed(_collections.deque([1]))",
    "_collections.defaultdict(list, {1: 2})", "_collections.OrderedDict(a=1)",
    "_collections.OrderedDict(a=1).keys()", "_collections.OrderedDict(a=1).values()",
    "_collections.OrderedDict(a=1).items()", "iter(_collections.OrderedDict(a=1))",
    "reversed(_collections.OrderedDict(a=1))", "_collections._tuplegetter(0, 'doc')",
    "itertools.count(1, 2)", "itertools.cycle('ab')", "itertools.repeat(1, 3)",
    "itertools.chain('a', 'b')", "itertools.accumulate([1, 2])", "itertools.combinations('abc', 2)",
    "itertools.combinations_with_replacement('ab', 2)", "itertools.compress('ab', [1, 0])",
    "itertools.dropwhile(bool, [1])", "itertools.filterfalse(None, [0])", "itertools.groupby('aab')",
    "next(itertools.groupby('aab'))[1]", "itertools.islice('abc', 2)", "itertools.pairwise('abc')",
    "itertools.permutations('abc')", "itertools.product('ab', repeat=2)",
    "itertools.starmap(pow, [(1, 2)])", "itertools.takewhile(bool, [1])", "itertools.tee('ab')[0]",
    "itertools.zip_longest('a', 'bc')", "itertools.batched('abc', 2)",
    "_random.Random(1)", "_thread.allocate_lock()", "_thread.RLock()", "_thread._local()",
    "_contextvars.ContextVar('v')", "_contextvars.ContextVar('v').set(1)", "_contextvars.copy_context()",
    "_json.make_scanner(_json_context())", "_json.make_encoder({}, repr, repr, None, ':', ',', False, False, True)",
    "_weakref.ref(_weak_target)", "_weakref.proxy(_weak_target)", "_weakref.proxy(_ast_tree)",
    "reversed((1, 2))", "ExceptionGroup('m', [ValueError()])",
    "BaseExceptionGroup('m', [KeyboardInterrupt()])",
    "posix.stat('.')", "posix.times()", "posix.uname()", "posix.scandir('.')", "next(posix.scandir('.'))",
    "posix.terminal_size((80, 24))", "time.localtime()", "_struct.Struct('i').unpack_from",
    "unicodedata.ucd_3_2_0", "_socket.socket()", "_ast_tree()",
    # A queue holding an item: get() returns at once instead of waiting for a put().
    "filled_queue(_queue.SimpleQueue())",
]


class _WeakTarget:
    pass


_weak_target = _WeakTarget()
_ready_fd = []


def filled_queue(q):
    q.put(1)
    return q


def select_ready_poll(p):
    import select
    if not _ready_fd:
        _ready_fd.extend(os.pipe())
    p.register(_ready_fd[1], select.POLLOUT)
    return p


def _sre_pattern():
    import re
    return re.compile("(a)(?P<n>b)?")


def _sqlite3_row():
    import _sqlite3
    con = _sqlite3.connect(":memory:")
    con.row_factory = _sqlite3.Row
    return con.execute("select 1 as a, 'x' as b").fetchone()


def _sqlite3_blob():
    import _sqlite3
    con = _sqlite3.connect(":memory:")
    con.execute("create table t(b blob)")
    con.execute("insert into t values (zeroblob(8))")
    return con.blobopen("t", "b", 1)


def _json_context():
    import json.decoder
    return json.decoder.JSONDecoder()


def _ast_tree():
    import _ast
    return compile("x = [a for a in b]", "<s>", "exec", _ast.PyCF_ONLY_AST)


FACTORY_HELPERS = {
    "select_ready_poll": select_ready_poll, "_sre_pattern": _sre_pattern, "filled_queue": filled_queue,
    "_sqlite3_row": _sqlite3_row, "_sqlite3_blob": _sqlite3_blob, "_json_context": _json_context,
    "_weak_target": _weak_target, "_ast_tree": _ast_tree,
}


def factory(expression):
    """A maker for FACTORIES' `expression`, or None when a module it names is missing."""
    import re
    namespace = dict(FACTORY_HELPERS)
    for word in set(re.findall(r"\b([A-Za-z_]\w*)\.", expression)):
        if word in namespace:
            continue
        if word not in sys.builtin_module_names:
            return None
        try:
            namespace[word] = __import__(word)
        except BaseException:
            return None
    return lambda: eval(expression, namespace)


def type_name(t):
    return getattr(t, "__qualname__", None) or getattr(t, "__name__", "?")


def type_key(t):
    return type_name(t) + "@" + str(getattr(t, "__module__", ""))


# Filled by collect(): the types the sweep found and those it could make no receiver for.
COVERAGE = {"types": 0, "no_receiver": []}


def collect():
    """[(label, callable factory, receiver factory or None)] in a fixed order."""
    types = {}
    for f in SAMPLES:
        try:
            t = type(f())
        except Exception:
            continue
        types.setdefault(type_key(t), (t, f))
    for expression in FACTORIES:
        make = factory(expression)
        if make is None:
            continue
        try:
            t = type(make())
        except Exception:
            continue
        types.setdefault(type_key(t), (t, make))
    for name in sorted(BUILTINS):
        v = BUILTINS[name]
        if isinstance(v, type):
            types.setdefault(type_key(v), (v, None))
    modules = sorted(set(sys.builtin_module_names) | {"builtins"})
    entries = []
    for mname in modules:
        if mname in SKIP and SKIP[mname] is None and mname != "posix":
            continue
        if mname == "builtins":
            space = BUILTINS
        else:
            try:
                space = __import__(mname).__dict__
            except BaseException:
                continue
        skip = SKIP.get(mname) or set()
        for name in sorted(space):
            if name.startswith("__") or name in skip:
                continue
            v = space[name]
            if isinstance(v, type):
                types.setdefault(type_key(v), (v, None))
                continue
            if mname == "posix" and name not in POSIX_OK:
                continue
            if callable(v) and type(v).__name__ == "builtin_function_or_method":
                entries.append((mname + "." + name, v, None))
    swept = []
    for key in sorted(types):
        t, maker = types[key]
        if t.__module__ in ("sys",) or t is type:
            continue
        if maker is None:
            # Every other type: its instance from calling it with no arguments, when that works.
            try:
                if type(t()) is t:
                    maker = t
            except BaseException:
                pass
        swept.append((key, t, maker))
        if maker is None:
            COVERAGE["no_receiver"].append(key)
    COVERAGE["types"] = len(swept)
    for key, t, maker in swept:
        # The constructor itself, with the hostile arguments.
        entries.append((str(t.__module__) + "." + type_name(t), t, None))
        for name in sorted(t.__dict__):
            if name in SKIP_METHODS or (name.startswith("__") and name in ("__new__", "__init__")
                                        and maker is None):
                continue
            try:
                attr = t.__dict__[name]
            except Exception:
                continue
            tn = type(attr).__name__
            if tn in ("method_descriptor", "wrapper_descriptor", "builtin_function_or_method",
                      "classmethod_descriptor", "staticmethod"):
                entries.append((type_name(t) + "." + name, (t, name), maker))
    return entries


def calls():
    """The flat, deterministic list of (label, callable getter, argument factories)."""
    out = []
    quick = MODE == "quick"
    for label, target, maker in collect():
        if isinstance(target, tuple):
            t, name = target

            def bound(t=t, name=name, maker=maker):
                if maker is not None:
                    return getattr(maker(), name)
                return getattr(t, name)

            def unbound(t=t, name=name):
                return t.__dict__[name]
            # Bound to a real receiver (when we can make one), and unbound with a hostile self.
            fns = [("", bound)]
            if maker is not None and (not quick or name.startswith("__")):
                fns.append(("unbound ", unbound))
        else:
            fns = [("", lambda v=target: v)]
        for prefix, get in fns:
            lab = prefix + label
            out.append((lab + "()", get, ()))
            for vl, vf in VALUES:
                out.append((lab + "(" + vl + ")", get, (vf,)))
            for vl, vf in VALUES:
                out.append((lab + "(" + vl + ", " + vl + ")", get, (vf, vf)))
                for gl, gf in (GOOD[:1] if quick else GOOD):
                    out.append((lab + "(" + gl + ", " + vl + ")", get, (gf, vf)))
            if not quick:
                for vl, vf in VALUES:
                    out.append((lab + "(" + vl + ", 1, " + vl + ")", get, (vf, lambda: 1, vf)))
                    out.append((lab + "(x=" + vl + ")", get, ("x", vf)))
    return out


def main():
    action = sys.argv[1]
    all_calls = calls()
    if action == "list":
        print(len(all_calls))
        for call in all_calls:
            print(call[0])
        # After the labels: what the driver reports about coverage.
        print("types swept: %d, with a receiver: %d" % (
            COVERAGE["types"], COVERAGE["types"] - len(COVERAGE["no_receiver"])))
        print("no receiver (constructor and unbound methods only): " + " ".join(COVERAGE["no_receiver"]))
        return
    start, end, progress = int(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
    fd = os.open(progress, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
    for i in range(start, min(end, len(all_calls))):
        line = ("%d\n" % i).encode()
        try:
            os.write(fd, line)
        except OSError:
            fd = os.open(progress, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
            os.write(fd, line)
        label, get, makers = all_calls[i]
        try:
            if makers and makers[0] == "x":
                r = get()(x=makers[1]())
            else:
                args = [m() for m in makers]
                if too_slow(label, args):
                    continue
                r = get()(*args)
            del r
        except BaseException:
            pass
    os.write(fd, b"end\n")


main()
