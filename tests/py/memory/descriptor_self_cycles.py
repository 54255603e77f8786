# staticmethod and classmethod objects that hold themselves through their own callable
# (re-running __init__ with the object as its argument) are freed by the cycle collector.
import gc


class Canary:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print("freed", self.name)


def count(kind):
    return sum(1 for o in gc.get_objects() if type(o) is kind)


for kind in (staticmethod, classmethod):
    gc.collect()
    before = count(kind)
    d = kind(None)
    d.__init__(d)
    d.canary = Canary(kind.__name__)
    print(d.__func__ is d, d.__wrapped__ is d, count(kind) - before)
    del d
    gc.collect()
    print("left after collection:", count(kind) - before)
