# Frame objects: sys._getframe, f_back/f_locals/f_lineno, tb_frame, and what the library builds on
# them (traceback.print_exc, format_stack, warnings stacklevel, logging funcName/lineno).
import sys, traceback, warnings, logging
def f(a, b=2):
    x = a + b
    fr = sys._getframe()
    return fr, sys._getframe(1)
fr, caller = f(1)
print(fr.f_code.co_name, sorted(k for k in fr.f_locals), fr.f_back is caller, caller.f_code.co_name)
print(fr.f_lineno, fr.f_globals is globals())
def g():
    def inner():
        1/0
    inner()
try:
    g()
except ZeroDivisionError:
    import io, os
    buf = io.StringIO()
    traceback.print_exc(file=buf)
    print(buf.getvalue().replace(os.path.dirname(os.path.abspath(__file__)), '<dir>'), end='')
    tb = sys.exc_info()[2]
    while tb.tb_next: tb = tb.tb_next
    print(tb.tb_frame.f_code.co_name, tb.tb_frame.f_back.f_code.co_name, tb.tb_lineno)
print(traceback.format_stack()[-1].strip().replace(os.path.dirname(os.path.abspath(__file__)), '<dir>'))
warnings.simplefilter("always")
warnings.showwarning = lambda m, c, fn, ln, *a: print("warn", m, c.__name__, fn.endswith("fr.py"), ln)
warnings.warn("careful")
def h():
    warnings.warn("up", stacklevel=2)
h()
logging.basicConfig(stream=sys.stdout, format="%(funcName)s:%(lineno)d %(message)s")
def logit():
    logging.warning("logged")
logit()
try:
    sys._getframe(1000)
except ValueError as e:
    print(e)
def gen():
    yield sys._getframe()
gf = next(gen())
print(gf.f_code.co_name)
