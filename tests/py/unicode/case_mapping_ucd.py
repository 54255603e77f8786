# str's case methods and predicates follow the UCD: UnicodeData's simple mappings, SpecialCasing's
# unconditional full mappings, CaseFolding's C and F entries and the Lowercase/Uppercase/Cased/
# Case_Ignorable properties. Checked over every code point Unicode 14 assigns (CPython 3.11's
# data) that 15.0 did not change, by a digest, and on strings where context matters.
import hashlib
import unicodedata

# Debian's data is Unicode 15.0, CPython 3.11's 14.0: left out are the code points 15.0 added
# (as in str_predicates_ucd.py) and five modifier letters that gained Other_Lowercase.
NEW_IN_15 = """0CF3 0ECE 10EFD..10EFF 1123F..11241 11B00..11B09 11F00..11F10 11F12..11F3A 11F3E..11F59
1342F 13439..1343F 13440..13455 1B132 1B155 1D2C0..1D2D3 1DF25..1DF2A 1E030..1E06D 1E08F
1E4D0..1E4F9 1F6DC 1F774..1F776 1F77B..1F77F 1F7D9 1FA75..1FA77 1FA87..1FA88 1FAAD..1FAAF
1FABB..1FABD 1FABF 1FACE..1FACF 1FADA..1FADB 1FAE8 1FAF7..1FAF8 2B739 31350..323AF
10FC A7F2..A7F4 AB69"""
CHANGED_IN_15 = set()
for item in NEW_IN_15.split():
    first, _, last = item.partition("..")
    CHANGED_IN_15.update(range(int(first, 16), int(last or first, 16) + 1))

rows = []
counts = {"isupper": 0, "islower": 0, "istitle": 0, "upper_changes": 0, "multi": 0}
for c in range(0x110000):
    if c in CHANGED_IN_15 or (0xD800 <= c <= 0xDFFF):
        continue
    ch = chr(c)
    if unicodedata.category(ch) == "Cn":
        continue
    up, lo, ti, fo = ch.upper(), ch.lower(), ch.title(), ch.casefold()
    counts["isupper"] += ch.isupper()
    counts["islower"] += ch.islower()
    counts["istitle"] += ch.istitle()
    counts["upper_changes"] += up != ch
    counts["multi"] += max(len(up), len(lo), len(ti), len(fo)) > 1
    if up != ch or lo != ch or ti != ch or fo != ch or ch.isupper() or ch.islower():
        rows.append("%x %s %s %s %s %d%d%d" % (c, up, lo, ti, fo, ch.isupper(), ch.islower(), ch.istitle()))
print(sorted(counts.items()))
print("rows:", len(rows))
for lo, hi in [(0, 0x250), (0x370, 0x530), (0x1E00, 0x2000), (0x10400, 0x1E944)]:
    part = [r for r in rows if lo <= int(r.split()[0], 16) < hi]
    print(hex(lo), len(part), hashlib.sha1("\n".join(part).encode("utf-8", "surrogatepass")).hexdigest())

# Context: final sigma (skipping case-ignorable characters), title case after apostrophes,
# titlecase digraphs, special casing, and the predicates on mixed strings.
for s in ["ΣΑΣ", "ΑΣ.", "Σ", "aΣ b", "ΑΣ'Σ", "A\u00adΣ", "ǆemal ǈubljana", "ﬁsh ﬂow", "İstanbul",
          "straße", "ŉ", "ǰ", "ᾳ ᾼ", "they're bill's", "Ꭰꭰ", "ԱՐՄԵՆԻԱ և", "𐐀𐐨", "ꙀꙁⰀⰰ"]:
    print(repr(s), repr(s.upper()), repr(s.lower()), repr(s.title()), repr(s.swapcase()),
          repr(s.capitalize()), repr(s.casefold()), s.isupper(), s.islower(), s.istitle())
