# A joined thread has finished for good: _thread._count() no longer counts it the moment join()
# returns (CPython drops the count before it releases the thread's sentinel lock, which join()
# waits on). test.support's threading_cleanup relies on it; without a GIL the joiner wakes at once,
# so a count dropped after the wake-up would show up here.
import _thread
import threading

before = _thread._count()
late = 0
for round in range(40):
    ts = [threading.Thread(target=sum, args=(range(200),)) for _ in range(4)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    if _thread._count() != before:
        late += 1
print("count after join as before, every round:", late == 0)
print("is_alive after join:", any(t.is_alive() for t in ts))

# The sentinel itself (a bare _thread thread: threading's threads have theirs already): a fresh
# lock; the thread acquires it (as threading does) and the runtime releases it once the thread has
# finished.
got = []
ready = threading.Event()


def body():
    lock = _thread._set_sentinel()
    got.append(lock.locked())
    lock.acquire()
    got.append(lock)
    ready.set()


_thread.start_new_thread(body, ())
ready.wait()
print("fresh sentinel locked:", got[0])
print("released when the thread ends:", got[1].acquire(timeout=30))
try:
    _thread._set_sentinel(1)
except TypeError as e:
    print("TypeError:", e)

# What the thread state held (here its contextvars context) is released before join() returns,
# by the thread itself, as CPython's PyThreadState_Clear.
import contextvars

var = contextvars.ContextVar("var")
freed = []


class Tracked:
    def __del__(self):
        freed.append("freed")


def sets_var():
    var.set(Tracked())


t = threading.Thread(target=sets_var, name="setter")
t.start()
t.join()
print("context value released by the thread before join returned:", freed)
