s = "  the quick  brown\tfox\njumps  "
print(s.split(), s.split(" "), "a,b,,c".split(","), "a,b,,c".split(",", 1))
print("a b c d".split(None, 2), "a b c d".rsplit(None, 2), "a-b-c".rsplit("-", 1), "".split(), "".split(","))
print("x::y::z".split("::"), "abc".split("abc"), "  lead".split(" "), "k=v=w".partition("="))
print("-".join(["a", "b", "c"]), "".join([]), ", ".join("xyz"), "\n".join(["l1", "l2"]))
print(" ".join(str(i) for i in range(4)), "+".join(("only",)))
try:
    "".join(["a", 1])
except TypeError as e:
    print("TypeError:", e)
try:
    "a".split("")
except ValueError as e:
    print("ValueError:", e)
print("1 2 3".split(maxsplit=1), "a.b.c".rsplit(".", maxsplit=1), "aXbXc".split(sep="X"))
