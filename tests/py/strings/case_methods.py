s = "hello World, it's a TEST 123"
print(s.upper(), s.lower(), s.title(), s.capitalize(), s.swapcase(), sep="\n")
print("ÉCOLE straße".lower(), "straße".upper(), "ǅ".lower(), "ß".casefold())
print("o'neil mc-donald".title(), "HELLO".capitalize(), "".upper(), "123abc".capitalize())
print("MiXeD".swapcase(), "Ünïcode".swapcase())
