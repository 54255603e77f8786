# File I/O releases the GIL: a thread blocked in read() or readline() on an empty pipe does not
# stop the main thread, which writes the data that wakes it (with the GIL held across read()
# this would never finish). Threads writing lines through one BufferedWriter concurrently get
# every line through whole, in each thread's order (the buffered object's lock; CPython's
# TextIOWrapper has no lock of its own, so the threads share the binary layer here).
import os, threading

r, w = os.pipe()
got = []
def reader():
    with open(r, "rb", buffering=0) as raw:
        got.append(raw.read(5))
    with open(r2, "r") as text:
        got.append(text.readline())
r2, w2 = os.pipe()
t = threading.Thread(target=reader)
t.start()
counter = 0
while counter < 100000:  # runs while the reader waits in read()
    counter += 1
os.write(w, b"hello")
os.write(w2, "wörld\n".encode())
t.join()
os.close(w)
os.close(w2)
print(counter, got)

path = os.path.join(os.environ.get("TMPDIR", "/tmp"), "minipy_gil_io_%d.txt" % os.getpid())
f = open(path, "wb", buffering=64)
def writer(n):
    for i in range(300):
        f.write(b"thread %d line %03d %s\n" % (n, i, b"x" * (i % 37)))
threads = [threading.Thread(target=writer, args=(n,)) for n in range(4)]
for th in threads:
    th.start()
for th in threads:
    th.join()
f.close()
with open(path) as g:
    lines = g.read().splitlines()
os.remove(path)
ok = len(lines) == 1200
for n in range(4):
    mine = [l for l in lines if l.startswith("thread %d " % n)]
    ok = ok and [int(l.split()[3]) for l in mine] == list(range(300))
    ok = ok and all(l.endswith("x" * (int(l.split()[3]) % 37)) for l in mine)
print("lines whole and in order:", ok)
