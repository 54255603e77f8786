# Resuming a generator counts against the recursion limit, as in CPython: a runaway chain of
# `yield from` (or of nested for loops over generators) stops with RecursionError.
import sys
def chain(n):
    if n == 0:
        yield 1
    else:
        yield from chain(n - 1)
try:
    print(list(chain(5000)))
except RecursionError as e:
    print("RecursionError", e)
print(list(chain(900)))
def nested(n):
    if n: 
        for x in nested(n-1): yield x
    else:
        yield 0
try:
    print(list(nested(3000)))
except RecursionError as e:
    print("RecursionError", e)
sys.setrecursionlimit(20000)
print(len(list(chain(5000))))
