# minipy's `gil` module (no CPython equivalent, so the expected output is written by hand):
# counters show that an uncontended Lock.acquire never touches the GIL, that two CPU-bound
# threads produce drop requests and forced switches, and that checking for drop requests after
# every instruction (as CPython <= 3.9 effectively could) makes `counter += 1` lose updates.
import gil
import sys
import threading

print("checkpoints:", gil.checkpoints())
me = threading.get_ident()

def mine():
    return [t for t in gil.stats()["threads"] if t["ident"] == me][0]

lock = threading.Lock()
before = mine()["acquisitions"]
for _ in range(10000):
    lock.acquire()
    lock.release()
print("uncontended lock leaves the GIL alone:", mine()["acquisitions"] == before)

gil.reset_stats()
def spin(n):
    while n:
        n -= 1
ts = [threading.Thread(target=spin, args=(3_000_000,)) for _ in range(2)]
for t in ts:
    t.start()
for t in ts:
    t.join()
s = gil.stats()
print("two CPU threads caused drop requests:", s["drop_requests"] > 0)
print("and forced switches:", s["forced_switches"] > 0)
print("switches counted:", s["switches"] > 0)

counter = 0
def add():
    global counter
    for _ in range(100_000):
        counter += 1

def lost_with(mode):
    global counter
    gil.set_checkpoints(mode)
    counter = 0
    ts = [threading.Thread(target=add) for _ in range(4)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    gil.set_checkpoints("default")
    return 400_000 - counter

sys.setswitchinterval(1e-4)
print("default check points lose nothing:", lost_with("default") == 0)
# Losing an update needs a switch inside the read-modify-write, which on a loaded machine may
# not happen in one round: up to five rounds (the property is that it can happen at all).
print("check points everywhere lose updates:", any(lost_with("every") > 0 for _ in range(5)))
