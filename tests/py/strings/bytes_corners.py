b = b"a,b,,c"
print(b.split(b","), b.rsplit(b",", 1), b" a  b ".split(), b" a  b ".rsplit(None, 1), bytearray(b"x y").split())
print(b"%5s|%-4d|%x|%c|%c|%r|%a" % (b"ab", 3, 255, 65, b"z", b"q", "é"), b"%(k)s" % {b"k": b"v"}, b"%.1f" % 2.25)
for f, a in [(b"%s", "str"), (b"%d", b"x"), (b"%s %s", (b"a",)), (b"%s", (b"a", b"b"))]:
    try:
        print(f % a)
    except Exception as e:
        print(type(e).__name__, e)
print(bytes.fromhex("de ad BE EF"), bytearray.fromhex("00ff"), b"\x01\xab".hex(), b"\x01\x02\x03".hex(":"), b"\x01\x02\x03".hex("-", 2))
try:
    bytes.fromhex("zz")
except ValueError as e:
    print(e)
ba = bytearray(b"hello")
ba.append(33); ba.extend(b"??"); ba.extend([65, 66]); print(ba, ba.pop(), ba.pop(0), ba)
ba.insert(0, 72); ba.insert(-1, 95); ba.remove(108); print(ba, ba.copy(), ba.copy() is ba)
ba.clear(); print(ba, len(ba))
try:
    ba.remove(1)
except ValueError as e:
    print(e)
try:
    ba.append(300)
except ValueError as e:
    print(e)
print(b"Hello World".swapcase(), b"hello world".title(), b"hELLO".capitalize(), b"abc".istitle(), b"Ab".istitle())
print(b"abcabc".find(b"c"), b"abcabc".rfind(b"c"), b"abcabc".find(99), b"abc".count(b""), b"abcabc".rindex(b"a"))
try:
    b"abc".index(b"z")
except ValueError as e:
    print(e)
print(b"xxaxx".strip(b"x"), b"  a ".rstrip(), b"abc".removeprefix(b"a"), b"abc".removesuffix(b"c"), b"a\tb".expandtabs(4))
print(b"ab".ljust(4, b"-"), b"ab".center(6), b"-5".zfill(4), b"a.b.c".rpartition(b"."), b"abc".rpartition(b"x"))
print(b"abc".translate(bytes.maketrans(b"ab", b"xy")), b"abc".translate(None, b"b"), b"a-b".replace(b"-", b"+"))
print(bytearray(b"a,b").split(b","), bytearray(b"Ab").upper(), b"".join([bytearray(b"a"), b"b"]), bytearray(b"-").join([b"a", b"b"]))
print(b"abc".startswith((b"x", b"a")), b"abc".endswith(b"bc", 1), b"x".isascii(), b"\xff".isascii())
try:
    b"".join(["a"])
except TypeError as e:
    print(e)
