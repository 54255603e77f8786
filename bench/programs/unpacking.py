# Tuple and sequence unpacking in tight loops: swapping, multiple return values, iterating over
# pairs and triples, star-unpacking, enumerate/zip/dict.items() and nested targets.
# BENCH_SCALE (default 1) multiplies the amount of work.
import os

SCALE = float(os.environ.get("BENCH_SCALE", "1"))


def divmod_pair(a, b):
    return a // b, a % b


def fib_pairs(n):
    a, b = 0, 1
    for _ in range(n):
        a, b = b, (a + b) & 0xFFFFFFF
    return a


def triples(n):
    rows = [(i, i * 2, i % 7) for i in range(n)]
    t = 0
    for a, b, c in rows:
        t += a - b + c
    for i, (a, b, c) in enumerate(rows):
        if c == 3:
            t ^= i
    return t


def star_unpack(n):
    items = [(i, i + 1, i + 2, i + 3) for i in range(100)]
    t = 0
    for _ in range(n):
        for first, *mid, last in items:
            t += first + last + len(mid)
    return t


def zipped(n):
    xs = list(range(n))
    ys = [x * 3 for x in xs]
    d = dict(zip(xs, ys))
    t = 0
    for x, y in zip(xs, ys):
        q, r = divmod_pair(y + 7, x + 1)
        t += q + r
    for k, v in d.items():
        t += k ^ v
    return t


def main():
    k = SCALE
    out = [
        fib_pairs(int(600000 * k)),
        triples(int(150000 * k)),
        star_unpack(int(600 * k)),
        zipped(int(150000 * k)),
    ]
    print("unpacking", out)


main()
