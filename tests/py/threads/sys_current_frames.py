# sys._current_frames() and sys._current_exceptions(): every thread's innermost frame and its
# sys.exc_info(), keyed by thread ident (test_sys's threads wait on them; without these
# functions the test's thread was never released and the process never ended).
import sys
import threading
import traceback

entered = threading.Event()
leave = threading.Event()
ident = []


def outer():
    inner()


def inner():
    ident.append(threading.get_ident())
    try:
        raise ValueError("oops")
    except ValueError:
        entered.set()
        leave.wait()


t = threading.Thread(target=outer)
t.start()
entered.wait()
try:
    frames = sys._current_frames()
    excs = sys._current_exceptions()
finally:
    leave.set()
    t.join()

main = threading.get_ident()
print(main in frames, ident[0] in frames, all(isinstance(k, int) and k > 0 for k in frames))
print(frames[main].f_code.co_name)
names = [entry.name for entry in traceback.extract_stack(frames[ident[0]])]
print(names[names.index("outer"):][:2])
print(excs[main])
etype, evalue, etb = excs[ident[0]]
print(etype.__name__, evalue, etb.tb_frame.f_code.co_name)
