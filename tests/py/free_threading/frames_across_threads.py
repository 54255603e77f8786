# Frame objects shared between threads (issue 10): workers keep asking for their own frames
# (sys._getframe, f_back) while the main thread takes everyone's frames with
# sys._current_frames() and drops them. Without a GIL the main thread could free a frame object
# that a worker's running frame only borrowed, under the worker's sys._getframe; free-threaded
# running frames now own their frame objects. Nothing crashes and every name read is right.
import sys
import threading

WORKERS = 3
ROUNDS = 3000
errors = []
done = threading.Event()
ready = threading.Barrier(WORKERS + 1)


def leaf(depth):
    f = sys._getframe()
    if f.f_code.co_name != "leaf" or f.f_back.f_code.co_name not in ("middle", "leaf"):
        errors.append("bad frame")
    if depth:
        return leaf(depth - 1)
    return f.f_lineno > 0


def middle(i):
    return leaf(i % 3)


def worker():
    ready.wait()
    try:
        for i in range(ROUNDS):
            if not middle(i):
                errors.append("bad line")
    except Exception as e:
        errors.append(repr(e))


threads = [threading.Thread(target=worker) for _ in range(WORKERS)]
for th in threads:
    th.start()
ready.wait()
seen = 0
while any(th.is_alive() for th in threads):
    for ident, f in sys._current_frames().items():
        name = f.f_code.co_name
        if not isinstance(name, str):
            errors.append("bad name")
        seen += 1
for th in threads:
    th.join()
print("errors:", errors)
print("saw frames:", seen > 0)
