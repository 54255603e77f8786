# Errors nobody can catch (__del__, gc callbacks) go to sys.unraisablehook; the default hook
# prints "Exception ignored in: <repr>" and the traceback to stderr, as CPython does.
import sys, gc
class Bad:
    def __del__(self):
        raise ValueError("boom")
class R:
    def __repr__(self): return "<R>"
    def __call__(self, phase, info):
        raise KeyError(phase)
seen = []
sys.unraisablehook = lambda u: seen.append((u.exc_type.__name__, str(u.exc_value), u.err_msg, type(u.object).__name__))
b = Bad(); del b
gc.callbacks.append(R()); gc.collect(); gc.callbacks.clear()
print(seen)
print(sys.__unraisablehook__ is not sys.unraisablehook)
sys.unraisablehook = sys.__unraisablehook__
gc.callbacks.append(R()); gc.collect(); gc.callbacks.clear()
