# sys.audit / sys.addaudithook (PEP 578): hooks see (event, args) in order, an exception from a
# hook propagates out of audit(), a RuntimeError from a hook vetoes addaudithook silently, and
# audit() without hooks checks nothing but its arity.
import sys


def t(f):
    try:
        print(repr(f()))
    except BaseException as e:
        print(type(e).__name__, e)


t(lambda: sys.audit())
t(lambda: sys.audit(1))
t(lambda: sys.audit('x', 1, 2))
t(lambda: sys.audit('x', a=1))
t(lambda: sys.addaudithook())
print(sys.audit.__text_signature__, sys.addaudithook.__text_signature__)


def h(ev, args):
    if ev.startswith('my.'):
        print('hook', ev, args)


sys.addaudithook(h)
sys.audit('my.event', 1, 'a')
t(lambda: sys.audit(1))


def h2(ev, args):
    if ev == 'my.block':
        raise RuntimeError('blocked')
    if ev == 'sys.addaudithook':
        print('adding hook seen')
        raise RuntimeError('no more hooks')


sys.addaudithook(h2)
t(lambda: sys.audit('my.block'))
t(lambda: sys.addaudithook(print))
sys.audit('my.last')
