# input() reads from sys.stdin when sys.stdout has no flush() (or a failing one): CPython's
# builtin_input ignores the flush error. A closed stdin is ValueError. dir() corners below.
import io
import sys


class BitBucket:
    def write(self, line):
        pass


class BadFlush(BitBucket):
    def flush(self):
        raise OSError("no flush")


saved_in, saved_out = sys.stdin, sys.stdout
try:
    sys.stdin = io.StringIO("1+1\nsecond line\nthird")
    sys.stdout = BitBucket()
    first = input()
    sys.stdout = BadFlush()
    second = input("prompt: ")
    third = input()
    try:
        input()
        eof = "no EOFError"
    except EOFError as e:
        eof = "EOFError " + str(e)
    sys.stdin.close()
    try:
        input()
        closed = "no error"
    except ValueError as e:
        closed = "ValueError " + str(e)
finally:
    sys.stdin, sys.stdout = saved_in, saved_out
print(repr(first), repr(second), repr(third))
print(eof)
print(closed)


# dir() with no argument under eval() with a mapping as locals lists the mapping's keys().
class M:
    def __getitem__(self, key):
        if key == "a":
            return 12
        raise KeyError(key)

    def keys(self):
        return list("zyx")


print(eval("dir()", globals(), M()), eval("a", globals(), M()))

# A deleted or None sys.stdin / sys.stdout is RuntimeError "lost sys.stdout".
saved_in, saved_out = sys.stdin, sys.stdout
results = []
try:
    sys.stdin = io.StringIO("x\n")
    del sys.stdout
    try:
        input("prompt")
    except RuntimeError as e:
        results.append("RuntimeError " + str(e))
    sys.stdout = None
    try:
        input()
    except RuntimeError as e:
        results.append("RuntimeError " + str(e))
    sys.stdout = saved_out
    del sys.stdin
    try:
        input()
    except RuntimeError as e:
        results.append("RuntimeError " + str(e))
finally:
    sys.stdin, sys.stdout = saved_in, saved_out
print(results)
