# -X no_debug_ranges and PYTHONNODEBUGRANGES: co_positions() keeps only lines, tracebacks (the
# interpreter's and the traceback module's) lose the ^~~ markers; _testinternalcapi.get_config()
# reports it (test.support.has_no_debug_ranges reads it), and get_recursion_depth() counts frames
# as sys.setrecursionlimit's check does.
import os
import subprocess
import sys
import tempfile

import _testinternalcapi

SOURCE = """\
def f():
    return 1 + 2
print({(l == e, c is None, ec is None) for l, e, c, ec in f.__code__.co_positions() if l})
import _testinternalcapi
print(_testinternalcapi.get_config()["code_debug_ranges"])
import traceback
try:
    x = [1][1 - 1 + 5]
except IndexError:
    traceback.print_exc()
x = 1
y = x / 0
"""


def run(*args, env=None):
    # A file, not -c: tracebacks show source lines (and their markers) only for files.
    with tempfile.TemporaryDirectory() as d:
        path = os.path.join(d, "t.py")
        with open(path, "w") as f:
            f.write(SOURCE)
        p = subprocess.run([sys.executable, *args, path], capture_output=True, text=True, env=env)
    print(p.returncode, p.stdout, p.stderr.replace(path, "t.py"), sep="\n", end="--\n")


run()
run("-X", "no_debug_ranges")
run(env=dict(os.environ, PYTHONNODEBUGRANGES="1"))
run("-E", env=dict(os.environ, PYTHONNODEBUGRANGES="1"))

config = _testinternalcapi.get_config()
print(config["argv"] == sys.argv, config["orig_argv"] == sys.orig_argv)
print(config["executable"] == sys.executable, config["xoptions"] == [
    k if v is True else f"{k}={v}" for k, v in sys._xoptions.items()])
print(config["use_environment"] == (not sys.flags.ignore_environment), config["isolated"],
      config["site_import"])

base = _testinternalcapi.get_recursion_depth()


def down(n):
    return _testinternalcapi.get_recursion_depth() if n == 0 else down(n - 1)


print(down(0) - base, down(10) - base)


def limit_at(n):
    if n:
        return limit_at(n - 1)
    depth = _testinternalcapi.get_recursion_depth()
    old = sys.getrecursionlimit()
    results = []
    for limit in (depth, depth + 1, depth + 2):
        try:
            sys.setrecursionlimit(limit)
            sys.setrecursionlimit(old)
            results.append((limit - depth, "accepted"))
        except RecursionError:
            results.append((limit - depth, "refused"))
    print(results)


limit_at(20)
