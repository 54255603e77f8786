# Threads assign obj.__class__ while other threads call methods on the object (issue 10).
# Without a GIL two threads assigning at once both dropped the same old class (the reference of
# the class they did not replace was lost: it could be freed under its instances), and the old
# class was released while another thread, which had just loaded the object's type, looked up a
# method in it. The swap is now atomic and the old class waits for delayed release. Nothing
# crashes, every call answers for one of the classes, and the classes keep their references.
import sys
import threading

THREADS = 4
ROUNDS = 3000
start = threading.Barrier(THREADS)
errors = []


def make(n):
    class K:
        def who(self):
            return n
    return K


classes = [make(n) for n in range(4)]
objs = [classes[0]() for _ in range(8)]
before = [sys.getrefcount(k) for k in classes]


def setter(t):
    start.wait()
    try:
        for i in range(ROUNDS):
            o = objs[i % len(objs)]
            o.__class__ = classes[(i + t) % len(classes)]
            # a class nobody else holds: the assignment after this one drops its last reference
            o.__class__ = make(-1)
            o.__class__ = classes[i % len(classes)]
    except Exception as e:
        errors.append(repr(e))


def caller(t):
    start.wait()
    try:
        for i in range(ROUNDS * 3):
            if not isinstance(objs[i % len(objs)].who(), int):
                errors.append("bad who")
    except Exception as e:
        errors.append(repr(e))


threads = [threading.Thread(target=setter, args=(t,)) for t in range(THREADS // 2)]
threads += [threading.Thread(target=caller, args=(t,)) for t in range(THREADS - THREADS // 2)]
for th in threads:
    th.start()
for th in threads:
    th.join()
for o in objs:
    o.__class__ = classes[0]
after = [sys.getrefcount(k) for k in classes]
print("classes:", [type(o) is classes[0] for o in objs].count(True), "of", len(objs))
# (free-threaded, replaced classes still waiting for delayed release hold one more each)
print("class references kept:", all(a >= b for a, b in zip(after, before)))
print("errors:", errors)
