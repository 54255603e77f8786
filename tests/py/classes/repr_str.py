class Both:
    def __repr__(self): return "Both(repr)"
    def __str__(self): return "both-str"
class OnlyRepr:
    def __repr__(self): return "OnlyRepr()"
class OnlyStr:
    def __str__(self): return "only-str"
b, r = Both(), OnlyRepr()
print(b, str(b), repr(b), [b], f"{b}", f"{b!r}")
print(r, str(r), [r], (r,))
s = OnlyStr()
print(s, repr(s).startswith("<__main__.OnlyStr object at "))
class Point:
    def __init__(self, x, y):
        self.x, self.y = x, y
    def __repr__(self):
        return f"Point({self.x!r}, {self.y!r})"
print(Point(1, "a"), {1: Point(2, 3)}, "%s %r" % (Point(0, 0), Point(1, 1)))
print(format(Point(5, 6)), "{}".format(Point(7, 8)))
