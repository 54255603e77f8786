# Python-to-Python calls run in the same eval loop (no C recursion), so with
# sys.setrecursionlimit(100000) a plain recursion goes 90,000 deep, as on CPython 3.11: through
# positional, keyword and method calls, with an exception unwinding the whole way, and a
# RecursionError at the limit that the program survives.
import sys

sys.setrecursionlimit(100000)


def depth(n):
    return 0 if n == 0 else 1 + depth(n - 1)


def kw(n, step=1):
    return n if n <= 0 else kw(n=n - step, step=step)


class Walker:
    def walk(self, n):
        return n if n == 0 else self.walk(n - 1)


def boom(n):
    if n == 0:
        raise ValueError("bottom reached")
    return boom(n - 1)


def frames_below(n):
    if n == 0:
        f, count = sys._getframe(), 0
        while f is not None:
            count += 1
            f = f.f_back
        return count
    return frames_below(n - 1)


print(depth(90000))
print(kw(90000))
print(Walker().walk(90000))
try:
    boom(90000)
except ValueError as e:
    tb, levels = e.__traceback__, 0
    while tb is not None:
        levels += 1
        tb = tb.tb_next
    print("caught", e, levels)
print(frames_below(50000) > 50000)


def forever(n):
    return forever(n + 1)


sys.setrecursionlimit(5000)
try:
    forever(0)
except RecursionError as e:
    print("RecursionError:", e)
print(depth(4000))
