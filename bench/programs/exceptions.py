# Raising and catching exceptions in a loop, custom exception classes, try/finally.


class AppError(Exception):
    def __init__(self, code):
        super().__init__("code %d" % code)
        self.code = code


class NotFound(AppError):
    pass


def lookup(d, k):
    try:
        return d[k]
    except KeyError:
        raise NotFound(k)


def risky(i):
    if i % 3 == 0:
        raise ValueError(i)
    if i % 3 == 1:
        raise AppError(i)
    return i


def main():
    d = {i: i * 2 for i in range(100)}
    total = 0
    finals = 0
    for i in range(550000):
        try:
            total += risky(i)
        except ValueError as e:
            total += e.args[0] % 7
        except AppError as e:
            total += e.code % 5
        finally:
            finals += 1
        try:
            total += lookup(d, i % 150)
        except NotFound as e:
            total += len(str(e))
        try:
            try:
                if i & 1:
                    raise IndexError
            finally:
                finals += 1
        except IndexError:
            total += 1
    print("exceptions", total, finals)


main()
