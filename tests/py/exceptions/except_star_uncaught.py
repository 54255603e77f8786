# What except* leaves unhandled, uncaught: the new exception and the rest in one group.
def work():
    raise ExceptionGroup("jobs", [ValueError("bad value"), TypeError("bad type"), OSError("disk")])


try:
    work()
except* ValueError:
    raise RuntimeError("while handling")
except* TypeError:
    pass
