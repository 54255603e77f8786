# Types whose [] is a mapping subscript (CPython's mp_subscript without sq_item) are not
# iterable through the old __getitem__ protocol: re.Match, types.UnionType. Sequences are.
import re


def show(label, f):
    try:
        print(label, "->", repr(f()))
    except TypeError as e:
        print(label, "-> TypeError:", e)


m = re.match(r"(a)(b)", "ab")
print(m[0], m[1], m[2])
show("iter(match)", lambda: iter(m))
show("'a' in match", lambda: "a" in m)
show("list(match)", lambda: list(m))
u = int | str
show("iter(union)", lambda: iter(u))
show("int in union", lambda: int in u)


class Seq:
    def __getitem__(self, i):
        if i < 3:
            return i * 10
        raise IndexError(i)


print(list(Seq()), 20 in Seq(), 5 in Seq())
print(list(range(3)), list(memoryview(b"ab")), "b" in "abc")
