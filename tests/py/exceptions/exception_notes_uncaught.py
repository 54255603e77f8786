# PEP 678 notes under an ordinary uncaught exception, and a wide group (over 15 members).
try:
    raise ExceptionGroup("wide", [ValueError(i) for i in range(17)])
except ExceptionGroup as g:
    err = KeyError("k")
    err.add_note("note one")
    err.add_note("note two")
    raise err from g
