import threading
rl = threading.RLock()
log = []
def recursive(n):
    with rl:
        log.append(n)
        if n > 0:
            recursive(n - 1)
recursive(3)
print(log)
with rl:
    with rl:
        print("re-entered twice")
def other():
    got = rl.acquire(blocking=False)
    log.append(("other got it", got))
    if got:
        rl.release()
rl.acquire()
t = threading.Thread(target=other)
t.start(); t.join()
rl.release()
t = threading.Thread(target=other)
t.start(); t.join()
print(log[-2:])
try:
    rl.release()
except RuntimeError as e:
    print("RuntimeError:", e)
