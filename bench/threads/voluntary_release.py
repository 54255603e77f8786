# Voluntary GIL releases are not hand-offs.  os.write/os.read release the GIL
# around the system call even when it would not block; if the waiting CPU thread
# has not woken up by the time the call returns, the caller simply takes the GIL
# back.  We count the calls during which the CPU thread's counter did not move
# (= the writer kept the GIL).  CPython 3.11: ~97 % of write calls keep it.
import os
import threading
import time

DURATION = 1.0
stop = False
cpu_count = 0


def cpu_worker():
    global cpu_count
    while not stop:
        cpu_count += 1


def io_calls(r, w, duration):
    # returns (calls, calls after which the CPU counter had not advanced, longest run)
    calls = 0
    kept = 0
    run = 0
    longest = 0
    t_end = time.perf_counter() + duration
    while time.perf_counter() < t_end:
        for _ in range(50):
            c0 = cpu_count
            os.write(w, b"x")
            if cpu_count == c0:
                kept += 1
                run += 1
            else:
                run = 0
            c0 = cpu_count
            os.read(r, 1)
            if cpu_count == c0:
                kept += 1
                run += 1
            else:
                run = 0
            calls += 2
            if run > longest:
                longest = run
    return calls, kept, longest


def main():
    global stop
    r, w = os.pipe()
    if hasattr(os, "set_blocking"):
        os.set_blocking(w, False)
    t0 = time.perf_counter()
    calls, kept, longest = io_calls(r, w, 0.3)
    print("calls_per_s_alone=%.0f" % (calls / (time.perf_counter() - t0)))
    stop = False
    t = threading.Thread(target=cpu_worker)
    t.start()
    time.sleep(0.01)
    t0 = time.perf_counter()
    calls, kept, longest = io_calls(r, w, DURATION)
    el = time.perf_counter() - t0
    stop = True
    t.join()
    print("calls_per_s_vs_cpu=%.0f" % (calls / el))
    print("calls_vs_cpu=%d" % calls)
    print("kept_gil_pct=%.1f" % (100.0 * kept / max(1, calls)))
    print("longest_run_without_cpu_progress=%d" % longest)
    os.close(r)
    os.close(w)


main()
