import multiprocessing as mp
def square(x):
    return x * x
def add(a, b):
    return a + b
if __name__ == '__main__':
    with mp.Pool(processes=3) as pool:
        print(pool.map(square, range(10)))
        print(pool.starmap(add, [(1, 2), (3, 4), (5, 6)]))
        print(sorted(pool.imap_unordered(square, range(5))))
        print(list(pool.imap(square, [7, 8])))
        print(pool.map(square, []))
