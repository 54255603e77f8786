# Regression (issue 12): a tee whose source iterator is still inside __next__ called that __next__
# again; from a second thread that waited forever (CPython's test_itertools, test_tee_concurrent).
# CPython raises RuntimeError instead.
import threading
from itertools import tee


class Reentering:
    first = True

    def __iter__(self):
        return self

    def __next__(self):
        first = self.first
        self.first = False
        if first:
            return next(a)
        return 1


a, b = tee(Reentering())
try:
    next(a)
except RuntimeError as e:
    print("RuntimeError:", e)
print(next(a), next(b))

start = threading.Event()
finish = threading.Event()


class Blocking:
    def __iter__(self):
        return self

    def __next__(self):
        start.set()
        finish.wait()
        return "late"


a, b = tee(Blocking())
results = []
thread = threading.Thread(target=lambda: results.append(next(a)))
thread.start()
start.wait()
try:
    next(b)
except RuntimeError as e:
    print("RuntimeError:", e)
finally:
    finish.set()
    thread.join()
print(results, next(b))
