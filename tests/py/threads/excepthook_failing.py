import threading
def broken_hook(args):
    raise RuntimeError(f"hook failed for {args.exc_type.__name__}")
threading.excepthook = broken_hook
def work():
    raise ValueError("original")
t = threading.Thread(target=work)
t.start(); t.join()
print("main continues")
