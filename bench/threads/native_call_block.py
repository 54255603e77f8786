# No preemption inside a C call.  A thread measures how long time.sleep(0.001)
# plus the wake-up takes (it must re-take the GIL) while another thread runs
#  (a) one long builtin call, sum(range(4*10**7)): the sleeper waits for the
#      whole call (CPython 3.11: ~416 ms max), or
#  (b) a Python-level loop: the sleeper waits ~ one switch interval (~6.2 ms).
import threading
import time

SUM_N = 4 * 10 ** 7
done = False


def sleeper(out):
    worst = 0.0
    total = 0.0
    n = 0
    while not done:
        t0 = time.perf_counter()
        time.sleep(0.001)
        dt = time.perf_counter() - t0
        total += dt
        n += 1
        if dt > worst:
            worst = dt
    out.append(worst)
    out.append(total / max(1, n))
    out.append(n)


def native_work():
    return sum(range(SUM_N))


def python_work(seconds):
    t_end = time.perf_counter() + seconds
    i = 0
    while True:
        i += 1
        if i % 1000 == 0 and time.perf_counter() > t_end:
            break
    return i


def measure(work, *args):
    global done
    done = False
    res = []
    s = threading.Thread(target=sleeper, args=(res,))
    s.start()
    time.sleep(0.02)
    t0 = time.perf_counter()
    w = threading.Thread(target=work, args=args)
    w.start()
    w.join()
    work_s = time.perf_counter() - t0
    done = True
    s.join()
    return res[0], res[1], res[2], work_s


def main():
    global done
    t0 = time.perf_counter()
    native_work()
    alone_call = time.perf_counter() - t0
    print("native_call_alone_ms=%.1f" % (alone_call * 1000))
    # sleeper alone
    done = False
    res = []
    s = threading.Thread(target=sleeper, args=(res,))
    s.start()
    time.sleep(0.3)
    done = True
    s.join()
    print("sleep1ms_alone_max_ms=%.3f" % (res[0] * 1000))
    print("sleep1ms_alone_mean_ms=%.3f" % (res[1] * 1000))
    worst, mean, n, work_s = measure(native_work)
    print("vs_native_call_max_ms=%.3f" % (worst * 1000))
    print("vs_native_call_wakeups=%d" % n)
    worst, mean, n, work_s = measure(python_work, max(0.3, alone_call))
    print("vs_python_loop_max_ms=%.3f" % (worst * 1000))
    print("vs_python_loop_mean_ms=%.3f" % (mean * 1000))


main()
