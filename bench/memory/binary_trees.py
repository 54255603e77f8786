# The binary-trees allocation benchmark (after the Computer Language Benchmarks Game program's
# rules, our own code): allocate and walk many short-lived trees and one long-lived tree.
import os

MAX_DEPTH = int(os.environ.get("BENCH_DEPTH", "16"))


def make(depth):
    if depth == 0:
        return (None, None)
    depth -= 1
    return (make(depth), make(depth))


def check(node):
    left, right = node
    if left is None:
        return 1
    return 1 + check(left) + check(right)


min_depth = 4
max_depth = max(min_depth + 2, MAX_DEPTH)
stretch = max_depth + 1
print("stretch tree of depth %d\t check: %d" % (stretch, check(make(stretch))))
long_lived = make(max_depth)
for depth in range(min_depth, max_depth + 1, 2):
    iterations = 2 ** (max_depth - depth + min_depth)
    total = 0
    for _ in range(iterations):
        total += check(make(depth))
    print("%d\t trees of depth %d\t check: %d" % (iterations, depth, total))
print("long lived tree of depth %d\t check: %d" % (max_depth, check(long_lived)))
