# concurrent.futures details that scripts and libraries rely on: reprs, wait()'s result type,
# FIRST_EXCEPTION, as_completed's timeout message, map() cancelling when closed early,
# set_result on a done future, Future[int].
import concurrent.futures as cf
import threading
import time

f = cf.Future()
print(repr(f).split(' at ')[0], repr(f).endswith('state=pending>'))
f.set_result(3)
print(repr(f).split(' state=')[1])
try:
    f.set_result(4)
except cf.InvalidStateError as e:
    print('InvalidStateError:', str(e).split(':')[0])
g = cf.Future()
g.set_exception(ValueError('x'))
print(repr(g).split(' state=')[1], type(g.exception()).__name__)
c = cf.Future()
print(c.cancel(), c.cancelled(), c.done(), c.set_running_or_notify_cancel())
try:
    c.result()
except cf.CancelledError:
    print('CancelledError')

r = cf.wait([f, g])
print(type(r).__name__, len(r.done), r.not_done, r == (r.done, r.not_done))
print(repr(cf.wait([f])).startswith('DoneAndNotDoneFutures(done={'))

gate = threading.Event()
with cf.ThreadPoolExecutor(4) as ex:
    slow = ex.submit(gate.wait, 5)
    bad = ex.submit(lambda: 1 / 0)
    done, not_done = cf.wait([slow, bad], return_when=cf.FIRST_EXCEPTION)
    print(bad in done, slow in not_done)
    try:
        list(cf.as_completed([slow], timeout=0.05))
    except cf.TimeoutError as e:
        print('TimeoutError:', e)
    gate.set()
    print(sorted(f.result() for f in cf.as_completed([ex.submit(pow, 2, i) for i in range(5)])))

with cf.ThreadPoolExecutor(1) as ex:
    started = []
    it = ex.map(lambda i: (started.append(i), time.sleep(0.02))[0], range(20))
    next(it)
    it.close()
print(len(started) < 20)
print(cf.Future[int])
try:
    cf.ThreadPoolExecutor(0)
except ValueError as e:
    print('ValueError:', e)
ex = cf.ThreadPoolExecutor(2, thread_name_prefix='pool')
print(ex.submit(lambda: threading.current_thread().name).result())
ex.shutdown()
try:
    ex.submit(print)
except RuntimeError as e:
    print('RuntimeError:', e)
