b = b"  Hello, World  "
print(b.strip(), b.lower(), b.upper(), b.split(), b.split(b","), b.replace(b"l", b"L"))
print(b.find(b"World"), b.count(b"l"), b.startswith(b"  H"), b.endswith(b"  "), b.index(b","))
print(b"-".join([b"a", b"b"]), b"abc".hex(), bytes.fromhex("ff00"), b"a,b".partition(b","))
print(b"abc".isalpha(), b"123".isdigit(), b"  ".isspace(), b"ABC".isupper(), b"x".center(5, b"*"))
print(b"hello"[1:3], b"hello"[-1], list(b"hi"), b"ab" * 2, b"a" + b"b", b"b" in b"abc")
print(b"x\ny\r\nz".splitlines(), b"abc".title(), b"ab".zfill(4), b"abc".rjust(5), b" x ".lstrip())
print(bytes(b"abc").decode("ascii"), b"%d-%s" % (1, b"x"), b"caf\xc3\xa9".decode())
ba = bytearray(b"abc")
ba.reverse()
print(ba, ba.upper(), ba.find(b"b"), ba + b"!", ba.decode())
try:
    b"a" + "b"
except TypeError as e:
    print("TypeError:", e)
print(b"abc" == "abc", b"abc".decode() == "abc")
