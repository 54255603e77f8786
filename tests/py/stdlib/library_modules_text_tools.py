# CPython's pure-Python modules on minipy (issue 8's list): functools, string, contextlib,
# argparse, textwrap, base64, glob, fnmatch, uuid, timeit and secrets, each used as a program
# would use it. Output is deterministic (temporary directories, fixed seeds and inputs).
import argparse
import base64
import contextlib
import fnmatch
import functools
import glob
import io
import os
import secrets
import string
import tempfile
import textwrap
import timeit
import uuid

# functools: caches, partials, reduce, ordering, single dispatch, wraps.
@functools.lru_cache(maxsize=32)
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)

print("fib", fib(60), fib.cache_info())
print("partial", functools.partial(int, base=2)("101101"))
print("reduce", functools.reduce(lambda a, b: a * b, range(1, 11)))


@functools.total_ordering
class Version:
    def __init__(self, *parts):
        self.parts = parts

    def __eq__(self, other):
        return self.parts == other.parts

    def __lt__(self, other):
        return self.parts < other.parts

    def __repr__(self):
        return "v" + ".".join(map(str, self.parts))


print("total_ordering", sorted([Version(1, 2), Version(1, 0, 5), Version(0, 9)]), Version(2) >= Version(1, 9))


@functools.singledispatch
def describe(x):
    return "thing"


@describe.register
def _(x: int):
    return "int %d" % x


@describe.register(list)
def _(x):
    return "list of %d" % len(x)


print("singledispatch", describe(3), describe([1, 2]), describe("s"))


def logged(f):
    @functools.wraps(f)
    def inner(*a):
        return f(*a)
    return inner


@logged
def area(w, h):
    """Area of a rectangle."""
    return w * h


print("wraps", area.__name__, area.__doc__, area.__wrapped__(2, 3))
print("cached_property", type(functools.cached_property(lambda self: 1)).__name__)

# string: templates, formatter, constants.
t = string.Template("$who likes ${what}; $$5")
print("template", t.substitute(who="tim", what="kung pao"), t.safe_substitute(who="x"))
print("formatter", string.Formatter().format("{0:>6}|{name:^7}|{1:.3f}", "ab", 3.14159, name="mid"))
print("constants", string.ascii_lowercase[:5], string.digits, len(string.punctuation))
print("capwords", string.capwords("the quick  brown fox"))

# contextlib: contextmanager, suppress, redirect_stdout, ExitStack, closing, nullcontext.
events = []


@contextlib.contextmanager
def tag(name):
    events.append("<" + name)
    try:
        yield name.upper()
    finally:
        events.append(name + ">")


with tag("a") as up, tag("b"):
    events.append(up)
print("contextmanager", events)
with contextlib.suppress(KeyError):
    {}["missing"]
buf = io.StringIO()
with contextlib.redirect_stdout(buf):
    print("captured line")
print("redirect_stdout", repr(buf.getvalue()))
with contextlib.ExitStack() as stack:
    names = [stack.enter_context(tag(n)) for n in "xyz"]
    stack.callback(events.append, "callback")
print("ExitStack", names, events[-4:])
with contextlib.nullcontext(5) as five:
    print("nullcontext", five)

# argparse: a command line with subcommands, types, choices, defaults and errors.
parser = argparse.ArgumentParser(prog="tool", description="demo")
parser.add_argument("-v", "--verbose", action="count", default=0)
parser.add_argument("--size", type=int, choices=[1, 2, 4], default=2)
sub = parser.add_subparsers(dest="cmd", required=True)
run = sub.add_parser("run")
run.add_argument("files", nargs="+")
run.add_argument("--jobs", "-j", type=int, default=1)
ns = parser.parse_args(["-vv", "--size", "4", "run", "a.py", "b.py", "-j", "3"])
print("argparse", ns.verbose, ns.size, ns.cmd, ns.files, ns.jobs)
err = io.StringIO()
with contextlib.redirect_stderr(err):
    try:
        parser.parse_args(["--size", "3", "run", "x"])
    except SystemExit as e:
        print("argparse exit", e.code)
