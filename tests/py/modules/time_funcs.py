import time
t1 = time.time()
p1 = time.perf_counter()
m1 = time.monotonic()
time.sleep(0.02)
t2 = time.time()
p2 = time.perf_counter()
m2 = time.monotonic()
print(t1 > 1.6e9, isinstance(t1, float), t2 >= t1)
print(p2 - p1 >= 0.015, p2 - p1 < 2.0, m2 - m1 >= 0.015, m2 >= m1)
print(type(time.perf_counter_ns()).__name__, time.monotonic_ns() > 0)
prev = time.monotonic()
ok = True
for _ in range(1000):
    now = time.monotonic()
    ok = ok and now >= prev
    prev = now
print(ok)
time.sleep(0)
print(isinstance(time.time_ns(), int))
