# breakpoint() and sys.breakpointhook (processes/breakpoint_env.py: $PYTHONBREAKPOINT); help (site's _Helper over pydoc);
# the small sys entries describing the interpreter's set-up.
import os
import sys

print(repr(help), type(help).__name__, type(help).__module__)


def documented(a, b=2):
    """Adds things."""
    return a + b


help(documented)

calls = []
sys.breakpointhook = lambda *args, **kws: calls.append((args, kws)) or "hook result"
print(breakpoint(), breakpoint(1, 2, key="v"), calls)
del sys.breakpointhook
try:
    breakpoint()
except RuntimeError as e:
    print("RuntimeError:", e)
sys.breakpointhook = sys.__breakpointhook__
print(sys.breakpointhook is sys.__breakpointhook__, callable(sys.__breakpointhook__))


# sys entries
print(sys.call_tracing(lambda *a: sum(a), (1, 2, 3)))
try:
    sys.call_tracing(print, [1])
except TypeError as e:
    print("TypeError:", e)
flags = sys.getdlopenflags()
sys.setdlopenflags(flags | os.RTLD_GLOBAL)
print(flags == os.RTLD_NOW, sys.getdlopenflags() == flags | os.RTLD_GLOBAL)
sys.setdlopenflags(flags)
print(sys._base_executable == sys.executable, sys._home, repr(sys._framework))
