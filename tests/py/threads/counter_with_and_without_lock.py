# The tutorials' race on `counter += 1`, eight threads (issue 10): with a Lock the count is exact
# in every build. Without one, CPython 3.11's GIL (and minipy's) never splits the statement, so
# nothing is lost; without a GIL (minipy's free-threaded build, -X gil=0) the read and the write
# of different threads interleave and updates are lost, as on free-threaded CPython. The script
# prints the same lines in both cases; what "as expected" means depends on sys._is_gil_enabled().
import sys
import threading

THREADS = 8
N = 20_000
gil = getattr(sys, "_is_gil_enabled", lambda: True)()
counter = 0
lock = threading.Lock()


def unlocked():
    global counter
    for _ in range(N):
        counter += 1


def locked():
    global counter
    for _ in range(N):
        with lock:
            counter += 1


def run(fn):
    global counter
    counter = 0
    ts = [threading.Thread(target=fn) for _ in range(THREADS)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    return THREADS * N - counter


print("with a Lock lost:", run(locked))
# Without a GIL a loss is all but certain in one run; a few runs make "never lost" impossible
# to mistake for a pass.
lost = [run(unlocked) for _ in range(1 if gil else 5)]
print("without a Lock never gains:", all(x >= 0 for x in lost))
print("without a Lock as expected for this build:", all(x == 0 for x in lost) if gil else any(x > 0 for x in lost))
