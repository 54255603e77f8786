# Deep call chains: Fibonacci with keyword arguments and defaults, a chain of small functions
# each calling the next, methods calling methods, and calls with *args/**kwargs forwarding.
# BENCH_SCALE (default 1) multiplies the amount of work.
import os

SCALE = float(os.environ.get("BENCH_SCALE", "1"))


def fib_kw(n, *, memo=None, step=1):
    if n < 2:
        return n
    return fib_kw(n=n - step, step=step) + fib_kw(n - 2 * step, step=step)


def fib_default(n, a=1, b=2):
    if n < a + 1:
        return n
    return fib_default(n - a) + fib_default(n - b, a, b)


def f0(x):
    return x + 1


def f1(x):
    return f0(x) + 1


def f2(x):
    return f1(x) + 1


def f3(x):
    return f2(x) + 1


def f4(x):
    return f3(x) + 1


def f5(x):
    return f4(x) + 1


def f6(x):
    return f5(x) + 1


def f7(x):
    return f6(x) + 1


def chain(n):
    t = 0
    for i in range(n):
        t += f7(i)
    return t


class Node:
    def __init__(self, depth):
        self.child = Node(depth - 1) if depth > 0 else None
        self.depth = depth

    def total(self, scale):
        if self.child is None:
            return self.depth
        return self.depth * scale + self.child.total(scale)

    def count(self):
        return 1 if self.child is None else 1 + self.child.count()


def forward(*args, **kwargs):
    return target(*args, **kwargs)


def target(a, b, c=0, d=0):
    return a + b + c + d


def main():
    k = SCALE
    out = [fib_kw(max(10, int(19 + 2 * (k - 1))))]
    out.append(fib_default(max(10, int(21 + 2 * (k - 1)))))
    out.append(chain(int(40000 * k)))
    root = Node(200)
    t = 0
    for i in range(int(600 * k)):
        t += root.total(i & 3) + root.count()
    out.append(t)
    t = 0
    for i in range(int(60000 * k)):
        t += forward(i, 2, d=i & 7)
    out.append(t)
    print("call_chains", out)


main()
