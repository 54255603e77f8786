import multiprocessing as mp
import sys
def ok():
    pass
def fail_with(code):
    sys.exit(code)
def crash():
    raise SystemExit(1)
if __name__ == '__main__':
    p = mp.Process(target=ok)
    print(p.exitcode, p.is_alive())
    p.start()
    p.join()
    print(p.exitcode, p.is_alive())
    codes = []
    for code in (0, 3, 7):
        q = mp.Process(target=fail_with, args=(code,))
        q.start(); q.join()
        codes.append(q.exitcode)
    print(codes)
    c = mp.Process(target=crash, name="crasher")
    c.start(); c.join()
    print(c.name, c.exitcode)
    print(mp.current_process().name)
