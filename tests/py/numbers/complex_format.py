# repr/str and format() of complex numbers (format_complex_internal's rules).
vals = [1 + 2j, -1.5 - 0.25j, 1j, -1j, 0j, -0j, complex(-0.0, 0.0), 1e20 + 1e-7j, complex(float("inf"), float("nan")),
        complex(0, float("-inf")), 123456.789 + 9876.5j, 1 / 3 + 2 / 3j]
for v in vals:
    print(repr(v), str(v), format(v), f"{v!r:>30}")
specs = ["", "g", ".2f", "10.3e", "<30", "^30.2f", "+", "+.1f", " .3g", "-", "*>25", ",.2f", "_.1f", "#g", "#.0f",
         "E", "G", "n", "z.1f", ".0e", ".3", "20", "x<20g", "F"]
for s in specs:
    print(repr(s), [format(v, s) for v in (1 + 2j, -1234567.891 - 0.0001j, 1j, -0j, complex(float("nan"), -float("inf")))])
for bad in ["010", "0<10", "=10", "%", "d", "s", "x", ".2%"]:
    try:
        format(1 + 2j, bad)
    except ValueError as e:
        print(repr(bad), "->", e)
print("%s %r" % (1j, 2 + 3j), "{} {:.1f}".format(1j, 1.25 + 1j), f"{1 - 1j=}")
try:
    "%f" % 1j
except TypeError as e:
    print(e)
print(repr(1e16j), repr(1.5e-5 + 1e22j), repr(complex(1e-320, 5e-324)), str(complex(2 ** 53, 0.1)))
