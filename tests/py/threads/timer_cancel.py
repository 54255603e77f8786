import threading, time
fired = []
t = threading.Timer(0.05, lambda: fired.append("fired"))
start = time.monotonic()
t.start()
t.join()
elapsed = time.monotonic() - start
print(fired, elapsed >= 0.04, elapsed < 3.0)
c = threading.Timer(5.0, lambda: fired.append("should not fire"))
c.start()
c.cancel()
c.join()
print(fired, c.is_alive())
args_timer = threading.Timer(0.01, lambda a, b: fired.append(a + b), args=(1,), kwargs={"b": 2})
args_timer.start(); args_timer.join()
print(fired)
