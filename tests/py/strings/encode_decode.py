s = "héllo wörld €"
b = s.encode("utf-8")
print(b, len(s), len(b), b.decode("utf-8") == s, s.encode() == b)
print("abc".encode("ascii"), "é".encode("latin-1"), b"\xe9".decode("latin-1"))
try:
    "é".encode("ascii")
except UnicodeEncodeError as e:
    print("UnicodeEncodeError:", e)
try:
    b"\xff\xfe".decode("utf-8")
except UnicodeDecodeError as e:
    print("UnicodeDecodeError:", e)
print(b"\xff".decode("utf-8", "replace"), b"a\xffb".decode("utf-8", "ignore"), "é".encode("ascii", "replace"))
print("😀".encode("utf-8"), len("😀".encode()), "😀".encode().decode())
print(bytes("x", "utf-8"), str(b"\xc3\xa9", "utf-8"), "ñ".encode("utf-8").hex())
