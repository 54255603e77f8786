# Convoy effect (bpo-7946).  An I/O thread loops time.sleep(0.0001); every sleep
# releases the GIL and, next to a CPU-bound thread, getting it back costs about
# one switch interval.  CPython 3.11: the sleep loop is slowed down
# /4.3, /30, /283 at 0.5 / 5 / 50 ms; the CPU thread keeps ~100 % of its speed.
import sys
import threading
import time

DURATION = 0.8
INTERVALS_MS = [0.5, 5, 50]
stop = False
cpu_result = [0, 0.0]


def cpu_worker():
    n = 0
    t0 = time.perf_counter()
    while not stop:
        n += 1
    cpu_result[0] = n
    cpu_result[1] = time.perf_counter() - t0


def io_loop(duration):
    ops = 0
    t0 = time.perf_counter()
    t_end = t0 + duration
    while True:
        time.sleep(0.0001)
        ops += 1
        if time.perf_counter() >= t_end:
            break
    return ops / (time.perf_counter() - t0)


def cpu_alone(duration):
    global stop
    stop = False
    t = threading.Thread(target=cpu_worker)
    t.start()
    time.sleep(duration)
    stop = True
    t.join()
    return cpu_result[0] / cpu_result[1]


def together(duration):
    global stop
    stop = False
    t = threading.Thread(target=cpu_worker)
    t.start()
    rate = io_loop(duration)
    stop = True
    t.join()
    return rate, cpu_result[0] / cpu_result[1]


def main():
    old = sys.getswitchinterval()
    io_alone = io_loop(0.4)
    print("io_ops_per_s_alone=%.0f" % io_alone)
    for ms in INTERVALS_MS:
        sys.setswitchinterval(ms / 1000.0)
        cpu_base = cpu_alone(0.3)
        io_rate, cpu_rate = together(DURATION)
        tag = ("%g" % ms).replace(".", "_")
        print("si%sms_io_ops_per_s=%.1f" % (tag, io_rate))
        print("si%sms_io_slowdown=%.1f" % (tag, io_alone / max(io_rate, 1e-9)))
        print("si%sms_cpu_speed_vs_alone=%.3f" % (tag, cpu_rate / cpu_base))
    sys.setswitchinterval(old)


main()
