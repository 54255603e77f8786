import threading, sys
caught = []
def hook(args):
    caught.append((args.exc_type.__name__, str(args.exc_value), args.thread.name,
                   args.exc_traceback is not None))
old = threading.excepthook
threading.excepthook = hook
def fail():
    raise KeyError("missing")
t = threading.Thread(target=fail, name="failer")
t.start(); t.join()
print(caught)
threading.excepthook = old
print(threading.excepthook is threading.__excepthook__)

def leave():
    sys.exit(3)
t = threading.Thread(target=leave)
t.start(); t.join()
print("SystemExit in a thread is silent", t.is_alive())

import _thread
def thread_exit():
    _thread.exit()
t = threading.Thread(target=thread_exit)
t.start(); t.join()
print("_thread.exit is silent too")

args = threading.ExceptHookArgs([ValueError, ValueError("x"), None, None])
print(args.exc_type.__name__, args.exc_value, args.exc_traceback, args.thread)

class Quiet(threading.Thread):
    def run(self):
        raise RuntimeError("subclass failure")
q = Quiet(name="quiet")
threading.excepthook = lambda a: caught.append(a.thread.name)
q.start(); q.join()
threading.excepthook = old
print(caught[-1])
print("done")
