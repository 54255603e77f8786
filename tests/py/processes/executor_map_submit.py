from concurrent.futures import ProcessPoolExecutor, as_completed
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)
def tag(x, label="v"):
    return f"{label}{x}"
if __name__ == '__main__':
    with ProcessPoolExecutor(max_workers=2) as ex:
        print(list(ex.map(fib, range(15))))
        futs = [ex.submit(fib, n) for n in (10, 20, 5)]
        print([f.result(timeout=30) for f in futs])
        print(sorted(f.result() for f in as_completed([ex.submit(tag, i, label="n") for i in range(3)])))
        print(list(ex.map(tag, [1, 2], ["a", "b"])))
