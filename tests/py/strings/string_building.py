parts = []
for i in range(5):
    parts.append(str(i) * i)
print(parts, "".join(parts), len("".join(parts)))
s = ""
for w in ["a", "bb", "ccc"]:
    s += w + ";"
print(s, s.rstrip(";").split(";"))
table = [("name", "qty"), ("apple", 3), ("kiwi", 12)]
for name, qty in table:
    print(f"{name:<8}|{qty!s:>5}|")
lines = "\n".join(f"{i}: {'*' * i}" for i in range(1, 4))
print(lines)
print(repr("multi\nline"), str(["a", "b"]), str(("x",)))
big = "ab" * 1000
print(len(big), big[:6], big.count("ab"), big[-3:])
