import threading
local = threading.local()
local.value = "main"
out = {}
barrier = threading.Barrier(3)
def worker(n):
    local.value = n
    barrier.wait()
    out[n] = (local.value, getattr(local, "other", None))
threads = [threading.Thread(target=worker, args=(i,)) for i in range(3)]
for t in threads: t.start()
for t in threads: t.join()
print(sorted(out.items()))
print(local.value)
def no_attr():
    out["fresh"] = hasattr(local, "value")
t = threading.Thread(target=no_attr)
t.start(); t.join()
print(out["fresh"])
