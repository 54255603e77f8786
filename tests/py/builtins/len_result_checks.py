# len() of an object whose __len__ returns something odd, as CPython's slot_sq_length: the
# result goes through __index__, a negative one (however large) is ValueError before any
# OverflowError, and a positive one past sys.maxsize is OverflowError.
import sys


class Index:
    def __index__(self):
        return 7


results = [-sys.maxsize - 10, -(2**200), -1, sys.maxsize, sys.maxsize + 1, 2**200, 0, True,
           Index(), 4.5, None, "3"]
for value in results:

    class L:
        def __len__(self, value=value):
            return value

    try:
        print(len(L()))
    except (TypeError, ValueError, OverflowError) as e:
        print(type(e).__name__, e)
    try:
        print(bool(L()))
    except (TypeError, ValueError, OverflowError) as e:
        print("bool:", type(e).__name__, e)
