import threading
main = threading.current_thread()
print(main.name, main is threading.main_thread(), main.is_alive(), main.daemon)
seen = []
def record():
    cur = threading.current_thread()
    seen.append((cur.name, cur is threading.main_thread(), cur.ident != main.ident))
t = threading.Thread(target=record, name="helper")
t.start(); t.join()
print(seen)
print(threading.active_count() >= 1, isinstance(threading.get_ident(), int))
print(any(th is main for th in threading.enumerate()))
