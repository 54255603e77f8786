# A picture of the GIL: record which thread holds it, which wait for it and which are blocked
# in a system call, then draw the timeline with minipy's gilview.  Two CPU-bound threads take
# turns every 5 ms (forced switches); a third thread sleeps in a loop and, each time it wakes,
# waits for the GIL (the convoy effect).  minipy only (the gil module).
#
#   minipy examples/gil_timeline.py          # writes gil_timeline.json and gil_timeline.svg
#   minipy -X gil-trace=t.json examples/cpu_bound_threads.py && minipy -m gilview t.json -o t.svg
import threading
import time

import gil
import gilview

stop = False


def cpu_bound():
    n = 0
    while not stop:
        n += 1


def io_bound():
    for _ in range(40):
        time.sleep(0.002)


gil.trace_start("gil_timeline.json")
threads = [threading.Thread(target=cpu_bound, name="cpu-%d" % i) for i in range(2)]
threads.append(threading.Thread(target=io_bound, name="io"))
for t in threads:
    t.start()
threads[2].join()
stop = True
for t in threads:
    t.join()
gil.trace_stop()
gilview.main(["gil_timeline.json", "-o", "gil_timeline.svg", "--title", "Two CPU threads and a sleeper"])
