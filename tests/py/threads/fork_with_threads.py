import os, threading, time
held = threading.Lock()
gate = threading.Event()
def holder():
    with held:
        gate.wait()
t = threading.Thread(target=holder, name="holder")
t.start()
while not held.locked():
    time.sleep(0.005)
pid = os.fork()
if pid == 0:
    ok = (threading.active_count() == 1
          and threading.current_thread() is threading.main_thread()
          and threading.main_thread().name == "MainThread"
          and not t.is_alive()
          and held.acquire(timeout=0.2) is False)
    worker = threading.Thread(target=lambda: None)
    worker.start(); worker.join()
    from concurrent.futures import ThreadPoolExecutor
    with ThreadPoolExecutor(max_workers=2) as ex:
        total = sum(ex.map(lambda x: x * x, range(5)))
    os._exit(0 if ok and total == 30 else 1)
_, status = os.waitpid(pid, 0)
print("child exit status", os.WEXITSTATUS(status) if hasattr(os, "WEXITSTATUS") else status >> 8)
gate.set()
t.join()
print("parent threads", threading.active_count(), t.is_alive())
