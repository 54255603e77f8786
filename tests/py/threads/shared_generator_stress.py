# Eight threads call next() on one generator at once. Only one thread at a time may run its
# frame: the others get "ValueError: generator already executing" (CPython 3.11 under the GIL
# too, when the holder switches inside the body) and try again. In the free-threaded build the
# claim is one atomic exchange, so two threads can never both resume the frame. Every value is
# received exactly once and nothing crashes.
import threading

THREADS = 8
N = 20000


def numbers():
    for i in range(N):
        x = i * 2  # some work inside the frame, so that the threads overlap in it
        yield x // 2


gen = numbers()
got = [[] for _ in range(THREADS)]
busy = [0] * THREADS
errors = []
start = threading.Barrier(THREADS)


def worker(t):
    start.wait()
    try:
        while True:
            try:
                got[t].append(next(gen))
            except ValueError as e:
                assert str(e) == "generator already executing", e
                busy[t] += 1
            except StopIteration:
                return
    except Exception as e:  # reported below; must never happen
        errors.append(repr(e))


threads = [threading.Thread(target=worker, args=(t,)) for t in range(THREADS)]
for th in threads:
    th.start()
for th in threads:
    th.join()

everything = sorted(x for g in got for x in g)
print("errors:", errors)
print("every value exactly once:", everything == list(range(N)))
print("finished:", gen.gi_frame is None, gen.gi_running)
