s = "the cat sat on the mat"
print(s.replace("at", "og"), s.replace("the", "a", 1), s.replace("zz", "y"), "aaa".replace("a", "bb"))
print("abc".replace("", "-"), "".replace("", "x"), s.replace(" ", ""))
print(s.find("at"), s.find("at", 6), s.find("at", 6, 8), s.find("dog"), s.rfind("at"), s.rfind("at", 0, 10))
print(s.find(""), s.rfind(""), "abc".find("c", -1), "abc".find("a", -1))
print(s.index("sat"), s.rindex("the"), s.count("at"), s.count("t"), "aaaa".count("aa"), "abc".count(""))
try:
    s.index("dog")
except ValueError as e:
    print("ValueError:", e)
try:
    s.rindex("dog")
except ValueError as e:
    print("ValueError:", e)
print(s.count("at", 5), s.count("at", 5, 12))
