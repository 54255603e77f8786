# I/O-bound (sleeping) tasks: sequential vs one thread per task vs a
# ThreadPoolExecutor (default max_workers = min(32, cpus + 4), and one worker per task).
import threading
import time
from concurrent.futures import ThreadPoolExecutor

TASKS = 20
SLEEP = 0.05


def task(i):
    time.sleep(SLEEP)
    return i * i


def main():
    t0 = time.perf_counter()
    seq = [task(i) for i in range(TASKS)]
    t_seq = time.perf_counter() - t0

    res = [0] * TASKS

    def store(i):
        res[i] = task(i)
    t0 = time.perf_counter()
    ts = [threading.Thread(target=store, args=(i,)) for i in range(TASKS)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    t_thr = time.perf_counter() - t0

    t0 = time.perf_counter()
    with ThreadPoolExecutor() as ex:
        pool = list(ex.map(task, range(TASKS)))
    t_pool = time.perf_counter() - t0

    t0 = time.perf_counter()
    with ThreadPoolExecutor(max_workers=TASKS) as ex:
        futs = [ex.submit(task, i) for i in range(TASKS)]
        pool2 = [f.result() for f in futs]
    t_pool2 = time.perf_counter() - t0

    print("tasks=%d" % TASKS)
    print("task_sleep_s=%g" % SLEEP)
    print("results_agree=%d" % (seq == res == pool == pool2))
    print("sequential_s=%.3f" % t_seq)
    print("threads_s=%.3f" % t_thr)
    print("pool_default_s=%.3f" % t_pool)
    print("pool_%d_workers_s=%.3f" % (TASKS, t_pool2))
    print("speedup_threads=%.1f" % (t_seq / t_thr))
    print("speedup_pool_default=%.1f" % (t_seq / t_pool))


main()
