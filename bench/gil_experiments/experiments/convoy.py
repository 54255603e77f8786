# The convoy effect (bpo-7946): a thread sleeping 0.1 ms in a loop, alone and beside a CPU-bound
# thread. Headline: io_slowdown = ops/s alone / ops/s beside the CPU thread (CPython 3.11:
# 4.3 / 30 / 283 at 0.5 / 5 / 50 ms; io-priority aims at ~1).
import sys
import threading
import time

sys.setswitchinterval(float(sys.argv[1]))
DURATION = 0.5 * float(sys.argv[2] if len(sys.argv) > 2 else 1)
stop = False


def cpu():
    n = 0
    while not stop:
        n += 1


def io_ops(duration):
    ops = 0
    end = time.perf_counter() + duration
    while time.perf_counter() < end:
        time.sleep(0.0001)
        ops += 1
    return ops / duration


alone = io_ops(DURATION)
c = threading.Thread(target=cpu)
c.start()
beside = io_ops(DURATION)
stop = True
c.join()
print("io_ops_per_s_alone=%.0f" % alone)
print("io_ops_per_s_beside_cpu=%.1f" % beside)
print("io_slowdown=%.2f" % (alone / max(beside, 1e-9)))
