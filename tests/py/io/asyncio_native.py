# The C accelerator _asyncio (native on minipy): running-loop functions, the task registries,
# Future, Task and FutureIter, with CPython's semantics and messages. asyncio uses them when the
# module imports; the expected output is CPython 3.11's.
import asyncio  # first: `import _asyncio` first gives CPython two _all_tasks sets
import _asyncio
import gc
import re
import weakref
from asyncio import futures, tasks


def show(label, f, *args, **kw):
    try:
        r = f(*args, **kw)
    except BaseException as e:
        msg = re.sub(r"0x[0-9a-f]+", "0x?", str(e))
        msg = re.sub(r" (running )?at [^ >]*:\d+", "", msg)  # no file paths in the output
        print(label, "->", type(e).__name__, msg)
    else:
        print(label, "->", re.sub(r"0x[0-9a-f]+", "0x?", repr(r)))


print("classes", asyncio.Future is _asyncio.Future, asyncio.Task is _asyncio.Task,
      futures._CFuture is _asyncio.Future, tasks._CTask is _asyncio.Task)
print("names", _asyncio.Future.__name__, _asyncio.Future.__module__, _asyncio.Task.__mro__[1])
print("registries", type(_asyncio._all_tasks).__name__, type(_asyncio._current_tasks).__name__,
      tasks._all_tasks is _asyncio._all_tasks, tasks._current_tasks is _asyncio._current_tasks)
for name in ("get_running_loop", "_get_running_loop", "_set_running_loop", "get_event_loop",
             "_register_task", "_enter_task", "_leave_task"):
    print("sig", name, getattr(_asyncio, name).__text_signature__)
print("sig Future.add_done_callback", _asyncio.Future.add_done_callback.__text_signature__)
print("sig Task.cancel", _asyncio.Task.cancel.__text_signature__)

# ---------------------------------------------------------------- running loop
show("get_running_loop outside", _asyncio.get_running_loop)
show("_get_running_loop outside", _asyncio._get_running_loop)
show("_set_running_loop no args", _asyncio._set_running_loop)
loop = asyncio.new_event_loop()
_asyncio._set_running_loop(loop)
print("running is loop", _asyncio.get_running_loop() is loop, asyncio.get_event_loop() is loop)
_asyncio._set_running_loop(None)
show("after reset", _asyncio._get_running_loop)


async def running():
    return _asyncio.get_running_loop() is loop and asyncio.get_running_loop() is loop


print("inside run_until_complete", loop.run_until_complete(running()))

# ---------------------------------------------------------------- Future
f = _asyncio.Future(loop=loop)
print("new", repr(f), f.done(), f.cancelled(), f._state, f._loop is loop, f.get_loop() is loop)
show("positional", _asyncio.Future, 42)
show("result pending", f.result)
show("exception pending", f.exception)
show("set_exception StopIteration", f.set_exception, StopIteration)
show("set_exception 1", f.set_exception, 1)
f.set_result(42)
print("finished", repr(f), f.result(), f.exception(), f._result, f._state)
show("set_result twice", f.set_result, 1)
show("cancel finished", f.cancel)

f = _asyncio.Future(loop=loop)
f.set_exception(ValueError)
print("exception class ->", type(f.exception()).__name__, f._log_traceback)
show("result raises", f.result)
print("log_traceback after", f._log_traceback)
show("set _log_traceback True", setattr, f, "_log_traceback", True)
show("del _log_traceback", delattr, f, "_log_traceback")

f = _asyncio.Future(loop=loop)
print("cancel", f.cancel("stop"), f.cancel(), f.cancelled(), f._cancel_message)
show("result cancelled", f.result)
show("exception cancelled", f.exception)
f._cancel_message = "changed"
print("cancel message", f._cancel_message)

# uninitialized futures (Future.__new__ without __init__)
u = _asyncio.Future.__new__(_asyncio.Future, loop=loop)
show("uninit result", u.result)
show("uninit set_result", u.set_result, 1)
show("uninit add_done_callback", u.add_done_callback, print)
show("uninit repr", repr, u)
show("uninit _loop", getattr, u, "_loop")
show("uninit _callbacks", getattr, u, "_callbacks")
print("uninit done/cancelled", u.done(), u.cancelled())

# callbacks: order, contexts, removal
events = []
f = _asyncio.Future(loop=loop)
cb1 = lambda fut: events.append(("cb1", fut.result()))
cb2 = lambda fut: events.append(("cb2", fut.result()))
f.add_done_callback(cb1)
f.add_done_callback(cb2)
f.add_done_callback(cb1)
print("callbacks", len(f._callbacks), [type(c).__name__ for c in f._callbacks[0]])
print("removed", f.remove_done_callback(cb1), len(f._callbacks))
print("removed none", f.remove_done_callback(print))
f.set_result("x")
print("before loop", events)
loop.run_until_complete(asyncio.sleep(0))
print("after loop", events)
f.add_done_callback(lambda fut: events.append("late"))
loop.run_until_complete(asyncio.sleep(0))
print("late", events[-1])

# await / yield from
f = _asyncio.Future(loop=loop)
it = iter(f)
print("iter types", type(it).__name__, type(f.__await__()).__name__, iter(it) is it)
print("first next is future", next(it) is f, f._asyncio_future_blocking)
show("second next", next, it)
f.set_result(7)
f._asyncio_future_blocking = False
try:
    next(it)
except StopIteration as e:
    print("StopIteration value", e.value)
show("exhausted", next, it)
g = _asyncio.Future(loop=loop).__await__()
show("throw", g.throw, KeyError, KeyError("k"))
show("after throw", next, g)
print("close", _asyncio.Future(loop=loop).__await__().close())

