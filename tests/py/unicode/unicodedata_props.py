# unicodedata: properties, names, lookup and normalization (characters assigned before Unicode 14).
import unicodedata as u
chars = ["A", "a", "é", "1", "½", "٣", "²", "\u0301", " ", "\u2028", "\t", "€", "中", "가", "\u00ad", "\ue000",
         "\ud800", "\U0001f600", "(", "»", "\u0378", "\uffff", "Ⅻ", "ﬁ", "\u1e9b", "㍱", "\u0f73"]
for ch in chars:
    print(ascii(ch), u.category(ch), u.bidirectional(ch), u.combining(ch), u.mirrored(ch), u.east_asian_width(ch),
          u.decimal(ch, None), u.digit(ch, None), u.numeric(ch, None), repr(u.decomposition(ch)), u.name(ch, "<none>"))
print(u.name("\uac01"), u.name("\ud7a3"), u.name("\u4e00"), u.name("\U00020000"), u.name("\U0002a6d6"), u.name("\ufa0e"))
names = ["LATIN SMALL LETTER A", "latin small letter a", "EURO SIGN", "HANGUL SYLLABLE GAG", "HANGUL SYLLABLE HIH",
         "CJK UNIFIED IDEOGRAPH-4E00", "CJK UNIFIED IDEOGRAPH-20000", "LINE FEED", "BYTE ORDER MARK", "NBSP",
         "LATIN CAPITAL LETTER A WITH MACRON AND GRAVE", "KEYCAP DIGIT ONE", "GRINNING FACE", "SPACE"]
for n in names:
    print(n, ascii(u.lookup(n)))
for bad in ["NO SUCH CHARACTER", "CJK UNIFIED IDEOGRAPH-110000", "HANGUL SYLLABLE XYZ", "", "x" * 300]:
    try:
        u.lookup(bad)
    except KeyError as e:
        print("KeyError", e)
print(u.lookup(b"EURO SIGN"))
for form in ["NFC", "NFD", "NFKC", "NFKD"]:
    for s in ["e\u0301", "é", "\u1e9b\u0323", "ﬁ", "가", "\u1100\u1161\u11a8", "Å", "\u212b", "a\u0328\u0301\u0323",
              "\u0344", "①", "\uff76\uff9e", "x\u0300\u0315\u0301", "\u0f73", "\U0001d15e"]:
        r = u.normalize(form, s)
        print(form, ascii(s), ascii(r), u.is_normalized(form, s), u.is_normalized(form, r))
errors = [lambda: u.category("ab"), lambda: u.category(65), lambda: u.category(""), lambda: u.name("\u0378"),
          lambda: u.decimal("a"), lambda: u.digit("a"), lambda: u.numeric("a"), lambda: u.normalize("NFX", "a"),
          lambda: u.normalize("NFC", 1), lambda: u.is_normalized(None, "a"), lambda: u.lookup(5), lambda: u.name()]
for f in errors:
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)
print(u.name("\0", None), u.numeric("\u2155"), u.numeric("\U00012432"), u.digit("\u2460"), u.decimal("\uff19"))
print("\N{LATIN SMALL LETTER E WITH ACUTE}", "\N{euro sign}", "\N{NBSP}" == "\xa0", "\N{HANGUL SYLLABLE GAG}", "\N{CJK UNIFIED IDEOGRAPH-4E00}")
print(type(u.unidata_version).__name__, u.unidata_version.count("."))
