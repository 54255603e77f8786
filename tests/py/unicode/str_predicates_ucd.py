# str's character predicates (isalpha, isdecimal, isdigit, isnumeric, isprintable, isspace,
# isalnum, isidentifier) and repr's escaping agree with CPython 3.11 on every code point: they
# come from the Unicode Character Database (Debian's unicode-data). Debian's data is Unicode 15.0
# and CPython 3.11's is 14.0, so the characters Unicode 15.0 added are left out. (The case
# predicates and mappings: case_mapping_ucd.py.)
import hashlib

NEW_IN_15 = """0CF3 0ECE 10EFD..10EFF 1123F..11241 11B00..11B09 11F00..11F10 11F12..11F3A 11F3E..11F59
1342F 13439..1343F 13440..13455 1B132 1B155 1D2C0..1D2D3 1DF25..1DF2A 1E030..1E06D 1E08F
1E4D0..1E4F9 1F6DC 1F774..1F776 1F77B..1F77F 1F7D9 1FA75..1FA77 1FA87..1FA88 1FAAD..1FAAF
1FABB..1FABD 1FABF 1FACE..1FACF 1FADA..1FADB 1FAE8 1FAF7..1FAF8 2B739 31350..323AF"""
skip = set()
for item in NEW_IN_15.split():
    lo, _, hi = item.partition("..")
    skip.update(range(int(lo, 16), int(hi or lo, 16) + 1))
chars = [chr(c) for c in range(0x110000) if c not in skip]

for name in ["isalpha", "isdecimal", "isdigit", "isnumeric", "isprintable", "isspace", "isalnum",
             "isidentifier"]:
    test = getattr(str, name)
    hits = [c for c in chars if test(c)]
    digest = hashlib.sha256("".join(hits).encode("utf-8", "surrogatepass")).hexdigest()[:16]
    print(name, len(hits), digest)

# repr escapes exactly the non-printable characters; ascii escapes everything non-ASCII.
sample = "".join(chars[::97])
print("repr", hashlib.sha256(repr(sample).encode("utf-8", "surrogatepass")).hexdigest()[:16])
print("ascii", hashlib.sha256(ascii(sample).encode()).hexdigest()[:16])
print(repr("\u1fff \u0378 \u00ad \u2028 \u3000 \U000e0001 \u4e00 \u0e33 \u00e9"))
print("numeric", [c.isnumeric() for c in "\u4e00\u5104\u3405\u2155\u0bf1"], "\u0e33".isidentifier(), "\u037a".isidentifier())
