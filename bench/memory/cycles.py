# Builds and drops BENCH_N small reference cycles (default 1,000,000): a node that refers to
# itself, a list and a dict that refer back to it. Without a cycle collector the process grows
# with N; with one its peak RSS stays flat. Prints a checksum.
import os

N = int(os.environ.get("BENCH_N", "1000000"))


class Node:
    __slots__ = ("me", "data", "value")

    def __init__(self, value):
        self.me = self
        self.value = value
        self.data = [self, {"v": value, "n": self}]


total = 0
for i in range(N):
    total += Node(i).value & 7
print(total)
