s = "naïve café 日本語 😀!"
print(len(s), s[0], s[2], s[-1], s[-2], s[11:14], s[::-1])
print([c for c in "añb"], list("日本"), "日本語".find("語"), "日本語".index("本"))
print(s.upper(), "ÅÄÖ".lower(), "é" < "f", "é" > "e", sorted("éae"))
print("日本" + "語", "é" * 3, "😀" in s, s.count("é"), s.replace("é", "e"))
print([ord(c) for c in "€😀"], "\u00e9" == "é", len("e\u0301"), "e\u0301" == "é")
for i, ch in enumerate("aé😀"):
    print(i, ch, ord(ch))
print("ñ".center(5, "*"), "日本".rjust(4, "-"), f"{'é':>3}|", "%-3s|" % "ü")
print(str.isalpha("日本語"), "Σ".lower(), "ΑΒΓ".lower())
