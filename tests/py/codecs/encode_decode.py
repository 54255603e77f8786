# str.encode / bytes.decode: the native codecs with every standard error handler.
s = "aé€😀\udcff"
for enc in ["utf-8", "utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le", "UTF_32_BE", "latin-1", "ascii", "cp1252"]:
    for errors in ["strict", "ignore", "replace", "backslashreplace", "xmlcharrefreplace", "namereplace",
                   "surrogateescape", "surrogatepass"]:
        try:
            b = s.encode(enc, errors)
            print(enc, errors, b)
        except UnicodeEncodeError as e:
            print(enc, errors, "UnicodeEncodeError:", e, (e.encoding, e.start, e.end, e.reason))
data = [b"abc", b"\xc3\xa9", b"\xff", b"a\x80b", b"\xe2\x82", b"\xe2\x28\xa1", b"\xf0\x9f\x98", b"\xed\xa0\x80",
        b"\xf4\x90\x80\x80", b"\xc0\xaf", b"\xe0\x80\x80", b"ok\xf0\x9f\x98\x80!"]
for d in data:
    out = []
    for errors in ["strict", "ignore", "replace", "backslashreplace", "surrogateescape", "surrogatepass"]:
        try:
            out.append(ascii(d.decode("utf-8", errors)))
        except UnicodeDecodeError as e:
            out.append(f"{e} [{e.start}:{e.end}]")
    print(d, out)
for d in [b"\xff\xfea\x00", b"\xfe\xff\x00a", b"a\x00b", b"\x00\xd8", b"\x00\xdc\x00\x00", b"\x00\xd8a\x00", b"a"]:
    for enc in ["utf-16", "utf-16-le", "utf-16-be"]:
        try:
            print(enc, d, ascii(d.decode(enc)))
        except UnicodeDecodeError as e:
            print(enc, d, "UnicodeDecodeError:", e)
for d in [b"\xff\xfe\x00\x00a\x00\x00\x00", b"\x00\x00\x11\x00", b"\x00\xd8\x00\x00", b"ab", b"\x00\x00\x00a"]:
    for enc in ["utf-32", "utf-32-le", "utf-32-be"]:
        try:
            print(enc, d, ascii(d.decode(enc, "strict")))
        except UnicodeDecodeError as e:
            print(enc, d, "UnicodeDecodeError:", e)
print(b"\x80\xff".decode("ascii", "replace"), b"\x80abc".decode("latin-1"), b"\xe9t\xe9".decode("iso8859_1"))
print("\udc80\udcff".encode("utf-8", "surrogateescape"), b"\x80\xff".decode("utf-8", "surrogateescape").encode("utf-8", "surrogateescape"))
print("\ud800".encode("utf-16-le", "surrogatepass"), b"\x00\xd8".decode("utf-16-le", "surrogatepass") == "\ud800")
for bad in [lambda: "x".encode("no-such-codec"), lambda: b"x".decode("nope"), lambda: "x".encode("utf-8", "nope-handler") + "é".encode("ascii", "nope-handler"),
            lambda: "x".encode(1), lambda: b"x".decode("utf-8", 5), lambda: "x".encode("rot13"), lambda: b"x".decode("rot13"),
            lambda: "\udc41".encode("utf-8", "surrogateescape"), lambda: b"\x41\xff".decode("ascii", "xmlcharrefreplace")]:
    try:
        print(bad())
    except Exception as e:
        print(type(e).__name__, e)
print(bytes("héllo", "utf-8"), bytearray("x€", "utf-16-be"), str(b"h\xc3\xa9", "utf-8"), str(b"\xff", "utf-8", "replace"))
print("Ünïcödé".encode("cp437"), b"\x9a\x8b".decode("cp437"), "€".encode("cp1252"), b"\x80\x81".decode("cp1252", "replace"))
print("abc".encode("utf_8"), "abc".encode("U8"), "abc".encode("utf8"), "\u20ac".encode("iso8859_15"), "ñ".encode("mac_roman"))
