# The collector stops tracking tuples that can never be part of a cycle (CPython's
# untrack_tuples): filled exact tuples of atoms and of tuples already untracked. Tuples that
# hold containers stay tracked, and cycles through them are still found; the hidden tuple of
# an instance's __slots__ values is tracked again when a container is stored into it.
import gc
import weakref


def tracked_after_collect(t):
    gc.collect()
    return gc.is_tracked(t)


def untracked_eventually(t):
    # Nested tuples can take several collections to untrack: how many depends on the order of
    # the collector's lists (CPython's test_tuple says so too), so only the end is printed.
    for _ in range(40):
        gc.collect()
        if not gc.is_tracked(t):
            return True
    return False


x, y, z = 1.5, "a", []
print("empty", gc.is_tracked(()))
print("fresh", gc.is_tracked(tuple([x, y])))
cases = [
    ("atoms", lambda: tuple([x, y])),
    ("ints", lambda: tuple(range(5))),
    ("none", lambda: tuple([None, True, 3, b"b"])),
    ("list", lambda: tuple([z])),
    ("nested list", lambda: tuple([tuple([x]), tuple([z])])),
    ("dict", lambda: tuple([{}])),
    ("instance", lambda: tuple([object()])),
    ("function", lambda: tuple([tracked_after_collect])),
    ("subclass", lambda: type("T", (tuple,), {})([1, 2])),
]
for name, make in cases:
    t = make()
    print(name, tracked_after_collect(t))
t = tuple([tuple([x]), tuple([y, tuple([1])])])
print("nested", untracked_eventually(t))

# A tree of pairs, as bench/memory/binary_trees.py builds: untracked whole, and freed by
# reference counting.
def make(depth):
    return (None, None) if depth == 0 else (make(depth - 1), make(depth - 1))


tree = make(10)
print("tree", untracked_eventually(tree), gc.is_tracked(tree[0][1][0]))
in_gc = {id(o) for o in gc.get_objects()}
print("tree in get_objects", id(tree) in in_gc)
del tree

# A cycle through a tuple still goes.
class Node:
    pass


n = Node()
n.pair = (n, 1)
r = weakref.ref(n)
del n
gc.collect()
print("cycle through tuple freed", r() is None)


# __slots__ values: once the hidden tuple holds only atoms it may be untracked; storing a
# container (by STORE_ATTR and by setattr) must make it tracked again, or the cycle leaks.
class S:
    __slots__ = ("a", "b", "__weakref__")


def store(s, v):
    s.a = v  # STORE_ATTR's __slots__ fast path


for how in ("store_attr", "setattr"):
    s = S()
    s.a = 1
    s.b = "x"
    gc.collect()
    gc.collect()
    if how == "store_attr":
        store(s, [s])
    else:
        setattr(s, "a", [s])
    r = weakref.ref(s)
    del s
    gc.collect()
    print(how, "slot cycle freed", r() is None)

s = S()
s.a, s.b = 1, 2
gc.collect()
del s.a
s.b = {"self": s}
r = weakref.ref(s)
del s
gc.collect()
print("slot cycle after delete freed", r() is None)
