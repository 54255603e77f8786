import threading
release = threading.Event()
t = threading.Thread(target=release.wait)
t.start()
t.join(timeout=0.02)
print("still alive after timed join:", t.is_alive())
release.set()
t.join()
print("alive after release:", t.is_alive())
t2 = threading.Thread(target=lambda: None)
try:
    t2.join()
except RuntimeError as e:
    print("RuntimeError:", e)
try:
    threading.current_thread().join()
except RuntimeError as e:
    print("RuntimeError:", e)
