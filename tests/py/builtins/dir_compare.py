# dir() of every builtin type and of every module minipy implements natively (and of their types),
# compared with CPython 3.11's: the expected output is CPython's own dir() listing, one name a line.
#
# dir_gaps.txt lists the known differences, one entry a line with its reason:
#   missing TARGET NAME reason...   CPython has TARGET.NAME, minipy does not (yet)
#   extra   TARGET NAME reason...   minipy has TARGET.NAME, CPython does not
# Entries are left out of the listing, so the test fails on any NEW difference (a name CPython has
# that minipy lost or never had, or a new name CPython lacks), and on any entry that no longer
# holds (a gap that was filled, an extra that went away): the list can only shrink.
#
# Run under CPython (regen.sh), the entries are checked against CPython itself: a "missing" entry
# must be a name CPython has, an "extra" one a name it lacks. Under minipy each entry must still be
# a difference; the lines "gap filled:" / "extra gone:" then say which entries to delete.
#
# Not compared: `gil` (minipy's own module) and `dis` (a Python module in CPython, written for
# CPython's bytecode). Modules drop `__file__`: CPython's Debian build loads many of these as
# shared libraries from lib-dynload; minipy builds them all in, like CPython's `sys`.
import sys
import builtins
import types

IS_CPYTHON = sys.implementation.name == "cpython"

MODULES = [
    "builtins", "sys", "_thread", "time", "math", "_random", "posix", "_signal", "gc", "_weakref",
    "errno", "_multiprocessing", "_sre", "itertools", "_collections", "_string",
    "_struct", "binascii", "atexit", "_stat", "_heapq", "_bisect", "_json", "zlib", "_hashlib",
    "_blake2", "_socket", "select", "fcntl", "_posixsubprocess", "_sqlite3", "_io", "cmath",
    "_codecs", "unicodedata", "_contextvars", "_imp", "marshal", "_warnings", "_csv", "_ast",
    "array", "faulthandler", "termios",
]


class C:
    def __getitem__(self, i):
        raise IndexError


async def _coro():
    pass


async def _agen():
    yield


def _gen():
    yield


coro, agen, gen = _coro(), _agen(), _gen()
coro_wrapper, asend, athrow = coro.__await__(), agen.asend(None), agen.athrow(ValueError)


# Types no module names: iterators, views, descriptors' companions; and sys's info records.
EXPRESSIONS = [
    "type({}.keys())", "type({}.values())", "type({}.items())", "type(iter({}))",
    "type(iter({}.values()))", "type(iter({}.items()))", "type(reversed({}))",
    "type(reversed({}.values()))", "type(reversed({}.items()))", "type(iter([]))",
    "type(reversed([]))", "type(iter(()))", "type(iter(set()))", "type(iter(range(0)))",
    "type(iter(range(2**64)))", "type(iter(''))", "type(iter('\\xe9'))", "type(iter(b''))",
    "type(iter(bytearray()))", "type(iter(lambda:0,1))", "type(iter(C()))",
    "type(iter(memoryview(b'')))", "type(coro_wrapper)", "type(asend)", "type(athrow)",
    "sys.flags", "sys.float_info", "sys.hash_info", "sys.int_info", "sys.thread_info",
    "sys.version_info",
]


def load_gaps():
    gaps = {}  # (kind, target) -> {name: reason}
    with open("dir_gaps.txt", encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            parts = line.split(None, 3)
            if len(parts) < 4 or parts[0] not in ("missing", "extra"):
                raise SystemExit(f"dir_gaps.txt:{number}: want 'missing|extra TARGET NAME reason'")
            kind, target, name, reason = parts
            entries = gaps.setdefault((kind, target), {})
            if name in entries:
                raise SystemExit(f"dir_gaps.txt:{number}: {target} {name} listed twice")
            entries[name] = reason
    return gaps


GAPS = load_gaps()
seen_targets = set()
compared = 0


def compare(target, obj, drop=()):
    """Prints target's names, less the known differences, and checks those differences."""
    global compared
    seen_targets.add(target)
    names = set(dir(obj)) - set(drop)
    missing = GAPS.get(("missing", target), {})
    extra = GAPS.get(("extra", target), {})
    for name in sorted(missing):
        if IS_CPYTHON and name not in names:
            raise SystemExit(f"dir_gaps.txt: CPython has no {target}.{name}: not a gap")
        if not IS_CPYTHON and name in names:
            print(f"gap filled: {target} {name}")
    for name in sorted(extra):
        if IS_CPYTHON and name in names:
            raise SystemExit(f"dir_gaps.txt: CPython has {target}.{name}: not an extra")
        if not IS_CPYTHON and name not in names:
            print(f"extra gone: {target} {name}")
    listed = sorted(names - set(missing) - set(extra))
    compared += len(listed)
    print(f"== {target}: {len(listed)}")
    for name in listed:
        print(f"{target} {name}")


def known_difference(module, name):
    return name in GAPS.get(("missing", module), {}) or name in GAPS.get(("extra", module), {})


for module_name in MODULES:
    module = __import__(module_name)
    compare(module_name, module, drop=("__file__",))
    for name in sorted(dir(module)):
        value = getattr(module, name)
        if not isinstance(value, type) or known_difference(module_name, name):
            continue  # a type only one side has cannot be compared member by member
        if module_name != "builtins" and getattr(builtins, name, None) is value:
            continue  # e.g. posix.error is OSError: compared as builtins.OSError
        if module_name == "builtins" and name == "__loader__":
            continue  # CPython's is importlib's BuiltinImporter, a Python class
        compare(f"{module_name}.{name}", value)

for name in sorted(dir(types)):
    value = getattr(types, name)
    if isinstance(value, type) and not known_difference("types", name):
        compare(f"types.{name}", value)

for expression in EXPRESSIONS:
    compare(expression, eval(expression))

for kind, target in sorted(GAPS):
    if target not in seen_targets:
        print(f"dir_gaps.txt names a target never compared: {kind} {target}")

coro.close()
asend.close()
athrow.close()
print(f"{len(seen_targets)} targets, {compared} names compared")
