# The interpreter waits for non-daemon threads at exit (threading._shutdown), and pools
# that were never shut down still finish their queued work. Each step waits for the one before,
# and the first one waits until the main thread's code is over.
import threading, time
from concurrent.futures import ThreadPoolExecutor
main_done = threading.Event()
child_done = threading.Event()
grandchild_done = threading.Event()
def late(msg, after, then):
    after.wait()
    time.sleep(0.02)
    print(msg, flush=True)
    then.set()
def spawner():
    threading.Thread(target=late, args=("grandchild finished", child_done, grandchild_done)).start()
threading.Thread(target=late, args=("child finished", main_done, child_done)).start()
threading.Thread(target=spawner).start()
never = threading.Event()
d = threading.Thread(target=late, args=("daemon never prints", never, never), daemon=True)
d.start()
def child_of_daemon():
    print("inherits daemon:", threading.current_thread().daemon, flush=True)
def daemon_parent():
    t = threading.Thread(target=child_of_daemon)
    t.start(); t.join()
dp = threading.Thread(target=daemon_parent, daemon=True)
dp.start(); dp.join()
pool = ThreadPoolExecutor(max_workers=1)
pool.submit(late, "pool task finished", grandchild_done, threading.Event())
print("main done", flush=True)
main_done.set()
