import multiprocessing as mp
import sys

def work():
    print("child ran")

ctx = mp.get_context("spawn")
if mp.parent_process() is None:
    p = ctx.Process(target=work)
    p.start()
    p.join()
    print("exitcode", p.exitcode)
else:
    # re-imported as __mp_main__ in the spawned child: this start() must refuse
    p = ctx.Process(target=work)
    p.start()
