import threading
buf = []
cond = threading.Condition()
consumed = []
N = 20
def producer():
    for i in range(N):
        with cond:
            while len(buf) >= 3:
                cond.wait()
            buf.append(i)
            cond.notify_all()
def consumer():
    while True:
        with cond:
            while not buf:
                cond.wait()
            item = buf.pop(0)
            cond.notify_all()
        if item == N - 1:
            consumed.append(item)
            return
        consumed.append(item)
c = threading.Thread(target=consumer)
p = threading.Thread(target=producer)
c.start(); p.start()
p.join(); c.join()
print(consumed)
print(consumed == list(range(N)), buf)
with cond:
    print(cond.wait(timeout=0.01))
flag = []
def waiter():
    with cond:
        print("wait_for result", cond.wait_for(lambda: flag, timeout=5))
w = threading.Thread(target=waiter)
w.start()
with cond:
    flag.append(1)
    cond.notify()
w.join()
