# time's clock_* functions and CLOCK_* ids; posix's integer constants (from the system headers).
import os
import threading
import time

print(sorted((n, getattr(time, n)) for n in dir(time) if n.startswith("CLOCK_")))
a = time.clock_gettime(time.CLOCK_MONOTONIC)
b = time.clock_gettime(time.CLOCK_MONOTONIC)
print(type(a).__name__, a <= b, type(time.clock_gettime_ns(time.CLOCK_MONOTONIC)).__name__)
print(abs(time.clock_gettime(time.CLOCK_REALTIME) - time.time()) < 1.0)
print(abs(time.clock_gettime_ns(time.CLOCK_REALTIME) - time.time_ns()) < 10**9)
print(0 < time.clock_getres(time.CLOCK_MONOTONIC) <= 1e-3, time.clock_getres(time.CLOCK_REALTIME) > 0)
print(time.clock_gettime(time.CLOCK_PROCESS_CPUTIME_ID) >= 0)
clock = time.pthread_getcpuclockid(threading.get_ident())
print(type(clock).__name__, time.clock_gettime(clock) >= 0)
for call in (
    lambda: time.clock_gettime(12345),
    lambda: time.clock_gettime_ns(12345),
    lambda: time.clock_getres(12345),
    lambda: time.clock_settime(time.CLOCK_MONOTONIC, 0),
    lambda: time.clock_settime(time.CLOCK_MONOTONIC, 1.5),
    lambda: time.clock_settime_ns(time.CLOCK_MONOTONIC, 0),
    lambda: time.clock_settime_ns(time.CLOCK_MONOTONIC, 1.5),
    lambda: time.clock_settime(time.CLOCK_MONOTONIC, "x"),
    lambda: time.clock_settime(time.CLOCK_MONOTONIC, float("nan")),
    lambda: time.clock_settime(time.CLOCK_MONOTONIC, 10**30),
    lambda: time.clock_gettime("x"),
    lambda: time.clock_gettime(1.5),
    lambda: time.clock_gettime(),
    lambda: time.clock_gettime(1, 2),
    lambda: time.clock_settime(1),
    lambda: time.pthread_getcpuclockid("x"),
):
    try:
        call()
    except (OSError, TypeError, ValueError, OverflowError) as e:
        print(type(e).__name__, e)
print(time.clock_gettime.__text_signature__)

# posix's constants (os re-exports them). Not yet in minipy: POSIX_SPAWN_* (no posix_spawn) and
# os.py's spawn*() modes P_WAIT/P_NOWAIT/P_NOWAITO.
skip = {"POSIX_SPAWN_OPEN", "POSIX_SPAWN_CLOSE", "POSIX_SPAWN_DUP2", "P_WAIT", "P_NOWAIT", "P_NOWAITO"}
for name in sorted(dir(os)):
    if name.isupper() and type(getattr(os, name)) is int and name not in skip:
        print(name, getattr(os, name))
print(os.WIFCONTINUED(0xFFFF), os.WIFCONTINUED(0))
