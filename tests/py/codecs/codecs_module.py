# The codecs module over _codecs: lookup, the registries, incremental codecs, escape codecs.
import codecs
info = codecs.lookup("UTF-8")
print(info.name, type(info).__name__, codecs.lookup("latin_1").name, codecs.lookup("cp1252").name, codecs.lookup("U16").name)
print(codecs.encode("héllo", "utf-16-le"), codecs.decode(b"h\x00i\x00", "utf-16-le"),
      codecs.encode("abc", "rot13"), codecs.decode("nop", "rot_13"))
print(codecs.utf_8_decode(b"ab\xe2\x82", "strict", False), codecs.utf_8_decode(b"ab\xe2\x82\xac"), codecs.utf_8_encode("é"))
print(codecs.utf_16_ex_decode(b"\xfe\xff\x00a", "strict", 0, True), codecs.utf_16_decode(b"\xff\xfea\x00b"),
      codecs.utf_32_ex_decode(b"\xff\xfe\x00\x00a\x00\x00\x00"), codecs.utf_16_encode("a"), codecs.utf_32_encode("a", None, 1))
dec = codecs.getincrementaldecoder("utf-8")()
print([dec.decode(b) for b in [b"\xe2", b"\x82", b"\xac", b"x"]], dec.decode(b"", final=True))
dec16 = codecs.getincrementaldecoder("utf-16")()
print([dec16.decode(b) for b in [b"\xff", b"\xfe", b"a", b"\x00\x3d", b"\xd8\x00", b"\xde"]])
enc = codecs.getincrementalencoder("utf-16")()
print(enc.encode("a"), enc.encode("b"), codecs.iterencode(["x", "y"], "utf-32-le").__next__())
print(list(codecs.iterdecode([b"\xc3", b"\xa9", b"!"], "utf-8")))
print(codecs.unicode_escape_encode("a\té\u20ac\U0001f600\\'"), codecs.unicode_escape_decode(b"a\\tb\\x41\\u20ac\\U0001F600\\101\\N{BULLET}"))
print(codecs.raw_unicode_escape_encode("a\\é\u20ac"), codecs.raw_unicode_escape_decode(b"\\u20ac\\\\u20ac\\x41\xe9"))
print(codecs.escape_encode(b"a'\n\x00\xff\\"), codecs.escape_decode(b"a\\n\\x41\\101\\'"), codecs.escape_decode("\\x4"[0:2] + "41"))
for bad in [b"\\x4", b"\\u12", b"\\U00110000", b"\\N{NO SUCH NAME}", b"\\N{", b"\\N", b"abc\\"]:
    try:
        codecs.unicode_escape_decode(bad)
    except UnicodeDecodeError as e:
        print(bad, e)
print(codecs.unicode_escape_decode(b"\\x4", "replace"), codecs.unicode_escape_decode(b"x\\u12", "backslashreplace"))
try:
    codecs.escape_decode(b"\\x4")
except ValueError as e:
    print("ValueError", e)
print(codecs.escape_decode(b"\\x4g", "replace"), codecs.escape_decode(b"\\x4g", "ignore"))
def search(name):
    if name == "my_codec":
        return codecs.CodecInfo(lambda s, errors="strict": (s.upper().encode(), len(s)),
                                lambda b, errors="strict": (bytes(b).decode().lower(), len(b)), name="my-codec")
    return None
codecs.register(search)
print("abc".encode("my-codec"), b"XYZ".decode("My Codec"), codecs.lookup("my codec").name)
codecs.unregister(search)
try:
    codecs.lookup("my_codec")
except LookupError as e:
    print("LookupError", e)
def handler(exc):
    print("handler got", type(exc).__name__, exc.start, exc.end, exc.reason)
    return ("<%d>" % exc.start, exc.end)
codecs.register_error("mine", handler)
print("aé€b".encode("ascii", "mine"), b"a\xffb\xfe".decode("utf-8", "mine"), codecs.lookup_error("mine") is handler)
codecs.register_error("skip2", lambda e: ("", e.start + 2 if isinstance(e, UnicodeDecodeError) else -1))
print(b"\xff\xffab".decode("ascii", "skip2"), "éab".encode("ascii", "skip2"))
codecs.register_error("badret", lambda e: 42)
for f in [lambda: "é".encode("ascii", "badret"), lambda: b"\xff".decode("ascii", "badret"),
          lambda: codecs.lookup_error("unknown"), lambda: codecs.register_error("x", 3), lambda: codecs.register(3),
          lambda: codecs.strict_errors(ValueError("boom")), lambda: codecs.ignore_errors(ValueError("x")),
          lambda: codecs.register_error("far", lambda e: ("", 100)) or b"\xff".decode("ascii", "far")]:
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)
e = UnicodeEncodeError("ascii", "aé€", 1, 3, "nope")
print(codecs.replace_errors(e), codecs.backslashreplace_errors(e), codecs.xmlcharrefreplace_errors(e),
      codecs.namereplace_errors(e), codecs.ignore_errors(e))
d = UnicodeDecodeError("utf-8", b"a\xff\xfe", 1, 3, "bad")
print(codecs.replace_errors(d), codecs.backslashreplace_errors(d), codecs.lookup_error("surrogateescape")(d))
print(codecs.charmap_decode(b"\x00\x01\x02", "strict", "abc"), codecs.charmap_decode(b"\x01\x05", "replace", {1: "x", 5: None}),
      codecs.charmap_encode("ba", "strict", {ord("a"): 1, ord("b"): b"BB"}), codecs.charmap_encode("é", "strict", None))
table = codecs.charmap_build("abc\ufffe")
print(type(table).__name__, codecs.charmap_encode("cab", "strict", table))
try:
    codecs.charmap_encode("abz", "strict", table)
except UnicodeEncodeError as e:
    print(e)
import encodings, locale
print(encodings.search_function("latin-1").name, locale.normalize("en_US.utf8"), locale.getlocale(locale.LC_NUMERIC))
with open(__file__, encoding="utf-8") as f:
    pass
print(codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.readbuffer_encode(b"ab"), codecs.latin_1_decode(b"\xe9"))
