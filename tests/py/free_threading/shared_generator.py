# Several threads resume one generator while others inspect it (issue 10). Without a GIL two
# threads could both resume its frame, or one could read the frame (gi_frame, gi_yieldfrom,
# gi_suspended) while another finished and freed it. Resumption is claimed atomically (the
# loser gets "generator already executing", as on free-threaded CPython), a finished frame
# leaves the generator before the claim ends, and gi_frame pins the frame it reads. Every item
# is delivered exactly once, and nothing crashes. No timing: each part ends when its work does.
import threading

RUNNERS = 4
N = 5000
errors = []


def inner(n):
    for i in range(n):
        yield i


def outer(n):
    yield from inner(n)


def inspect(gen, stop):
    while not stop.is_set():
        f = gen.gi_frame
        if f is not None and f.f_code.co_name != "outer":
            errors.append("bad frame")
        gen.gi_yieldfrom
        gen.gi_suspended
        gen.gi_running


def with_inspectors(gen, work):
    stop = threading.Event()
    inspectors = [threading.Thread(target=inspect, args=(gen, stop)) for _ in range(2)]
    for th in inspectors:
        th.start()
    try:
        work()
    finally:
        stop.set()
        for th in inspectors:
            th.join()


# Part 1: several threads race to resume one generator.
def run(gen, out):
    while True:
        try:
            out.append(next(gen))
        except ValueError as e:
            if "already executing" not in str(e):
                errors.append(repr(e))
        except StopIteration:
            return


for round_ in range(3):
    gen = outer(N)
    got = [[] for _ in range(RUNNERS)]

    def race():
        runners = [threading.Thread(target=run, args=(gen, got[t])) for t in range(RUNNERS)]
        for th in runners:
            th.start()
        for th in runners:
            th.join()

    with_inspectors(gen, race)
    items = sorted(x for out in got for x in out)
    print("round", round_, "every item once:", items == list(range(N)),
          "finished:", gen.gi_frame is None)

# Part 2: one thread owns the generator; reading gi_yieldfrom/gi_suspended/gi_frame from other
# threads never makes its next() fail with "already executing".
gen = outer(N)
owned = []


def drain():
    for x in gen:
        owned.append(x)


try:
    with_inspectors(gen, drain)
except ValueError as e:
    errors.append("owner: " + repr(e))
print("owner got every item:", owned == list(range(N)))

# Part 3: close() of an unstarted generator races with its first next().
closed_results = set()
for _ in range(300):
    gen = inner(3)
    go = threading.Barrier(2)

    def first():
        go.wait()
        try:
            next(gen)
        except (ValueError, StopIteration):
            pass

    def close():
        go.wait()
        try:
            gen.close()
        except ValueError as e:
            if "already executing" not in str(e):
                errors.append(repr(e))

    ths = [threading.Thread(target=first), threading.Thread(target=close)]
    for th in ths:
        th.start()
    for th in ths:
        th.join()
    gen.close()
    closed_results.add(gen.gi_frame is None)
print("closed at the end:", closed_results)

print("errors:", errors)
