import threading
results = {}
def work(name, n, *, scale=1):
    results[name] = sum(range(n)) * scale
t1 = threading.Thread(target=work, args=("a", 10))
t2 = threading.Thread(target=work, args=("b", 100), kwargs={"scale": 2})
t3 = threading.Thread(target=work, kwargs={"name": "c", "n": 5})
for t in (t1, t2, t3):
    t.start()
for t in (t1, t2, t3):
    t.join()
print(sorted(results.items()))
print([t.is_alive() for t in (t1, t2, t3)])
t4 = threading.Thread(target=work, args=("d", 3), name="worker-4")
print(t4.name, t4.is_alive())
t4.start(); t4.join()
print(t4.is_alive(), results["d"])
try:
    t4.start()
except RuntimeError as e:
    print("RuntimeError:", e)
