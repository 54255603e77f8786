import threading

def worker():
    pass

class Plain(threading.Thread):
    pass

t1 = threading.Thread(target=worker)
t2 = threading.Thread(target=lambda: None)
t3 = Plain()
t4 = threading.Thread(target=worker, name="custom")
t5 = threading.Thread(target=worker, name=42)
print(t1.name)
print(t2.name)
print(t3.name)
print(t4.name, t5.name, type(t5.name).__name__)
t1.name = "renamed"
print(t1.name)
t1.name = "again"; print(t1.name)
print(t1.ident, t1.native_id, t1.is_alive())
print(repr(t4).startswith("<Thread(custom, initial"), repr(t3).startswith("<Plain(Thread-3, initial"))
seen = {}
def record():
    me = threading.current_thread()
    seen["name"] = me.name
    seen["ident"] = me.ident == threading.get_ident()
    seen["native"] = isinstance(threading.get_native_id(), int) and me.native_id == threading.get_native_id()
t6 = threading.Thread(target=record)
t6.start(); t6.join()
print(seen["name"], seen["ident"], seen["native"])
print(isinstance(t6.ident, int), isinstance(t6.native_id, int))
print("stopped" in repr(t6), repr(t6).startswith("<Thread(Thread-4 (record), stopped"))
t7 = threading.Timer(1, worker)
print(t7.name)
print(threading.main_thread().name, threading.current_thread().name)
