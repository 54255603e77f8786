import threading, time
cond = threading.Condition()
woken = []
ready = []
def waiter(i):
    with cond:
        ready.append(i)
        cond.wait()
        woken.append(i)
threads = [threading.Thread(target=waiter, args=(i,)) for i in range(5)]
for t in threads: t.start()
while True:
    with cond:
        if len(ready) == 5:
            break
    time.sleep(0.005)
with cond:
    cond.notify(2)
time.sleep(0.1)
with cond:
    print("after notify(2):", len(woken))
    cond.notify_all()
for t in threads: t.join()
print("after notify_all:", sorted(woken))

try:
    cond.wait()
except RuntimeError as e:
    print("RuntimeError:", e)
try:
    cond.notify()
except RuntimeError as e:
    print("RuntimeError:", e)

plain = threading.Condition(threading.Lock())
with plain:
    print(plain.wait(0), plain.wait(0.01))
    print(plain.wait_for(lambda: 0, timeout=0.01))
    print(plain.wait_for(lambda: "ready"))
    plain.notify()
    plain.notify_all()

state = {"n": 0}
def bump():
    for _ in range(3):
        time.sleep(0.01)
        with plain:
            state["n"] += 1
            plain.notify_all()
t = threading.Thread(target=bump)
t.start()
with plain:
    print(plain.wait_for(lambda: state["n"] >= 3, timeout=10))
t.join()

rc = threading.Condition(threading.RLock())
with rc:
    with rc:
        print(rc.wait(0.01))
    print(rc._is_owned())
print(rc._is_owned())
print(repr(cond).startswith("<Condition("))
