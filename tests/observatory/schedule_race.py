# -X gil-schedule=SEED: an unlocked read-modify-write across four threads loses updates, and the
# seeded scheduler makes the loss reproducible. Prints the number of lost updates.
import threading

counter = 0


def add():
    global counter
    for _ in range(20_000):
        v = counter
        abs(v)  # returning from a native call is a check point: a switch may come here
        counter = v + 1


ts = [threading.Thread(target=add) for _ in range(4)]
for t in ts:
    t.start()
for t in ts:
    t.join()
print(80_000 - counter)
