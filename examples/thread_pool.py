# concurrent.futures.ThreadPoolExecutor: submit + result, map, as_completed,
# and exceptions travelling back through a Future.
import time
from concurrent.futures import ThreadPoolExecutor, as_completed


def slow_square(x):
    time.sleep(0.1 * (x % 3 + 1))   # different tasks take different times
    return x * x


def may_fail(x):
    if x == 3:
        raise ValueError("bad input %d" % x)
    return x


def main():
    with ThreadPoolExecutor(max_workers=4) as ex:
        fut = ex.submit(slow_square, 7)
        print("submit: slow_square(7) ->", fut.result())

        t0 = time.perf_counter()
        print("map (results in input order):", list(ex.map(slow_square, range(8))))
        print("  took %.2f s with 4 workers (sequential: %.1f s)"
              % (time.perf_counter() - t0, sum(0.1 * (x % 3 + 1) for x in range(8))))

        futures = {ex.submit(slow_square, x): x for x in range(6)}
        order = []
        for f in as_completed(futures):
            order.append("%d->%d" % (futures[f], f.result()))
        print("as_completed (fastest first):", ", ".join(order))

        for f in [ex.submit(may_fail, x) for x in range(5)]:
            try:
                f.result()
            except ValueError as e:
                print("exception from a worker:", e)


main()
