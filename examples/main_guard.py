# Why multiprocessing needs `if __name__ == "__main__":`. With the "spawn" start method (the
# default on Windows and macOS) a child process is a fresh interpreter that imports this file,
# under the name __mp_main__, to find the function it must run. Every top-level statement runs
# again in each child; only the guarded block does not. Without the guard each child would try
# to start children of its own (multiprocessing stops that with a RuntimeError about the
# "bootstrapping phase"). With "fork" (Linux's default) a child is a copy of the parent and
# imports nothing, which is why an unguarded script can seem to work on Linux.
import multiprocessing
import os


def work(n):
    print("  child %d of the parent %d works on %d" % (os.getpid(), os.getppid(), n), flush=True)


# Runs in the parent, and once more in every spawned child.
print("top level ran as %s" % __name__, flush=True)

if __name__ == "__main__":
    for method in ("spawn", "fork"):
        print("--- start method %r, two children, one after the other:" % method, flush=True)
        for n in range(2):
            p = multiprocessing.get_context(method).Process(target=work, args=(n,))
            p.start()
            p.join()
    print("the top level ran once in the parent, once in each spawned child, never in a forked one")
