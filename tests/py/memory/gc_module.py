# The gc module's interface.
import gc

print(gc.isenabled())
gc.disable()
print(gc.isenabled())
gc.enable()
print(gc.isenabled())
print(gc.get_threshold())
gc.set_threshold(500, 5, 5)
print(gc.get_threshold())
gc.set_threshold(700, 10, 10)
gc.collect()
print("count after full collection:", gc.get_count())
for bad in (-1, 3):
    try:
        gc.collect(bad)
    except ValueError as e:
        print("ValueError:", e)
try:
    gc.collect("x")
except TypeError as e:
    print("TypeError:", e)
print(gc.collect(0) >= 0, gc.collect(1) >= 0, gc.collect(generation=2) >= 0)

print("is_tracked:", gc.is_tracked(1), gc.is_tracked("s"), gc.is_tracked([]), gc.is_tracked(gc))


class A:
    pass


a = A()
print("instance tracked:", gc.is_tracked(a), "finalized:", gc.is_finalized(a))

inner = [1, 2]
outer = [inner, "x"]
print("referents:", gc.get_referents(outer))
print("referrers:", any(r is outer for r in gc.get_referrers(inner)))
print("objects:", any(o is outer for o in gc.get_objects()))
try:
    gc.get_objects(generation=5)
except ValueError as e:
    print("ValueError:", e)
print("gen objects:", isinstance(gc.get_objects(0), list))

stats = gc.get_stats()
print("stats:", len(stats), sorted(stats[0]))

phases = []


def cb(phase, info):
    phases.append((phase, sorted(info)))


gc.callbacks.append(cb)
gc.collect()
gc.callbacks.remove(cb)
print("callbacks:", phases)

gc.freeze()
print("frozen:", gc.get_freeze_count() > 0)
gc.unfreeze()
print("unfrozen:", gc.get_freeze_count())

gc.set_debug(gc.DEBUG_SAVEALL)
print("debug:", gc.get_debug() == gc.DEBUG_SAVEALL)
l = []
l.append(l)
del l
gc.collect()
print("saved:", len(gc.garbage) == 1 and gc.garbage[0][0] is gc.garbage[0])
gc.set_debug(0)
gc.garbage.clear()
print(gc.DEBUG_STATS, gc.DEBUG_COLLECTABLE, gc.DEBUG_UNCOLLECTABLE, gc.DEBUG_SAVEALL, gc.DEBUG_LEAK)
