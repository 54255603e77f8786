# atexit: callbacks run at exit last-registered-first with their arguments, after the script's
# own output; unregister() drops every registration of a function, also from inside a running
# callback; an exception (SystemExit too) in one is reported through sys.unraisablehook and the
# next still runs; _run_exitfuncs runs and clears; _clear; _ncallbacks; argument errors.
import atexit
import sys

base = atexit._ncallbacks()


def hook(u):
    print("unraisable:", u.err_msg, u.object.__name__, u.exc_type.__name__, u.exc_value)


sys.unraisablehook = hook


def a(*args, **kw):
    print("a", args, kw)


def b():
    raise ValueError("boom")


def c():
    print("c")
    atexit.unregister(a)


def d():
    raise SystemExit(3)


def late():
    print("late: registered during the exit run, never runs")


def registers_late():
    print("registers_late")
    atexit.register(late)


print(atexit.register(a, 1, x=2) is a)
atexit.register(b)
atexit.register(c)
atexit.register(a, 'first')
atexit.register(d)
atexit.register(registers_late)
print(atexit._ncallbacks() - base)

for bad in [lambda: atexit.register(), lambda: atexit.register(1), lambda: atexit.unregister(),
            lambda: atexit.unregister(1, 2), lambda: atexit._ncallbacks(1)]:
    try:
        bad()
    except TypeError as e:
        print("TypeError:", e)
print(atexit.register.__text_signature__, atexit.unregister.__text_signature__)


# _run_exitfuncs runs now and empties the list; _clear drops without running.
def once(tag):
    print("once", tag)


saved = atexit._ncallbacks()
atexit._clear()
atexit.register(once, "x")
atexit.register(once, "y")
atexit._run_exitfuncs()
print("after _run_exitfuncs:", atexit._ncallbacks())
atexit.register(once, "cleared")
atexit._clear()
print("after _clear:", atexit._ncallbacks())

# Register the script's real exit callbacks again (the _clear above dropped them).
atexit.register(a, 1, x=2)
atexit.register(b)
atexit.register(c)
atexit.register(a, 'first')
atexit.register(d)
atexit.register(registers_late)
print("end of script")
