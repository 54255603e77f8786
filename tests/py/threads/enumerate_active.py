import threading, _thread, time
main = threading.main_thread()
print(threading.active_count(), [t.name for t in threading.enumerate()])
gate = threading.Event()
ts = [threading.Thread(target=gate.wait, name=f"waiter-{i}") for i in range(3)]
for t in ts: t.start()
print(threading.active_count(), sorted(t.name for t in threading.enumerate()))
print(all(t.is_alive() for t in ts))
gate.set()
for t in ts: t.join()
print(threading.active_count(), [t.name for t in threading.enumerate()])

info = {}
done = threading.Event()
def raw():
    cur = threading.current_thread()
    info["name"] = cur.name
    info["daemon"] = cur.daemon
    info["alive"] = cur.is_alive()
    info["ident"] = cur.ident == _thread.get_ident()
    info["in_enumerate"] = cur in threading.enumerate()
    info["not_main"] = cur is not threading.main_thread()
    info["same"] = threading.current_thread() is cur
    done.set()
_thread.start_new_thread(raw, ())
done.wait(10)
print(info["name"].startswith("Dummy-"), info["daemon"], info["alive"], info["ident"],
      info["in_enumerate"], info["not_main"], info["same"])
lock = _thread.allocate_lock()
print(type(lock) is _thread.LockType, isinstance(threading.Lock(), _thread.LockType))
print(threading.TIMEOUT_MAX == _thread.TIMEOUT_MAX, threading.ThreadError is RuntimeError)
threading.settrace(None)
threading.setprofile(None)
print(threading.gettrace(), threading.getprofile())
print(threading.stack_size())
print(sorted(threading.__all__))
