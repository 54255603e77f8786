# frame.clear() as CPython 3.11: on the frame of a suspended generator or coroutine it
# finalizes the owner (a generator is closed, running its finally blocks); a frame that runs
# (the generator's own while it executes, or its caller) is a RuntimeError; a finished frame
# drops its locals.
import sys
import warnings


def gen():
    try:
        yield 1
        yield 2
    finally:
        print("finally ran")


g = gen()
next(g)
print(g.gi_frame.clear(), g.gi_frame, g.gi_suspended)
print(list(g))


def gen_from_traceback():
    try:
        1 / 0
    except ZeroDivisionError as e:
        f = e.__traceback__.tb_frame
        for target in (f, f.f_back):
            try:
                target.clear()
            except RuntimeError as err:
                print("RuntimeError", err)
        yield f
    finally:
        print("closed by clear")


g = gen_from_traceback()
f = next(g)
f.clear()
print(g.gi_frame is None)


def gen_self_clear():
    try:
        sys._getframe().clear()
    except RuntimeError as err:
        print("RuntimeError", err)
    yield "after"


print(list(gen_self_clear()))


async def coro():
    return 1


c = coro()
with warnings.catch_warnings(record=True) as w:
    warnings.simplefilter("always")
    c.cr_frame.clear()
print([str(x.message) for x in w])
c.close()


def plain():
    x = [1, 2, 3]
    return sys._getframe()


fr = plain()
print(sorted(fr.f_locals))
fr.clear()
print(fr.f_locals)
