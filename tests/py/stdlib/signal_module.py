# _signal under CPython's signal.py: the enums, valid_signals, set_wakeup_fd (the byte an event
# loop wakes up on), pthread_sigmask/sigpending, siginterrupt, interval timers, argument errors.
import os
import signal
import threading
import time

print(repr(signal.Signals.SIGINT), repr(signal.Handlers.SIG_DFL), repr(signal.Sigmasks.SIG_BLOCK))
print(signal.getsignal(signal.SIGINT) is signal.default_int_handler)
valid = signal.valid_signals()
print(type(valid).__name__, signal.SIGINT in valid, signal.SIGKILL in valid, 0 in valid)
print(signal.SIGRTMIN < signal.SIGRTMAX, signal.NSIG > signal.SIGRTMAX)

# set_wakeup_fd: the signal number is written to the descriptor as one byte.
r, w = os.pipe()
try:
    signal.set_wakeup_fd(w)
except ValueError as e:
    print("blocking fd:", e.args[0].replace(str(w), "N"))
os.set_blocking(w, False)
print("old fd", signal.set_wakeup_fd(w))
got = []
old = signal.signal(signal.SIGUSR1, lambda signum, frame: got.append(signum))
print("old handler", old)
signal.raise_signal(signal.SIGUSR1)
print("handler ran", got, "wakeup byte", list(os.read(r, 16)))
print("previous", signal.set_wakeup_fd(-1) == w)
try:
    signal.set_wakeup_fd(-1, warn_on_full_buffer=False, extra=1)
except TypeError as e:
    print("TypeError")
bad = os.open("/dev/null", os.O_RDONLY)
os.close(bad)
try:
    signal.set_wakeup_fd(bad)
except OSError as e:
    print("closed fd:", type(e).__name__, e.errno)


def in_thread():
    try:
        signal.set_wakeup_fd(w)
    except ValueError as e:
        print("thread:", e)


t = threading.Thread(target=in_thread)
t.start()
t.join()

# Masks: a blocked signal stays pending until unblocked, then its handler runs.
before = signal.pthread_sigmask(signal.SIG_BLOCK, [signal.SIGUSR1])
print("mask before", sorted(before))
os.kill(os.getpid(), signal.SIGUSR1)
print("pending", sorted(signal.sigpending()), got)
signal.pthread_sigmask(signal.SIG_UNBLOCK, [signal.SIGUSR1])
print("after unblock", got)
try:
    signal.pthread_sigmask(signal.SIG_BLOCK, [0])
except ValueError as e:
    print("ValueError:", e)
signal.pthread_kill(threading.get_ident(), signal.SIGUSR1)
print("pthread_kill", got)
signal.siginterrupt(signal.SIGUSR1, False)
signal.siginterrupt(signal.SIGUSR1, True)
signal.signal(signal.SIGUSR1, signal.SIG_DFL)

# Interval timers: SIGALRM after 50 ms.
fired = []
signal.signal(signal.SIGALRM, lambda s, f: fired.append(s))
print("setitimer", signal.setitimer(signal.ITIMER_REAL, 0.05))
delay, interval = signal.getitimer(signal.ITIMER_REAL)
print("getitimer", 0 < delay <= 0.05, interval)
deadline = time.monotonic() + 5
while not fired and time.monotonic() < deadline:
    time.sleep(0.01)
print("alarm", fired)
print(signal.ItimerError.__mro__[1].__name__, signal.ItimerError.__module__)
try:
    signal.setitimer(-1, 1.0)
except signal.ItimerError as e:
    print("ItimerError", e.errno)
signal.signal(signal.SIGALRM, signal.SIG_DFL)
