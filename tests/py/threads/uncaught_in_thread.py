import threading
def target():
    raise ValueError("boom in thread")
t = threading.Thread(target=target)
t.start()
t.join()
print("main continues", t.is_alive())
