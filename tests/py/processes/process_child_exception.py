import multiprocessing as mp
import sys

def boom(x):
    raise ValueError(f"bad value {x}")

def exit_with_text():
    sys.exit("fatal: giving up")

if __name__ == '__main__':
    p = mp.Process(target=boom, args=(3,))
    p.start()
    p.join()
    print("exitcode", p.exitcode)
    q = mp.Process(target=exit_with_text, name="texter")
    q.start()
    q.join()
    print(q.name, q.exitcode)
    print(repr(p).startswith("<Process name='Process-1' pid="), "exitcode=1" in repr(p))
