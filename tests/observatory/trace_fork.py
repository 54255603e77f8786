# A forked child and multiprocessing Pool workers write their own traces (FILE.PID), whether
# they exit or are terminated.
import multiprocessing
import os
import threading


def spin(n):
    while n:
        n -= 1
    return n


def square(x):
    spin(20_000)
    return x * x


if __name__ == "__main__":
    t = threading.Thread(target=spin, args=(100_000,), name="parent-worker")
    t.start()
    pid = os.fork()
    if pid == 0:
        spin(50_000)
        os._exit(0)
    os.waitpid(pid, 0)
    t.join()
    with multiprocessing.Pool(2) as pool:
        print(pool.map(square, range(6)))
        pool.close()
        pool.join()
    # Leaving `with` without close/join terminates the workers (SIGTERM): they still write.
    with multiprocessing.Pool(2) as pool:
        print(pool.map(square, range(3)))
    print("forked child:", pid)
