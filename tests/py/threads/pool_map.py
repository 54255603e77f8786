from concurrent.futures import ThreadPoolExecutor
import time
def work(x):
    time.sleep(0.005 * (x % 3))
    return x * 10
with ThreadPoolExecutor(max_workers=3) as ex:
    print(list(ex.map(work, range(10))))
    print(list(ex.map(lambda a, b: a + b, [1, 2, 3], [10, 20, 30])))
    print(list(ex.map(str.upper, [])))
names = ["alpha", "beta", "gamma"]
with ThreadPoolExecutor(max_workers=2) as ex:
    for name, length in zip(names, ex.map(len, names)):
        print(name, length)
