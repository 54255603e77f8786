# The __hash__ of a built-in type, called as a method, returns exactly what hash() returns,
# for every hash value including those outside 62 bits; a subclass that borrows it
# (__hash__ = str.__hash__) hashes equal to its base and is found in dicts and sets by it.

values = ["x", "minipy", "", "é", "日本", b"bytes", (1, "a"), 2**62, -2**62 - 1, 2**63 + 5,
          -(2**61), 1.5, -0.25, 3 + 4j, frozenset({1, 2}), None, True, range(3)]
for v in values:
    t = type(v)
    print(t.__name__, t.__hash__(v) == hash(v), v.__hash__() == hash(v))


class K(str):
    __hash__ = str.__hash__


class B(bytes):
    __hash__ = bytes.__hash__


class T(tuple):
    __hash__ = tuple.__hash__


for sub, base in [(K, "abc"), (K, "x"), (K, "ünï"), (B, b"xyz"), (T, (1, 2, "z"))]:
    s = sub(base)
    print(sub.__name__, hash(s) == hash(base), {base: "found"}.get(s), s in {base})
    print(sub.__name__, {s: "found"}.get(base), base in {s})

# A user __hash__ returning a large int: hash() uses it as is when it fits 64 bits, and
# hashes it again (as an int) when it does not.
class H:
    def __init__(self, h):
        self.h = h

    def __hash__(self):
        return self.h


for h in [2**62, -2**62 - 1, 2**63 - 1, -2**63, 2**63, 2**64 + 7, -1]:
    print(h, hash(H(h)) == hash(h))
