# deque * n and deque *= n with a maxlen keep only the last maxlen items of the repetition:
# the work is bounded by maxlen, not by n (a count of 2**31 used to loop n/2 times).
from collections import deque

for maxlen in (0, 1, 2, 3, 5, 7):
    for items in ([], [1], [1, 2], [1, 2, 3], list(range(10))):
        for n in (-1, 0, 1, 2, 3, 4, 5, 2**31, 2**40):
            d = deque(items, maxlen)
            d *= n
            e = deque(items, maxlen) * n
            f = n * deque(items, maxlen)
            print(maxlen, items, n, list(d), list(e) == list(d), list(f) == list(d))

for items in ([1], [1, 2, 3]):
    for n in (0, 1, 3):
        d = deque(items)
        d *= n
        print(None, items, n, list(d))

d = deque([1, 2, 3], 4)
try:
    d *= 2**62
except MemoryError:
    print("MemoryError")
print(list(d))
try:
    deque([1, 2], 3) * 2**64
except OverflowError as e:
    print("OverflowError", e)
