import multiprocessing as mp
def add_many(counter, n):
    for _ in range(n):
        with counter.get_lock():
            counter.value += 1
def fill(arr, offset):
    for i in range(len(arr)):
        if i % 2 == offset:
            arr[i] = i * i
if __name__ == '__main__':
    counter = mp.Value('i', 0)
    procs = [mp.Process(target=add_many, args=(counter, 500)) for _ in range(4)]
    for p in procs: p.start()
    for p in procs: p.join()
    print(counter.value)
    arr = mp.Array('d', 6)
    ps = [mp.Process(target=fill, args=(arr, k)) for k in (0, 1)]
    for p in ps: p.start()
    for p in ps: p.join()
    print(list(arr), len(arr), arr[:3])
    ints = mp.Array('i', [5, 6, 7])
    print(list(ints), ints[1])
    f = mp.Value('d', 1.5)
    print(f.value)
