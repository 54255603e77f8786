# LOAD_GLOBAL's cache must never serve a stale value: rebinding, deleting and shadowing globals
# and builtins, one code object run under several globals dicts, and a key whose __eq__ mutates
# the globals during the lookup.
import builtins

x = 1


def get_x():
    return x


print(get_x())
x = 2
print(get_x())
del x
try:
    get_x()
except NameError as e:
    print("NameError:", e)


def use_len():
    return len("abc")


print(use_len())
builtins.len = lambda s: 42
print(use_len())
del builtins.len
try:
    use_len()
except NameError as e:
    print("NameError:", e)
exec("import builtins as b\nb.len = lambda s: sum(1 for _ in s)")
print(use_len())


def shadowed():
    return abs(-5)


print(shadowed())
abs = lambda v: "global abs"
print(shadowed())
del abs
print(shadowed())

code = compile("def f():\n    return y\n", "<s>", "exec")
g1, g2 = {"y": "one"}, {"y": "two"}
exec(code, g1)
exec(code, g2)
for _ in range(3):
    print(g1["f"](), g2["f"]())
g1["y"] = "uno"
print(g1["f"](), g2["f"]())


class Mutator(str):
    # Same hash as "z", unequal; its __eq__ rebinds z in the globals during the lookup.
    def __hash__(self):
        return hash("z")

    def __eq__(self, other):
        globals()["z"] = "rebound"
        return False


z = "first"
print(hash(Mutator("zz")) == hash("z"), hash(Mutator("zz")) == Mutator.__hash__(Mutator("q")))


def get_z():
    return z


print(get_z())
globals()[Mutator("zz")] = 0
print(get_z(), get_z())
z = "last"
print(get_z())


def many():
    return [get_x2() for _ in range(3)]


def get_x2():
    return counter


counter = 0
for i in range(3):
    counter = i
    print(many())
