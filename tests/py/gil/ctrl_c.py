# Ctrl-C (SIGINT) raises KeyboardInterrupt in the main thread, also while it waits on a lock,
# joins a thread or sleeps; the program can catch it and go on.
import os
import signal
import threading
import time

def interrupt_soon():
    time.sleep(0.2)
    os.kill(os.getpid(), signal.SIGINT)

def waiter():
    t = threading.Thread(target=interrupt_soon)
    t.start()
    return t

t = waiter()
never = threading.Event()
try:
    never.wait(10)
    print("not interrupted")
except KeyboardInterrupt:
    print("KeyboardInterrupt while waiting on an Event")
t.join()

t = waiter()
sleeper = threading.Thread(target=time.sleep, args=(1.0,))
sleeper.start()
try:
    sleeper.join()
    print("not interrupted")
except KeyboardInterrupt:
    print("KeyboardInterrupt while joining")
t.join()
sleeper.join()

t = waiter()
t0 = time.perf_counter()
try:
    time.sleep(10)
    print("not interrupted")
except KeyboardInterrupt:
    print("KeyboardInterrupt while sleeping, promptly:", time.perf_counter() - t0 < 5)
t.join()
