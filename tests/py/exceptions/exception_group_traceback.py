# An uncaught exception group: CPython's boxed traceback, notes, nesting and chaining.
def f():
    raise ValueError(1)


try:
    f()
except ValueError as e:
    e.add_note("a note\nwith two lines")
    eg = ExceptionGroup("outer", [e, TypeError(2), ExceptionGroup("inner", [KeyError("k")])])
    eg.add_note("group note")
    raise eg
