# Tutorial walk-through: threads overlap waiting (I/O-bound) but not computing (CPU-bound),
# because only the thread holding the GIL runs Python code.
import threading, time
def crunch(n):
    total = 0
    for i in range(n):
        total += i * i % 7
    return total
N = 300000
seq_results = [crunch(N) for _ in range(2)]
# Two threads computing at once: with the GIL only one runs Python code at a time, so the CPU
# time the two threads used together stays near the wall time they took (truly parallel threads
# would use close to twice it). Measured this way a busy machine only lowers the ratio (waiting
# for a core adds wall time, not CPU time): comparing two wall times instead failed on loaded
# machines when the sequential run was the one slowed down.
cpu = []
thr_results = []
def run():
    t0 = time.thread_time()
    thr_results.append(crunch(N))
    cpu.append(time.thread_time() - t0)
start = time.perf_counter()
ts = [threading.Thread(target=run) for _ in range(2)]
for t in ts: t.start()
for t in ts: t.join()
wall = time.perf_counter() - start
print(seq_results == thr_results)
print("CPU-bound threads give no big speed-up:", sum(cpu) < wall * 1.5)

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