# subclasses keep a __dict__ and are weakly referenceable
class MyFuture(_asyncio.Future):
    pass


m = MyFuture(loop=loop)
m.extra = 1
r = weakref.ref(m)
print("subclass", repr(m), m.extra, r() is m, type(_asyncio.Future[int]).__name__)
del m
gc.collect()
print("subclass freed", r() is None)

# an exception nobody retrieves is reported through the loop's exception handler
reports = []
loop.set_exception_handler(lambda lp, ctx: reports.append((ctx["message"], type(ctx.get("exception")).__name__)))
f = _asyncio.Future(loop=loop)
f.set_exception(RuntimeError("lost"))
del f
gc.collect()
print("never retrieved", reports)

# a cycle through a future's callbacks is collected
f = _asyncio.Future(loop=loop)
f.add_done_callback(lambda fut, f=f: None)
wr = weakref.ref(f)
del f
gc.collect()
print("cycle collected", wr() is None)

# ---------------------------------------------------------------- Task


async def double(x):
    await asyncio.sleep(0)
    return x * 2


t = _asyncio.Task(double(21), loop=loop, name=123)
print("task name", t.get_name(), type(t.get_name()).__name__, t in asyncio.all_tasks(loop))
print("task result", loop.run_until_complete(t), t.done(), repr(t).startswith("<Task finished"))
t.set_name("renamed")
print("renamed", t.get_name(), t.get_coro().__name__)
show("task set_result", t.set_result, 1)
show("task set_exception", t.set_exception, ValueError)
show("task needs a coroutine", _asyncio.Task, 123, loop=loop)


async def sleeper():
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError:
        print("  coroutine saw CancelledError")
        raise


t = loop.create_task(sleeper())
loop.run_until_complete(asyncio.sleep(0))
print("cancel", t.cancel("why"), t.cancel(), t.cancelling(), t.uncancel(), t.cancelling())
try:
    loop.run_until_complete(t)
except asyncio.CancelledError as e:
    print("cancelled", t.cancelled(), e.args)


async def ignore_cancel():
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError:
        return "ignored"


t = loop.create_task(ignore_cancel())
loop.run_until_complete(asyncio.sleep(0))
t.cancel()
print("ignored cancel", loop.run_until_complete(t), t.cancelled())


async def fails():
    await asyncio.sleep(0)
    raise KeyError("boom")


t = loop.create_task(fails())
show("task exception", loop.run_until_complete, t)
print("task exception()", repr(t.exception()))


async def context_chain():
    try:
        raise IndexError(1)
    except IndexError:
        try:
            await loop.create_task(fails())
        except KeyError as e:
            return type(e.__context__).__name__


print("chained to", loop.run_until_complete(context_chain()))

# what a coroutine must not yield
loop.set_exception_handler(None)


class BadYield:
    def __await__(self):
        yield 42


async def bad_yield():
    await BadYield()


show("bad yield", loop.run_until_complete, loop.create_task(bad_yield()))


class NotBlocking:
    def __await__(self):
        f = loop.create_future()
        yield f


async def yield_future():
    await NotBlocking()


show("yield instead of yield from", loop.run_until_complete, loop.create_task(yield_future()))

other = asyncio.new_event_loop()


async def other_loop_future():
    await other.create_future()


show("different loop", loop.run_until_complete, loop.create_task(other_loop_future()))
other.close()

# duck-typed futures: _asyncio_future_blocking and add_done_callback(context=)
class Duck:
    _asyncio_future_blocking = False

    def __init__(self):
        self.callbacks = []
        self.done_ = False

    def get_loop(self):
        return loop

    def add_done_callback(self, fn, *, context=None):
        self.callbacks.append((fn, context))

    def result(self):
        return "duck"

    def __await__(self):
        self._asyncio_future_blocking = True
        yield self
        return "duck result"


async def await_duck(d):
    return await d


d = Duck()
t = loop.create_task(await_duck(d))
loop.run_until_complete(asyncio.sleep(0))
print("duck", len(d.callbacks), d._asyncio_future_blocking, t._fut_waiter is d,
      type(d.callbacks[0][1]).__name__)
d.callbacks[0][0](d)
print("duck done", loop.run_until_complete(t))

# registries
show("_enter_task twice", lambda: (_asyncio._enter_task(loop, "a"), _asyncio._enter_task(loop, "b")))
show("_leave_task other", _asyncio._leave_task, loop, "b")
_asyncio._leave_task(loop, "a")
show("_leave_task none", _asyncio._leave_task, loop, "a")
show("_register_task kw", _asyncio._register_task, task=t)
show("_enter_task missing", _asyncio._enter_task, loop)

# a pending task that is dropped is reported
reports = []
loop.set_exception_handler(lambda lp, ctx: reports.append(ctx["message"]))


async def forever():
    await loop.create_future()


t = loop.create_task(forever())
loop.run_until_complete(asyncio.sleep(0))
del t
gc.collect()
print("destroyed pending", reports)

# TaskStepMethWrapper: the callback a task schedules itself with
t = _asyncio.Task(double(1), loop=loop)
handle = loop._ready[-1]
print("step wrapper", type(handle._callback).__name__, handle._callback.__self__ is t)
show("step args", handle._callback, 1)
show("step kwargs", handle._callback, x=1)
print("step ran", loop.run_until_complete(t))

# asyncio.gather / wait over native tasks
async def main():
    results = await asyncio.gather(*(double(i) for i in range(5)))
    done, pending = await asyncio.wait([asyncio.ensure_future(double(i)) for i in range(3)])
    return results, sorted(f.result() for f in done), len(pending)


print("gather", loop.run_until_complete(main()))
loop.close()
