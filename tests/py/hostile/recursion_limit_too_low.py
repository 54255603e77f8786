# Regression (issue 12): sys.setrecursionlimit below the current depth was accepted, after which
# every call failed, even the one meant to restore the limit: CPython's test_exceptions
# (test_recursion_in_except_handler) cascaded into RecursionErrors down to threading._shutdown.
import sys


def set_relative_recursion_limit(n):
    depth = 1
    while True:
        try:
            sys.setrecursionlimit(depth)
        except RecursionError:
            depth += 1
        else:
            break
    sys.setrecursionlimit(depth + n)


def recurse_in_except():
    try:
        1 / 0
    except:
        recurse_in_except()


def recurse_after_except():
    try:
        1 / 0
    except:
        pass
    recurse_after_except()


def recurse_in_body_and_except():
    try:
        recurse_in_body_and_except()
    except:
        recurse_in_body_and_except()


def nested(n):
    if n:
        return nested(n - 1)
    try:
        sys.setrecursionlimit(3)
    except RecursionError as e:
        print("RecursionError:", str(e).split(" at ")[0])


limit = sys.getrecursionlimit()
nested(30)
print(sys.getrecursionlimit() == limit)
try:
    set_relative_recursion_limit(10)
    for func in (recurse_in_except, recurse_after_except, recurse_in_body_and_except):
        try:
            func()
        except RecursionError:
            print(func.__name__, "RecursionError")
finally:
    sys.setrecursionlimit(limit)
print(sys.getrecursionlimit() == limit)
