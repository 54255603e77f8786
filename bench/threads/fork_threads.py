# os.fork() in a process where another thread holds a Lock.  In the child only
# the forking thread survives (it becomes the main thread), a Lock held by the
# other thread stays locked for ever, at-fork hooks run (before: reverse order,
# after: registration order) and new threads work.  Also the cost of fork+wait.
import os
import threading
import time

lock = threading.Lock()
holding = threading.Event()
release = threading.Event()
events = []


def holder():
    with lock:
        holding.set()
        release.wait()


def child_report(w):
    lines = []
    lines.append("child_active_count=%d" % threading.active_count())
    lines.append("child_is_main_thread=%d" % (threading.current_thread() is threading.main_thread()))
    t0 = time.perf_counter()
    got = lock.acquire(timeout=0.2)
    lines.append("child_lock_acquire_0_2s=%s" % got)
    lines.append("child_lock_wait_s=%.3f" % (time.perf_counter() - t0))
    box = []
    t = threading.Thread(target=lambda: box.append(sum(range(1000))))
    t.start()
    t.join()
    lines.append("child_new_thread_works=%d" % (box == [499500]))
    lines.append("child_hook_order=%s" % ",".join(events))
    os.write(w, ("\n".join(lines) + "\n").encode())


def main():
    if hasattr(os, "register_at_fork"):
        os.register_at_fork(before=lambda: events.append("before1"),
                            after_in_child=lambda: events.append("child1"),
                            after_in_parent=lambda: events.append("parent1"))
        os.register_at_fork(before=lambda: events.append("before2"),
                            after_in_child=lambda: events.append("child2"),
                            after_in_parent=lambda: events.append("parent2"))
    t = threading.Thread(target=holder)
    t.start()
    holding.wait()
    r, w = os.pipe()
    pid = os.fork()
    if pid == 0:
        code = 0
        try:
            os.close(r)
            child_report(w)
        except BaseException:
            code = 1
        os._exit(code)
    os.close(w)
    data = b""
    while True:
        chunk = os.read(r, 4096)
        if not chunk:
            break
        data += chunk
    os.close(r)
    _, status = os.waitpid(pid, 0)
    print(data.decode().strip())
    print("child_exit_code=%d" % (status >> 8))
    print("parent_hook_order=%s" % ",".join(events))
    print("parent_active_count=%d" % threading.active_count())
    release.set()
    t.join()
    # cost of fork + _exit + waitpid with one extra thread alive
    n = 30
    t0 = time.perf_counter()
    for _ in range(n):
        pid = os.fork()
        if pid == 0:
            os._exit(0)
        os.waitpid(pid, 0)
    print("fork_exit_wait_ms=%.3f" % ((time.perf_counter() - t0) / n * 1000))


main()
