print("%s is %d years" % ("Ann", 30))
print("%r %s" % ("x", "x"), "%5.2f|" % 3.14159, "%-10s|" % "left", "%10s|" % "right")
print("%x %X %o %#x %#o" % (255, 255, 8, 255, 8), "%e" % 12345.678, "%g %g" % (0.00001, 123456789))
print("%05d|%-5d|%+d|% d" % (42, 42, 42, 42), "%c%c" % (72, "i"), "%%" % (), "100%%" % ())
print("%(name)s=%(val)d" % {"name": "k", "val": 7}, "%s" % [1, 2], "%s" % (1,), "%s" % ((1, 2),))
print("%.3s|" % "abcdef", "%*d|" % (5, 3), "%-*d|" % (4, 1), "%.*f" % (2, 1.23456))
print("%d" % 3.99, "%i" % -2, "%s %s" % (None, True), "%a" % "é", "%5.1f%%" % 99.5)
try:
    "%d" % "x"
except TypeError as e:
    print("TypeError:", e)
try:
    "%s %s" % ("only one",)
except TypeError as e:
    print("TypeError:", e)
try:
    "%s" % (1, 2)
except TypeError as e:
    print("TypeError:", e)
print(b"%s=%d" % (b"k", 5), b"%x" % 255)
