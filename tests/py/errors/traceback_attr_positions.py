# Where a traceback points in chained attribute access and method calls spread over lines, and
# at decorators: CPython 3.11 starts the position at the attribute name's line
# (update_start_location_to_match_attr) and reports a decorator call at its `@` line.
import os
import traceback


def show(f):
    try:
        f()
    except Exception:
        # The script's path is absolute (as CPython >= 3.9 makes __main__'s): print its name only,
        # so the expected output does not depend on where the checkout is.
        text = traceback.format_exc().replace(__file__, os.path.basename(__file__))
        print("\n".join(text.splitlines()[3:]))


def method_a():
    (None
        .method
    )()


def method_b():
    (None.
        method
    )()


def method_c():
    (None
        . method
    )()


def attr_load():
    x = (None
        .attr)


def attr_store():
    (None
        .attr) = 1


def attr_del():
    del (None
        .attr)


class Raiser:
    def method(self, *a):
        raise ValueError(a)


def call_raises():
    (Raiser()
        .method
    )(1,
      2)


def call_raises_one_line():
    Raiser().method(3)


def dec_error(func):
    raise TypeError("bad decorator")


def dec_fine(func):
    return func


def applydecs():
    @dec_fine
    @dec_error
    @dec_fine
    def g():
        pass


def applydecs_class():
    @dec_error
    @dec_fine
    class A:
        pass


for f in (method_a, method_b, method_c, attr_load, attr_store, attr_del, call_raises,
          call_raises_one_line, applydecs, applydecs_class):
    print("--", f.__name__)
    show(f)
