# Details of the thread API as CPython has them: locks take weak references;
# _thread.interrupt_main checks its signal number and only simulates signals Python handles;
# the pre-PEP 8 aliases warn with DeprecationWarning.
import _thread
import signal
import threading
import warnings
import weakref

for factory in (threading.Lock, threading.RLock, _thread.allocate_lock):
    lock = factory()
    ref = weakref.ref(lock)
    print(type(lock).__name__, ref() is lock)
    del lock
    print(ref())

for bad in (-1, signal.NSIG, 10**6, 2**40, 10**30):
    try:
        _thread.interrupt_main(bad)
    except (ValueError, OverflowError) as e:
        print(type(e).__name__, e)

got = []
old = signal.signal(signal.SIGUSR1, lambda signum, frame: got.append(signum))
_thread.interrupt_main(signal.SIGUSR1)
for _ in range(10):
    pass
print(got == [signal.SIGUSR1])
signal.signal(signal.SIGUSR1, signal.SIG_IGN)
_thread.interrupt_main(signal.SIGUSR1)  # ignored: nothing happens
signal.signal(signal.SIGUSR1, old)
try:
    _thread.interrupt_main()
    for _ in range(10):
        pass
except KeyboardInterrupt:
    print("KeyboardInterrupt")

t = threading.Thread(target=lambda: None, name="w")
cond = threading.Condition()
event = threading.Event()
with warnings.catch_warnings(record=True) as w:
    warnings.simplefilter("always")
    t.setName("v")
    print(t.getName(), t.isDaemon())
    t.setDaemon(True)
    threading.currentThread()
    threading.activeCount()
    event.isSet()
    with cond:
        cond.notifyAll()
for r in w:
    print(r.category.__name__, r.message)
