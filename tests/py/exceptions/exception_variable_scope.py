try:
    raise ValueError("x")
except ValueError as err:
    saved = err
print('err' in dir(), repr(saved))
def f():
    err = "before"
    try:
        1 / 0
    except ZeroDivisionError as err:
        pass
    try:
        return err
    except UnboundLocalError as u:
        return "UnboundLocalError: " + str(u)
print(f())
def with_else():
    try:
        v = 1
    except Exception:
        v = 2
    else:
        v += 10
    return v
print(with_else())
