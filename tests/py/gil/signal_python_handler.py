# A signal handler written in Python runs in the main thread at its next check point, with the
# signal number and the interrupted frame; an exception it raises surfaces there.
import os
import signal
import sys
import threading

seen = []
def handler(signum, frame):
    seen.append((signum, frame is not None, threading.current_thread() is threading.main_thread()))
old = signal.signal(signal.SIGUSR1, handler)
print(old == signal.SIG_DFL, signal.getsignal(signal.SIGUSR1) is handler)
os.kill(os.getpid(), signal.SIGUSR1)
for _ in range(1000):
    if seen:
        break
print(seen)

class Stop(Exception):
    pass
def raiser(signum, frame):
    raise Stop(signum)
signal.signal(signal.SIGUSR2, raiser)
try:
    signal.raise_signal(signal.SIGUSR2)
    print("not reached")
except Stop as e:
    print("Stop", e.args[0] == signal.SIGUSR2)

# A signal sent while another thread runs is still handled by the main thread.
seen.clear()
t = threading.Thread(target=lambda: os.kill(os.getpid(), signal.SIGUSR1))
t.start()
t.join()
for _ in range(1000):
    if seen:
        break
print(seen)
signal.signal(signal.SIGUSR1, signal.SIG_DFL)
print(signal.getsignal(signal.SIGUSR1) == signal.SIG_DFL, sys.is_finalizing())
