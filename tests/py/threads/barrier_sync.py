import threading
N = 4
barrier = threading.Barrier(N)
lock = threading.Lock()
phase1, phase2 = [], []
indices = []
def worker(i):
    with lock:
        phase1.append(i)
    idx = barrier.wait()
    with lock:
        indices.append(idx)
        phase2.append(len(phase1))
threads = [threading.Thread(target=worker, args=(i,)) for i in range(N)]
for t in threads: t.start()
for t in threads: t.join()
print(sorted(phase1), phase2, sorted(indices))
print(barrier.parties, barrier.n_waiting, barrier.broken)
b2 = threading.Barrier(2, timeout=0.05)
try:
    b2.wait()
except threading.BrokenBarrierError:
    print("BrokenBarrierError", b2.broken)
