print("a  b ".split(" "), " a b ".rsplit(None, 1), "a\u3000b".split(), "xéxéx".split("é"), "xéxéx".rsplit("é", 1))
print("%5s|%-5s|%.2s" % ("é", "ü", "日本語"), "%c" % 233, "%x" % 255, "%#X" % 255, "%+.3e" % 1234.5)
print("%(a)s-%(b)r" % {"a": 1, "b": "x"}, "%s" % {"k": 1}, "%*.*f|" % (8, 2, 3.14159), "%-*d|" % (-5, 3))
print("%05.1f|%+05d|% 5d|%o|%#o" % (3.14159, 42, 42, 8, 8), "%g|%G|%e" % (1e-10, 1e20, 0.0))
for fmt, arg in [("%d", "x"), ("%x", 1.5), ("%z", 1), ("%s %s", (1,)), ("%s", (1, 2)), ("%(a)s", 5), ("%", 1), ("%c", "ab"), ("%f", "x"), ("hello", 5)]:
    try:
        print(fmt % arg)
    except Exception as e:
        print(type(e).__name__, e)
print("{0}{1}{0}".format("a", "b"), "{a[0]}{a[1]}".format(a="xy"), "{:{}}|".format("x", 4), "{0:>{1}}|".format("x", 3))
for f, a in [("{0}{}", (1, 2)), ("{}{0}", (1, 2)), ("{", ()), ("}", ()), ("{!x}", (1,)), ("{5}", (1,)), ("{a}", ())]:
    try:
        print(f.format(*a))
    except Exception as e:
        print(type(e).__name__, e)
print("{x}".format_map({"x": 5}), "{0!r:>5}".format("a"), "{!a}".format("é"))
print("ǅ".upper(), "ǆ".title(), "ǅ".istitle(), "ΣΑΣ".lower(), "ΌΣΟΣ ΑΣ".lower(), "ﬁx".upper(), "İ".lower(), "ß".title())
print("Привет Мир".upper(), "ПРИВЕТ".lower(), "привет".title(), "ΑΒΓ δεζ".swapcase(), "straße".casefold())
print("①".isdigit(), "½".isnumeric(), "½".isdigit(), "一".isnumeric(), "一".isalpha(), "٣".isdecimal(), "x²".isidentifier(), "é_1".isidentifier())
print("\xa0".isprintable(), "\xa0".isspace(), "日本".isprintable(), "\u2028".isspace(), "Ab Cd".istitle(), "AB".isupper(), "aB".isupper())
print("abc".center(6, "é"), "abc".center(7, "é"), "ab".center(5), "a".center(4), "é".zfill(3), "-é".zfill(4))
print("a\tb\n\tc".expandtabs(3), "é\tx".expandtabs(4), "x".expandtabs(0))
print("a\r\nb\rc\nd".splitlines(True), "é\x85x".splitlines())
print("ééé".replace("é", "e", 2), "éa".replace("", "-"), "ab".replace("", "-", 2))
print("aéb".find("b"), "aéb".rfind("é"), "aéb".find("b", 2), "aéb".count("", 1), "abc".find("", 10), "abc".count("", 10))
print("éa".strip("é"), "  é  ".strip(), "xyzé".rstrip("é"), "é".startswith("é", 0, 1), "aé".endswith("é", -1))
print("abc".translate({97: 98, 99: "ZZ"}), str.maketrans({"a": "b"}), str.maketrans("a", "b", "c"))
print("a".join(["é", "ü"]), "-".join(("x",)), ", ".join([str(1), str(2)]))
try:
    "".join([1])
except TypeError as e:
    print(e)
try:
    "".join(5)
except TypeError as e:
    print(e)
print("hello".startswith(("x", "h")), "x".index("x"), "abc".rindex("c", 0, 3))
for f in [lambda: 'a'.strip(1), lambda: 'a'.find(1), lambda: 'a'.split(1), lambda: 'a'.replace(1, 2),
          lambda: 'a'.startswith(1), lambda: 'a'.center('x'), lambda: 'a'.zfill('x'), lambda: 'a'.count(),
          lambda: 'a'.rindex('b')]:
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)
print("a b c".split(None, 0), "  a b  ".split(None, 0), "  a b  ".rsplit(None, 0), "a,b".split(",", 0), "a b".rsplit(maxsplit=-1))
print("hello 2world x1y".title(), "they're bill's".title(), "ǉubljana".capitalize(), "ß".upper(), "ﬀ".title())
print("%.0f|%5.1e|%-8.3g|" % (2.5, 12345.0, 0.000123456), "%#x|%#o|%#.3g" % (0, 0, 1.0), "%i|%u" % (True, 7))
print("%d" % 2**70, "%x" % -255, "%o" % -8, "%5c|" % "x", "%.3r" % "abcdef", "%(x)s %%" % {"x": 1})
class P:
    def __init__(self): self.v = 9
    def __format__(self, spec): return "P<" + spec + ">"
p = P()
print("{0.v} {0:abc} {p.v:>4}".format(p, p=p), "{:>{w}.{pr}f}".format(3.14159, w=8, pr=2), "{0[a]}".format({"a": 1}))
print("{!r:^9}".format("x"), "{0!s:>3}".format(1), "{:%}".format(0.5), "{{}}".format(), "{:,}".format(10**10))
try:
    "{:{:{}}}".format(1, 2, 3)
except ValueError as e:
    print(e)
try:
    "{0.}".format(1)
except ValueError as e:
    print(e)
try:
    "{0!}".format(1)
except ValueError as e:
    print(e)
print("x".center(-1), "abc".ljust(2), "a".rjust(3, "é"), "\t".expandtabs(), "ab\tc".expandtabs(tabsize=1))
print("ABC".lower().islower(), "123".isupper(), "A1".isupper(), "Σ".isupper(), "ǅ".isupper(), "ǅ".islower())
print(" ".isidentifier(), "".isidentifier(), "a-b".isidentifier(), "日本".isidentifier(), "".isprintable(), "\x00".isprintable())
print(str.upper("é"), "e\u0301".upper(), "a".__mul__(3), "ab".__getitem__(1), "ab".__contains__("b"), "a" "b".__len__())
print("Hello World".swapcase().swapcase(), "aBc".casefold(), "ΣΊΣΥΦΟΣ".lower(), "AΣ B".lower(), "Σ".lower())
