# A finished thread gives back what its thread state held (its contextvars Context, its
# async-generator hooks, its last handled exception) while it still holds the GIL. minipy used to
# drop them after letting go of the GIL: a Context freed that way raced with the main thread's
# cycle collector and corrupted its lists (SIGSEGV in test_asyncio.test_events, where
# call_soon_threadsafe copies the calling thread's context).
import contextvars
import gc
import sys
import threading
import weakref

var = contextvars.ContextVar('var')


class Hook:
    def __call__(self, agen):
        pass


class Payload:
    pass


# ---- the references are gone once the thread is joined
refs = {}


def body():
    hook = Hook()
    refs['hook'] = weakref.ref(hook)
    sys.set_asyncgen_hooks(firstiter=hook)
    payload = Payload()
    refs['payload'] = weakref.ref(payload)
    var.set(payload)  # held by this thread's Context only
    del payload, hook
    try:
        raise ValueError('handled in the thread')
    except ValueError:
        pass


t = threading.Thread(target=body)
t.start()
t.join()
print('hook freed', refs['hook']() is None)
print('context value freed', refs['payload']() is None)
print('main thread unaffected', sys.get_asyncgen_hooks().firstiter, var.get('unset'))

# ---- stress: threads that each make a Context and exit while the main thread collects
def copy_context():
    contextvars.copy_context()
    var.set(Payload())


for i in range(400):
    workers = [threading.Thread(target=copy_context) for _ in range(4)]
    for w in workers:
        w.start()
    junk = [[j] for j in range(200)]
    for j in junk:
        j.append(j)  # cycles, so that the collector has work while the threads exit
    del junk
    gc.collect(0)
    for w in workers:
        w.join()
print('survived 1600 exiting threads beside the collector')
