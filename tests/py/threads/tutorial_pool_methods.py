# Tutorial walk-through: ThreadPoolExecutor with submit()/result(), a list of futures read with
# as_completed() (completion order) and executor.map() (submission order).
import concurrent.futures
import time
def do_something(seconds):
    time.sleep(seconds)
    return f"Done sleeping...{seconds}"

start = time.perf_counter()
with concurrent.futures.ThreadPoolExecutor() as executor:
    f1 = executor.submit(do_something, 0.5)
    f2 = executor.submit(do_something, 0.5)
    print(f1.result())
    print(f2.result())
# Overlapped: about 0.5 s; one after the other: 1.0 s. The bound leaves a loaded CI machine 0.4 s.
print("both in about 0.5s:", time.perf_counter() - start < 0.9)

seconds_list = [0.25, 0.2, 0.15, 0.1, 0.05]
start = time.perf_counter()
with concurrent.futures.ThreadPoolExecutor() as executor:
    results = [executor.submit(do_something, s) for s in seconds_list]
    for f in concurrent.futures.as_completed(results):
        print(f.result())
print("as_completed in about 0.25s:", time.perf_counter() - start < 0.25 * 4)

start = time.perf_counter()
with concurrent.futures.ThreadPoolExecutor() as executor:
    results = executor.map(do_something, seconds_list)
    for result in results:
        print(result)
print("map in about 0.25s:", time.perf_counter() - start < 0.25 * 4)

# The with block waits for work whose results were never read.
finished = []
with concurrent.futures.ThreadPoolExecutor(max_workers=3) as executor:
    for s in (0.05, 0.02, 0.01):
        executor.submit(lambda x: finished.append(x) or time.sleep(x), s)
print(sorted(finished))