print("argparse error", err.getvalue().strip().splitlines()[-1])
print("argparse usage", run.format_usage().strip())

# textwrap.
text = "The global interpreter lock lets one thread at a time run Python bytecode in a process."
print(textwrap.fill(text, width=30))
print(textwrap.shorten(text, width=40, placeholder=" [...]"))
print(repr(textwrap.dedent("    a\n      b\n    c\n")))
print(textwrap.indent("x\ny\n", "> "), end="")

# base64.
data = bytes(range(0, 256, 7))
for enc, dec in [(base64.b64encode, base64.b64decode), (base64.urlsafe_b64encode, base64.urlsafe_b64decode),
                 (base64.b32encode, base64.b32decode), (base64.b16encode, base64.b16decode),
                 (base64.a85encode, base64.a85decode), (base64.b85encode, base64.b85decode)]:
    e = enc(data)
    print("base64", enc.__name__, e[:24], dec(e) == data)
try:
    base64.b64decode(b"abc", validate=True)
except Exception as e:
    print("base64 error", type(e).__name__, e)

# glob and fnmatch over a temporary tree.
with tempfile.TemporaryDirectory() as root:
    for rel in ["a.py", "b.txt", "pkg/c.py", "pkg/sub/d.py", "pkg/.hidden.py", "e[1].py"]:
        path = os.path.join(root, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        open(path, "w").close()
    rel = lambda paths: sorted(os.path.relpath(p, root) for p in paths)
    print("glob *.py", rel(glob.glob(os.path.join(root, "*.py"))))
    print("glob **", rel(glob.glob(os.path.join(root, "**", "*.py"), recursive=True)))
    print("glob escape", rel(glob.glob(os.path.join(root, glob.escape("e[1].py")))))
    print("glob root_dir", sorted(glob.glob("pkg/*", root_dir=root)))
names = ["main.py", "Main.PY", "test_x.py", "x.pyc", "data.csv"]
print("fnmatch", fnmatch.filter(names, "*.py"), fnmatch.fnmatchcase("Main.PY", "*.py"),
      fnmatch.fnmatch("test_x.py", "test_[a-z].py"), fnmatch.translate("*.py[co]"))

# uuid: the deterministic kinds, parsing and fields; uuid4's shape.
ns_uuid = uuid.uuid5(uuid.NAMESPACE_DNS, "python.org")
print("uuid5", ns_uuid, ns_uuid.version, uuid.uuid3(uuid.NAMESPACE_URL, "http://x/"))
u = uuid.UUID("{12345678-1234-5678-1234-567812345678}")
print("uuid fields", u.hex, u.int, u.urn, u.variant, u.time_low, bytes(u.bytes_le[:4]))
r = uuid.uuid4()
print("uuid4", r.version, r.variant == uuid.RFC_4122, len(str(r)), r != uuid.uuid4())
try:
    uuid.UUID("not-a-uuid")
except ValueError as e:
    print("uuid error", e)

# timeit: the timer runs the statement the number of times asked (counted, not timed).
counter = []
t = timeit.Timer("counter.append(1)", globals={"counter": counter})
elapsed = t.timeit(number=1000)
print("timeit", len(counter), elapsed >= 0.0, type(elapsed).__name__)
reps = timeit.repeat("x = 2 + 2", repeat=3, number=100)
print("timeit repeat", len(reps), all(v >= 0 for v in reps))
n, total = timeit.Timer("pass").autorange()
print("timeit autorange", n >= 1, total >= 0.0)

# secrets: sizes and ranges (the values are random).
print("secrets", len(secrets.token_bytes(16)), len(secrets.token_hex(8)), len(secrets.token_urlsafe(12)) >= 12,
      0 <= secrets.randbelow(10) < 10, secrets.choice("abc") in "abc", secrets.compare_digest(b"ab", b"ab"),
      secrets.randbits(7) < 128)
