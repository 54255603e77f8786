class P:
    def __repr__(self):
        return "P()"
    def __str__(self):
        return "p-str"
p = P()
s = "héllo"
print(f"{p}|{p!s}|{p!r}|{p!a}")
print(f"{s}|{s!s}|{s!r}|{s!a}")
print(f"{42!r} {3.5!s} {None!r} {True!s}")
print(f"{'q'!r:>6}|{s!a:<12}|")
print(f"{[s]!s} {(1, 'a')!r}")
print(f"{'tab	x'!r}")
