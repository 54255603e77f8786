# Blocking calls release the GIL, so sleeps overlap.  CPython 3.11:
# 10 x sleep(1) 1.002 s, 1000 x sleep(0.1) 0.195 s, 10 x sleep(1) next to a
# CPU-bound thread 1.06 s.
import threading
import time

stop = False


def spin():
    n = 0
    while not stop:
        n += 1


def sleepers(count, seconds):
    ts = [threading.Thread(target=time.sleep, args=(seconds,)) for _ in range(count)]
    t0 = time.perf_counter()
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    return time.perf_counter() - t0


def main():
    global stop
    print("sleep10x1s_wall_s=%.3f" % sleepers(10, 1.0))
    print("sleep1000x0_1s_wall_s=%.3f" % sleepers(1000, 0.1))
    stop = False
    cpu = threading.Thread(target=spin)
    cpu.start()
    w = sleepers(10, 1.0)
    stop = True
    cpu.join()
    print("sleep10x1s_vs_cpu_wall_s=%.3f" % w)


main()
