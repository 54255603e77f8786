from concurrent.futures import ThreadPoolExecutor
def risky(x):
    if x == 3:
        raise ValueError(f"bad input {x}")
    return x
with ThreadPoolExecutor(max_workers=2) as ex:
    futures = [ex.submit(risky, i) for i in range(5)]
    for f in futures:
        try:
            print("ok", f.result())
        except ValueError as e:
            print("re-raised:", type(e).__name__, e)
    bad = futures[3]
    print(type(bad.exception()).__name__, bad.done())
    try:
        list(ex.map(risky, range(5)))
    except ValueError as e:
        print("map raised:", e)
