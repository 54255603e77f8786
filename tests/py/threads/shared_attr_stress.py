# Eight threads set, read and delete attributes of one object at once (issue 10's stress test:
# an instance dict shared by every thread). No crash, and each thread's last write is the value
# that remains.
import threading

THREADS = 8
N = 3000


class Box:
    pass


box = Box()
errors = []
start = threading.Barrier(THREADS)


def worker(t):
    start.wait()
    try:
        name = "a%d" % t
        for i in range(N):
            setattr(box, name, i)
            box.last = (t, i)
            v = box.last
            assert type(v) is tuple and len(v) == 2
            assert getattr(box, name) == i
            getattr(box, "a%d" % ((t + 1) % THREADS), None)
            if i % 7 == 0:
                box.tmp = i
                try:
                    del box.tmp
                except AttributeError:
                    pass  # another thread deleted it first
            if i % 300 == 0:
                assert isinstance(dict(vars(box)), dict)
    except Exception as e:  # reported below; must never happen
        errors.append(repr(e))


threads = [threading.Thread(target=worker, args=(t,)) for t in range(THREADS)]
for th in threads:
    th.start()
for th in threads:
    th.join()

print("errors:", errors)
print("last writes:", [getattr(box, "a%d" % t) for t in range(THREADS)])
print("box.last from some thread's last write:", box.last in {(t, N - 1) for t in range(THREADS)})
