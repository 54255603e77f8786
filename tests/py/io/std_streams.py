# sys.stdin/stdout/stderr are TextIOWrapper objects over _io's buffered and raw layers: their
# attributes, text and binary writes in order, print(flush=True), reading stdin (std_streams.in),
# output from threads and from a forked child.
import io, os, sys, threading

for s in (sys.stdin, sys.stdout, sys.stderr):
    print(type(s).__name__, s.name, s.mode, s.encoding, s.fileno(), s.readable(), s.writable(),
          isinstance(s, io.TextIOBase), isinstance(s.buffer, io.BufferedIOBase) or isinstance(s.buffer, io.RawIOBase))
print(sys.stderr.errors, sys.stdout.newlines, sys.__stdout__ is sys.stdout)
print(sys.stdout.write("written directly\n"))
sys.stdout.flush()
sys.stdout.buffer.write(b"binary through the buffer\n")
sys.stdout.buffer.flush()
print("after binary", flush=True)
print(repr(sys.stdin.readline()), sys.stdin.readline(), end="")
print([line.rstrip("\n") for line in sys.stdin])
print(repr(input() if False else sys.stdin.read()))

lock = threading.Lock()
def worker(n):
    for i in range(3):
        print("thread", n, "line", i)
threads = [threading.Thread(target=worker, args=(n,)) for n in range(3)]
for t in threads:
    t.start()
    t.join()

print("before fork")
sys.stdout.flush()  # CPython leaves buffered output to be written twice; minipy flushes anyway
pid = os.fork()
if pid == 0:
    print("child")
    sys.stdout.flush()
    os._exit(0)
os.waitpid(pid, 0)
print("parent")
sys.stdout.write("no newline at exit")
