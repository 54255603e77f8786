# sys.settrace/sys.gettrace, frame.f_trace, f_trace_lines/f_trace_opcodes, sys.setprofile and
# threading.settrace: the events, their order and f_lineno must be CPython's (vm/trace.h).
import sys

events = []
def tracer(frame, event, arg):
    name = frame.f_code.co_name
    if name in ('tracer', 'local'): return None
    if event == 'exception':
        arg = (arg[0].__name__, str(arg[1]))
    elif event == 'return':
        arg = repr(arg)
    events.append((name, event, frame.f_lineno, arg))
    return local

def local(frame, event, arg):
    return tracer(frame, event, arg)

def f(x):
    y = x + 1
    for i in range(2):
        y += i
    return y

def g():
    try:
        1/0
    except ZeroDivisionError:
        pass
    return f(3)

def gen():
    yield 1
    x = yield 2
    return 5

def one(): return 1

def raiser():
    raise ValueError("boom")

def catcher():
    try:
        raiser()
    except ValueError as e:
        return str(e)

def while_loop():
    n = 3
    while n:
        n -= 1
    return n

class C:
    def m(self):
        return 7

sys.settrace(tracer)
g()
list(gen())
one()
catcher()
while_loop()
C().m()
[x for x in range(2)]
sys.settrace(None)
for e in events: print(e)
print(sys.gettrace())


# ---- part two
import threading
out = []
def tr(frame, event, arg):
    if frame.f_code.co_filename != __file__: return None
    out.append((frame.f_code.co_name, event, frame.f_lineno))
    return tr

def tryfin():
    try:
        x = 1
    finally:
        x = 2
    with open(__file__) as fh:
        y = 3
    for i in range(2):
        if i:
            x += 1
    while x < 5:
        x += 1
    return x

def deleg():
    yield from inner()
def inner():
    yield 1
    yield 2

def thrower():
    try:
        yield 1
    except KeyError:
        yield 2

def noline():
    try:
        pass
    except Exception as e:
        pass
    return 1

sys.settrace(tr)
tryfin()
list(deleg())
g = thrower(); next(g); g.throw(KeyError)
noline()
sys.settrace(None)
for e in out: print(e)

# raising in a trace function turns tracing off
def bad(frame, event, arg):
    if event == 'line': raise RuntimeError("bad tracer")
    return bad
def victim():
    a = 1
    return a
sys.settrace(bad)
try:
    victim()
except RuntimeError as e:
    print("caught", e, sys.gettrace())
sys.settrace(None)

# threading.settrace
seen = []
def ttr(frame, event, arg):
    if event == 'call': seen.append(frame.f_code.co_name)
    return None
def work(): pass
threading.settrace(ttr)
t = threading.Thread(target=work); t.start(); t.join()
threading.settrace(None)
print('work' in seen, sys.gettrace())

# f_trace_lines False, opcode events
cnt = {'line': 0, 'opcode': 0}
def otr(frame, event, arg):
    if event == 'call':
        if frame.f_code.co_name != 'small': return None
        frame.f_trace_lines = False
        frame.f_trace_opcodes = True
        return otr
    if event in cnt: cnt[event] += 1
    return otr
def small():
    a = 1
    return a
sys.settrace(otr); small(); sys.settrace(None)
print(cnt['line'], cnt['opcode'] > 0)

# setprofile
prof = []
def pf(frame, event, arg):
    if frame.f_code.co_filename == __file__ and not event.startswith('c_'): prof.append((frame.f_code.co_name, event))
def pcallee(): return 3
def pcaller(): return pcallee()
sys.setprofile(pf); pcaller(); sys.setprofile(None)
print(prof, sys.getprofile())
