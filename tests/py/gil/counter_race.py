# The documented race, as CPython 3.11 shows it: a plain `counter += 1` loop loses no updates
# (a switch can only happen at a loop back edge, never inside LOAD/BINARY_OP/STORE), a
# read-call-write loop loses many (the call's function entry is a check point between the read
# and the write), and a Lock makes it exact.
import sys
import threading

sys.setswitchinterval(1e-4)  # switch often so the race shows up within a short run
counter = 0
N = 100_000
THREADS = 4

def plain():
    global counter
    for _ in range(N):
        counter += 1

def nothing():
    pass

def read_call_write():
    global counter
    for _ in range(N):
        v = counter
        nothing()
        counter = v + 1

lock = threading.Lock()

def locked():
    global counter
    for _ in range(N):
        with lock:
            v = counter
            nothing()
            counter = v + 1

def run(fn):
    global counter
    counter = 0
    ts = [threading.Thread(target=fn) for _ in range(THREADS)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    return N * THREADS - counter

print("counter += 1 lost:", run(plain))
print("read-call-write lost some:", run(read_call_write) > 0)
print("with a Lock lost:", run(locked))
