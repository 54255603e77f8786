# sys.set_coroutine_origin_tracking_depth and cr_origin (asyncio's debug mode), and the
# RuntimeWarning for a coroutine that is never awaited.
import gc
import sys
import warnings


async def coro():
    pass


def make():
    return coro()


print(sys.get_coroutine_origin_tracking_depth())
c = coro()
print(c.cr_origin)
c.close()
sys.set_coroutine_origin_tracking_depth(2)
c = make()
print([(name, line) for _, line, name in c.cr_origin])
c.close()
sys.set_coroutine_origin_tracking_depth(0)
try:
    sys.set_coroutine_origin_tracking_depth(-1)
except ValueError as e:
    print("ValueError:", e)

with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    coro()
    gc.collect()
print([(w.category.__name__, str(w.message)) for w in caught])
c = coro()
c.close()  # closed before it started: no warning
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    del c
    gc.collect()
print(len(caught))
