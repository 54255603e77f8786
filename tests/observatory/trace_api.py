# gil.trace_start / trace_stop from inside a program.
import gil
import sys
import threading

path = sys.argv[1]
print("tracing before:", gil.tracing())
try:
    gil.trace_stop()
except RuntimeError as e:
    print("stop without start:", e)
gil.trace_start(path)
print("tracing:", gil.tracing())
try:
    gil.trace_start(path + ".other")
except RuntimeError as e:
    print("second start refused:", str(e).startswith("a GIL trace is already running"))
try:
    gil.trace_start(42)
except TypeError as e:
    print("TypeError:", e)


def spin(n):
    while n:
        n -= 1


t = threading.Thread(target=spin, args=(200_000,), name="worker")
t.start()
spin(200_000)
t.join()
written = gil.trace_stop()
print("wrote the path asked for:", written.endswith(path))
print("tracing after:", gil.tracing())
# A second recording after the first works too.
gil.trace_start(path + ".2")
spin(1000)
print("second recording:", gil.trace_stop().endswith(".2"))
try:
    gil.trace_start("/nonexistent-dir/x.json")
    gil.trace_stop()
except RuntimeError as e:
    print("unwritable:", "cannot write GIL trace" in str(e))
