# $PYTHONBREAKPOINT, read by sys.breakpointhook at each call (the parent runs under -E, which
# ignores it; the children do not); sys.orig_argv.
import os
import subprocess
import sys


def child(code, hook=None):
    env = dict(os.environ)
    env.pop("PYTHONBREAKPOINT", None)
    if hook is not None:
        env["PYTHONBREAKPOINT"] = hook
    r = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    print(f"{hook!r}: exit {r.returncode} out {r.stdout!r} err {r.stderr!r}")


child("import sys; print(breakpoint(), sys.orig_argv[1:], sys.orig_argv[0] == sys.executable)", "0")
child("import sys; breakpoint('x', 'y', sep='-'); sys.breakpointhook('via sys')", "builtins.print")
child("breakpoint('no dot')", "print")
child("print(breakpoint()); print(breakpoint())", "nosuchmodule.hook")
child("import os; breakpoint(); os.environ['PYTHONBREAKPOINT'] = 'os.nosuchattr'; breakpoint()", ".leading")
