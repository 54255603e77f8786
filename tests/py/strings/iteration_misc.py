s = "hello"
for ch in s:
    print(ch, end=".")
print()
print(list(enumerate("ab")), [c * 2 for c in "xyz"], set("aab") == {"a", "b"})
print(dict.fromkeys("abc", 0), sorted(set("mississippi")), "".join(sorted("python")))
print(s[1], s[-1], s[1:3], s[::-1], s[::2], s[10:], s[-10:2])
counts = {}
for c in "abracadabra":
    counts[c] = counts.get(c, 0) + 1
print(counts)
print(str.upper("x"), str.join("-", "ab"), "abc".__len__(), "abc".__contains__("b"), "a".__add__("b"))
print("ab".__mul__(3), "abc"[True], "café"[3:])
print("{}".join(["a", "b"]), "abc".translate({ord("a"): "A", ord("b"): None}), "abc".maketrans("ab", "xy") == {97: 120, 98: 121})
print("hello world".translate(str.maketrans("lo", "01")))
