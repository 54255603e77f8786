# Threads step __anext__() awaitables of one async generator by hand (issue 10). An awaitable
# tells the generator's own `yield` (the item: StopIteration(item)) from a value an inner await
# passes through (here "tick") by where the frame stopped; that was read after the claim on the
# generator ended, when another thread could already have resumed it, so an item could pass
# through as if awaited, or a "tick" come back as an item. Every item is delivered exactly once,
# as StopIteration, and only "tick" passes through.
import threading

THREADS = 4
N = 3000
errors = []


class Tick:
    def __await__(self):
        yield "tick"


async def agen(n):
    for i in range(n):
        await Tick()
        yield i


def busy(e):
    # another thread is resuming the generator (free-threaded minipy: ValueError; CPython:
    # RuntimeError while another awaitable is in progress)
    return "already executing" in str(e) or "already running" in str(e)


def drive(ag, out):
    while True:
        try:
            aw = ag.__anext__()
        except Exception as e:
            errors.append(repr(e))
            return
        try:
            while True:
                try:
                    v = aw.send(None)
                except StopIteration as e:
                    out.append(e.value)
                    break
                if v != "tick":
                    errors.append(("passed through", v))
        except StopAsyncIteration:
            return
        except (ValueError, RuntimeError) as e:
            if not busy(e):
                errors.append(repr(e))


for round_ in range(2):
    ag = agen(N)
    got = [[] for _ in range(THREADS)]
    threads = [threading.Thread(target=drive, args=(ag, got[t])) for t in range(THREADS)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    items = sorted(x for out in got for x in out)
    print("round", round_, "every item once:", items == list(range(N)))
print("errors:", errors[:5])
