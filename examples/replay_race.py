# A race you can replay.  Four threads do `v = counter; touch(v); counter = v + 1` without a
# lock, and updates get lost; how many depends on exactly when the GIL changes hands.  Under
# minipy -X gil-schedule=SEED the GIL changes hands at check points drawn from SEED, so the
# same seed loses exactly the same updates every time, and another seed others.  This script
# runs itself three times: seed 1, seed 1 again, seed 2.
#
#   minipy examples/replay_race.py
import os
import sys
import threading

if len(sys.argv) > 1 and sys.argv[1] == "race":
    counter = 0

    def touch(v):
        return v

    def add():
        global counter
        for _ in range(20_000):
            v = counter
            touch(v)  # a check point: the GIL may change hands here
            counter = v + 1

    ts = [threading.Thread(target=add) for _ in range(4)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    print("  lost updates: %d of 80000" % (80_000 - counter))
    sys.stdout.flush()
else:
    for seed in (1, 1, 2):
        print("seed %d:" % seed)
        sys.stdout.flush()
        os.system("%s -X gil-schedule=%d %s race" % (sys.executable, seed, sys.argv[0]))
