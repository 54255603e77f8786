# An allocation-heavy program that makes no reference cycles: lists, dicts, tuples and objects
# built and dropped in loops. Run with BENCH_GC=off it disables the collector first, so the two
# runs measure what the collector costs a program that never needs it.
import gc
import os

if os.environ.get("BENCH_GC") == "off":
    gc.disable()


class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y


def work(n):
    acc = 0
    for i in range(n):
        p = Point(i, i + 1)
        row = [p.x, p.y, (i, i * 2)]
        d = {"a": row, "b": (p.x, p.y)}
        acc += len(d["a"]) + d["b"][1]
        words = [str(j) for j in range(i % 7)]
        acc += len(",".join(words))
    return acc


print(work(600_000))
