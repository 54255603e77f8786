# Two CPU-bound threads and one thread that sleeps in a loop: the trace shows holding, waiting,
# blocked in sleep, drop requests, forced switches and three thread starts and ends.
# The CPU threads run until they have seen each other run, rather than for a fixed count: on a
# busy machine a fixed count could finish before the other thread starts, and then nobody waits.
# cpu1 stops once cpu0 made progress twice while cpu1 was alive (cpu1 never blocks, so it must
# have waited for the GIL in between); cpu0 spins until cpu1 is done.
import threading
import time

progress = [0, 0]
done = [False, False]


def spin(me):
    other = 1 - me
    seen = progress[other]
    changes = 0
    deadline = time.monotonic() + 20  # a broken GIL fails the trace check, not the test's timeout
    while time.monotonic() < deadline:
        progress[me] += 1
        if me == 0 and done[1]:
            break
        if me == 1 and progress[other] != seen:
            seen = progress[other]
            changes += 1
            if changes >= 2:
                break
    done[me] = True


def io():
    for _ in range(20):
        time.sleep(0.002)


ts = [threading.Thread(target=spin, args=(i,), name="cpu%d" % i) for i in range(2)]
ts.append(threading.Thread(target=io, name="io"))
for t in ts:
    t.start()
for t in ts:
    t.join()
print("done")
