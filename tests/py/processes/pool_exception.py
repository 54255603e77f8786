import multiprocessing as mp
def risky(x):
    if x == 2:
        raise ValueError(f"cannot handle {x}")
    return x * 10
if __name__ == '__main__':
    with mp.Pool(2) as pool:
        try:
            pool.map(risky, range(4))
        except ValueError as e:
            print("map re-raised:", type(e).__name__, e)
        r = pool.apply_async(risky, (2,))
        try:
            r.get(timeout=30)
        except ValueError as e:
            print("apply_async re-raised:", e)
        print(r.successful())
        print(pool.map(risky, [0, 1, 3]))
