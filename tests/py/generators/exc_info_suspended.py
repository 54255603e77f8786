# A generator suspended inside an except block keeps the exception it handles to itself (CPython's
# gi_exc_state): the caller's sys.exc_info() does not see it, the generator sees it again when it
# resumes (from any caller, at any depth of the caller's own handlers), and an exception thrown in
# is chained to it even when it already has a __context__.
import sys
import threading


def show(label):
    print(label, repr(sys.exc_info()[1]))


def g():
    try:
        raise KeyError(1)
    except KeyError:
        show("  generator before yield:")
        yield 1
        show("  generator after resume:")
        yield 2
        show("  generator last:")
    show("  generator after the block:")
    yield 3


it = g()
next(it)
show("caller after first yield:")
try:
    raise ValueError("caller's")
except ValueError:
    next(it)  # resumed under a handler of the caller's: its own exception is on top
    show("caller in its handler:")
show("caller after its handler:")
next(it)
show("caller after third yield:")

# resumed from another thread
it = g()
next(it)
t = threading.Thread(target=lambda: (next(it), show("thread after resume:")))
t.start()
t.join()
show("main after thread:")

# throw() chains to the generator's handled exception, replacing a context the thrown one has
def h():
    try:
        raise KeyError("in generator")
    except KeyError:
        yield


try:
    raise IndexError("old")
except IndexError as e:
    thrown = e
print("before throw:", repr(thrown.__context__))
x = h()
next(x)
try:
    x.throw(thrown)
except IndexError as e:
    print("thrown context:", repr(e.__context__))

# a generator not handling anything leaves a thrown exception's context alone
def plain():
    yield


y = plain()
next(y)
try:
    raise ValueError("v")
except ValueError as e:
    v = e
v.__context__ = TypeError("kept")
try:
    y.throw(v)
except ValueError as e:
    print("plain context:", repr(e.__context__))

# coroutines: an await inside an except block
class Suspend:
    def __await__(self):
        yield "suspended"


async def coro():
    try:
        raise OSError("coroutine's")
    except OSError:
        await Suspend()
        show("  coroutine after resume:")


c = coro()
print("coroutine yields", c.send(None))
show("caller while coroutine suspended:")
try:
    c.send(None)
except StopIteration:
    print("coroutine done")
