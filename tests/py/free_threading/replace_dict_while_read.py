# Threads replace an instance's __dict__ and rebind a class attribute while other threads read
# them (issue 10). Without a GIL the old dict or the old class attribute was freed at once while
# a reader that had just loaded it was still searching or using it; the runtime now releases
# them only once no other thread can hold them (runtime/state/delayed_release.h). Nothing
# crashes and every read sees one of the values written.
import threading

THREADS = 4
ROUNDS = 4000
start = threading.Barrier(THREADS)
errors = []


class C:
    def m(self):
        return 0


obj = C()
obj.x = 0


def make_method(n):
    def m(self):
        return n
    return m


def writer(t):
    start.wait()
    try:
        for i in range(ROUNDS):
            obj.__dict__ = {"x": i, "pad" + str(i): [i]}  # a fresh dict: the old one unlinked
            C.m = make_method(i)  # a fresh function: the old one unlinked
    except Exception as e:
        errors.append(repr(e))


def reader(t):
    start.wait()
    try:
        for i in range(ROUNDS):
            if not isinstance(obj.x, int):
                errors.append("bad x")
            if not isinstance(obj.m(), int):
                errors.append("bad m")
            if not isinstance(vars(obj).get("x"), int):
                errors.append("bad vars")
    except Exception as e:
        errors.append(repr(e))


threads = [threading.Thread(target=writer if t % 2 == 0 else reader, args=(t,))
           for t in range(THREADS)]
for th in threads:
    th.start()
for th in threads:
    th.join()
print("errors:", errors)
print("x is an int:", isinstance(obj.x, int), "m() is an int:", isinstance(obj.m(), int))
