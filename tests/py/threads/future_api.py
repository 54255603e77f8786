from concurrent.futures import Future, CancelledError, InvalidStateError, TimeoutError
import concurrent.futures as cf
import threading
f = Future()
print(f.done(), f.running(), f.cancelled())
calls = []
f.add_done_callback(lambda fut: calls.append(("cb1", fut.result())))
print(f.set_running_or_notify_cancel(), f.running(), f.cancel())
f.set_result(42)
print(f.done(), f.result(), f.exception(), calls)
f.add_done_callback(lambda fut: calls.append(("late", fut.result())))
print(calls)
try:
    f.set_result(1)
except InvalidStateError as e:
    print("InvalidStateError", str(e).startswith("FINISHED: <Future at"))
print(repr(f).endswith("state=finished returned int>"))

g = Future()
g.set_exception(ZeroDivisionError("nope"))
print(type(g.exception()).__name__, repr(g).endswith("state=finished raised ZeroDivisionError>"))
try:
    g.result()
except ZeroDivisionError as e:
    print("re-raised", e)

h = Future()
print(repr(h).endswith("state=pending>"))
print(h.cancel(), h.cancelled(), h.done(), h.cancel())
try:
    h.result()
except CancelledError:
    print("CancelledError from result")
try:
    h.exception()
except CancelledError:
    print("CancelledError from exception")
print(h.set_running_or_notify_cancel())

w = Future()
try:
    w.result(timeout=0.01)
except TimeoutError:
    print("TimeoutError", TimeoutError is cf.TimeoutError, TimeoutError is __builtins__.TimeoutError if hasattr(__builtins__, "TimeoutError") else True)
try:
    w.exception(timeout=0)
except TimeoutError:
    print("TimeoutError from exception")

def later():
    w.set_running_or_notify_cancel()
    w.set_result("late value")
t = threading.Thread(target=later)
t.start()
print(w.result(timeout=10))
t.join()

bad = Future()
bad.add_done_callback(lambda fut: 1 / 0)
bad.add_done_callback(lambda fut: calls.append("second callback still runs"))
import sys
class Capture:
    def __init__(self):
        self.parts = []
    def write(self, s):
        self.parts.append(s)
        return len(s)
    def flush(self):
        pass
    def getvalue(self):
        return "".join(self.parts)
saved = sys.stderr
sys.stderr = Capture()
bad.set_result(None)
logged = sys.stderr.getvalue()
sys.stderr = saved
print(calls[-1], "exception calling callback for" in logged, "ZeroDivisionError" in logged)
print(issubclass(cf.CancelledError, cf._base.Error), issubclass(cf.BrokenExecutor, RuntimeError))
print(cf.FIRST_COMPLETED, cf.FIRST_EXCEPTION, cf.ALL_COMPLETED)
