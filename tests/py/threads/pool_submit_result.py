from concurrent.futures import ThreadPoolExecutor
import time
def slow_square(x):
    time.sleep(0.01 * (5 - x))
    return x * x
with ThreadPoolExecutor(max_workers=4) as ex:
    futures = [ex.submit(slow_square, i) for i in range(5)]
    print([f.result() for f in futures])
    print(all(f.done() for f in futures))
    f = ex.submit(pow, 2, 10)
    print(f.result(timeout=5), f.exception(), f.cancelled())
with ThreadPoolExecutor() as ex:
    print(ex.submit(lambda a, b=0: a + b, 1, b=2).result())
