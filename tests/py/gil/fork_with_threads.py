# fork() in a threaded process (CPython's documented behaviour): the child has one thread, the
# forking thread, now the main thread; a Lock held by another thread at the fork stays locked;
# the GIL and new threads work in the child.
import os
import threading
import time

held = threading.Lock()
release = threading.Event()
started = threading.Event()

def holder():
    with held:
        started.set()
        release.wait()

t = threading.Thread(target=holder, name="holder")
t.start()
started.wait()

r, w = os.pipe()
pid = os.fork()
if pid == 0:
    lines = []
    lines.append(f"child threads: {threading.active_count()}")
    lines.append(f"child current is main: {threading.current_thread() is threading.main_thread()}")
    lines.append(f"held lock acquirable: {held.acquire(timeout=0.2)}")
    out = []
    worker = threading.Thread(target=lambda: out.append(sum(range(1000))))
    worker.start()
    worker.join()
    lines.append(f"new thread works: {out == [499500]}")
    os.write(w, ("\n".join(lines) + "\n").encode())
    os._exit(0)
os.close(w)
data = b""
while True:
    chunk = os.read(r, 4096)
    if not chunk:
        break
    data += chunk
os.close(r)
_, status = os.waitpid(pid, 0)
release.set()
t.join()
print(data.decode(), end="")
print("child exit status:", os.waitstatus_to_exitcode(status))
print("parent threads after join:", threading.active_count())
