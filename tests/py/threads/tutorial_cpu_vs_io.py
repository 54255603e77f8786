# Tutorial walk-through: threads overlap waiting (I/O-bound) but not computing (CPU-bound),
# because only the thread holding the GIL runs Python code.
import threading, time
def crunch(n):
    total = 0
    for i in range(n):
        total += i * i % 7
    return total
N = 300000
crunch(N)  # warm-up
# Best of three runs each, so that a busy machine does not decide the comparison.
sequential = threaded = None
for _ in range(3):
    start = time.perf_counter()
    seq_results = [crunch(N) for _ in range(2)]
    took = time.perf_counter() - start
    sequential = took if sequential is None else min(sequential, took)
    thr_results = []
    def run():
        thr_results.append(crunch(N))
    start = time.perf_counter()
    ts = [threading.Thread(target=run) for _ in range(2)]
    for t in ts: t.start()
    for t in ts: t.join()
    took = time.perf_counter() - start
    threaded = took if threaded is None else min(threaded, took)
print(seq_results == thr_results)
print("CPU-bound threads give no big speed-up:", threaded > sequential * 0.6)

def square(n, out):
    time.sleep(0.1)
    out.append(n * n)
out = []
start = time.perf_counter()
ts = [threading.Thread(target=square, args=(n, out)) for n in [1, 2, 3, 4]]
for t in ts: t.start()
for t in ts: t.join()
elapsed = time.perf_counter() - start
print(sorted(out), "waiting overlaps:", elapsed < 0.4 * 0.8)
