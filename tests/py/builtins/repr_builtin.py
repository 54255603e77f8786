values = [1, -1, 1.0, 1.5, 1e100, "s", "it's", 'say "hi"', "both ' and \"", "tab\t", "nl\n",
          "\\", None, True, [], [1, 'a'], (), (1,), (1, 2), {}, {'k': [1]}, b"b", b"'", bytearray(b"x"),
          range(3), range(1, 5, 2), "é", "\x00", "\u2603", "\U0001f600", -0.0, 10 ** 25]
for v in values:
    print(repr(v))
print(repr(repr("x")), ascii("é☃"), ascii([1, "ñ"]))
class C:
    def __repr__(self): return "C!"
print(repr([C(), (C(),), {'c': C()}]))
l = [1]
l.append(l)
print(repr(l))
d = {}
d['self'] = d
print(d)
