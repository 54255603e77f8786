import multiprocessing as mp
def cube(x):
    return x ** 3
def describe(name, *, excited=False):
    return name.upper() + ("!" if excited else "")
if __name__ == '__main__':
    with mp.Pool(2) as pool:
        asyncs = [pool.apply_async(cube, (i,)) for i in range(6)]
        print([r.get(timeout=30) for r in asyncs])
        r = pool.apply_async(describe, ("hi",), {"excited": True})
        print(r.get(timeout=30), r.ready(), r.successful())
        print(pool.apply(cube, (11,)))
        m = pool.map_async(cube, [1, 2, 3])
        print(m.get(timeout=30))
