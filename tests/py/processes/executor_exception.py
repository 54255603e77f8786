from concurrent.futures import ProcessPoolExecutor
class AppError(Exception):
    pass
def fail(x):
    if x < 0:
        raise AppError(f"negative: {x}")
    return x
if __name__ == '__main__':
    with ProcessPoolExecutor(max_workers=2) as ex:
        f = ex.submit(fail, -5)
        try:
            f.result(timeout=30)
        except AppError as e:
            print("re-raised in parent:", type(e).__name__, e)
        print(type(f.exception()).__name__, f.done())
        print(ex.submit(fail, 5).result(timeout=30))
        try:
            list(ex.map(fail, [1, -2, 3]))
        except AppError as e:
            print("map:", e)
