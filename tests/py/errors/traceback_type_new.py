# types.TracebackType(tb_next, tb_frame, tb_lasti, tb_lineno): CPython's constructor, its
# argument checks and messages; the attributes read back as given; a made traceback can be
# attached to an exception and chained.
import sys
import types


def get_tb():
    try:
        raise ValueError
    except ValueError as e:
        return e.__traceback__


frame = sys._getframe()
other = get_tb()
tb = types.TracebackType(other, frame, 7, 42)
print(tb.tb_next is other, tb.tb_frame is frame, tb.tb_lasti, tb.tb_lineno)
tb = types.TracebackType(None, frame, 1, 2)
print(tb.tb_next, tb.tb_lasti, tb.tb_lineno)
tb = types.TracebackType(tb_next=None, tb_frame=frame, tb_lasti=-3, tb_lineno=-1)
print(tb.tb_lasti, tb.tb_lineno == frame.f_code.co_firstlineno)

cases = [
    (),
    (None,),
    ("no", frame, 1, 2),
    (other, "no", 1, 2),
    (other, None, 1, 2),
    (other, frame, "no", 2),
    (other, frame, 1, "nuh-uh"),
    (other, frame, 1.5, 2),
    (other, frame, 2**40, 2),
    (other, frame, 1, 2, 3),
]
for args in cases:
    try:
        types.TracebackType(*args)
    except (TypeError, OverflowError) as e:
        print(type(e).__name__, e)
try:
    types.TracebackType(other, frame, 1, 2, tb_frame=frame)
except TypeError as e:
    print("TypeError", e)

# Attached to an exception, the very object comes back; tb_next can be re-pointed at it.
made = types.TracebackType(None, frame, 0, 5)
err = KeyError("k").with_traceback(made)
print(err.__traceback__ is made)
made2 = types.TracebackType(made, frame, 0, 6)
print([t.tb_lineno for t in (made2, made2.tb_next)])
other.tb_next = made
print(other.tb_next is made)
try:
    made.tb_next = made2
except ValueError as e:
    print("ValueError", e)
