def f():
    try:
        {}['missing']
    except KeyError:
        print("logging then re-raising")
        raise
try:
    f()
except KeyError as e:
    print("caller got", repr(e))
def g():
    try:
        raise ValueError("original")
    except ValueError as e:
        err = e
    raise err
try:
    g()
except ValueError as e:
    print("raised stored exception", e)
def h():
    try:
        raise TypeError("first")
    except TypeError as e:
        raise e
try:
    h()
except TypeError as e:
    print("raise e", e, e.__context__)
try:
    raise
except RuntimeError as e:
    print("bare raise with nothing active:", e)
def with_finally():
    try:
        raise KeyError("k")
    finally:
        print("finally before propagation")
try:
    with_finally()
except KeyError:
    print("propagated")
