#!/usr/bin/env python3
"""Generates minipy's Unicode Character Database tables (unicode/) at build time.

usage: gen_unicode_tables.py UCD_DIR OUT.cpp

UCD_DIR is Debian's `unicode-data` package (/usr/share/unicode). The output is compact C++
arrays read by unicode/unicode_db.cpp:
  * a two-level index (code point >> 7, then the low 7 bits) of property records
    (general category, combining class, bidirectional class, East Asian width, mirrored,
    XID_Start/XID_Continue, the case properties Lowercase/Uppercase/Cased/Case_Ignorable);
  * case mappings: per code point that has one, its full lower, upper, title and fold mappings
    (UnicodeData.txt's simple mappings, SpecialCasing.txt's unconditional entries, CaseFolding.txt's
    C and F entries), as CPython's makeunicodedata.py derives them;
  * names as sequences of word numbers (one byte for the 128 most frequent words, two otherwise)
    over a word list, plus name aliases and named sequences; CJK unified ideographs and Hangul
    syllables are named algorithmically at run time;
  * decompositions, numeric values (UnicodeData.txt, and the Han numerals of
    Unihan_NumericValues.txt.bz2) and the composition exclusions for normalization.
Only the output depends on the data; nothing generated is committed.
"""
import bz2
import os
import sys
from collections import Counter

CATEGORIES = ["Cn", "Lu", "Ll", "Lt", "Mn", "Mc", "Me", "Nd", "Nl", "No", "Zs", "Zl", "Zp", "Cc", "Cf",
              "Cs", "Co", "Cn", "Lm", "Lo", "Pc", "Pd", "Ps", "Pe", "Pi", "Pf", "Po", "Sm", "Sc", "Sk", "So"]
BIDI = ["", "L", "LRE", "LRO", "R", "AL", "RLE", "RLO", "PDF", "EN", "ES", "ET", "AN", "CS", "NSM", "BN", "B",
        "S", "WS", "ON", "LRI", "RLI", "FSI", "PDI"]
EAW = ["F", "H", "W", "Na", "A", "N"]
SHIFT = 7


def ranges(path):
    """Yields (first, last, fields) for the data lines of a UCD text file."""
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.split("#", 1)[0].strip()
            if not line:
                continue
            fields = [x.strip() for x in line.split(";")]
            cps = fields[0].split("..")
            first = int(cps[0], 16)
            last = int(cps[1], 16) if len(cps) > 1 else first
            yield first, last, fields[1:]


def version(ucd):
    with open(os.path.join(ucd, "DerivedAge.txt"), encoding="utf-8") as f:
        head = f.readline()  # "# DerivedAge-15.0.0.txt"
    return head.split("-", 1)[1].rsplit(".txt", 1)[0]


def main():
    ucd, out_path = sys.argv[1], sys.argv[2]
    n = 0x110000
    category = [0] * n
    combining = [0] * n
    bidi = [0] * n
    mirrored = [0] * n
    # Unassigned code points keep the null record (CPython's): Cn, '', 0, and width 'F'.
    eaw = [0] * n
    assigned = [False] * n
    names = {}
    decomp = {}
    numeric = {}
    simple_upper, simple_lower, simple_title = {}, {}, {}

    with open(os.path.join(ucd, "UnicodeData.txt"), encoding="utf-8") as f:
        range_start = None
        for line in f:
            fields = line.rstrip("\n").split(";")
            cp = int(fields[0], 16)
            name = fields[1]
            if name.endswith(", First>"):
                range_start = cp
                continue
            first = cp
            if name.endswith(", Last>"):
                first = range_start
                name = ""
            elif name.startswith("<"):
                name = ""  # <control> and the like have no name
            for c in range(first, cp + 1):
                category[c] = CATEGORIES.index(fields[2], 1)
                combining[c] = int(fields[3])
                bidi[c] = BIDI.index(fields[4])
                mirrored[c] = 1 if fields[9] == "Y" else 0
                assigned[c] = True
                eaw[c] = EAW.index("N")
            if name:
                names[cp] = name
            if fields[5]:
                parts = fields[5].split()
                tag = ""
                if parts[0].startswith("<"):
                    tag, parts = parts[0], parts[1:]
                decomp[cp] = (tag, [int(x, 16) for x in parts])
            for field, table in ((12, simple_upper), (13, simple_lower), (14, simple_title)):
                if fields[field]:
                    table[cp] = int(fields[field], 16)
            if fields[8]:
                dec = int(fields[6]) if fields[6] else -1
                dig = int(fields[7]) if fields[7] else -1
                num = fields[8]
                if "/" in num:
                    a, b = num.split("/")
                    value = int(a) / int(b)
                else:
                    value = float(int(num))
                numeric[cp] = (dec, dig, value)

    # Han characters with numeric values (kPrimaryNumeric, kAccountingNumeric, kOtherNumeric), as
    # CPython's makeunicodedata.py reads them: numeric, neither decimal nor digit ('\u4e00' is 1).
    with bz2.open(os.path.join(ucd, "Unihan_NumericValues.txt.bz2"), "rt", encoding="utf-8") as f:
        for line in f:
            fields = line.split("\t")
            if len(fields) == 3 and fields[0].startswith("U+") and fields[1].endswith("Numeric"):
                cp = int(fields[0][2:], 16)
                numeric.setdefault(cp, (-1, -1, float(int(fields[2]))))

    # XID_Start / XID_Continue (str.isidentifier), bits 0 and 1 of a record's xid; the case
    # properties (str.isupper/islower, the title-case and final-sigma rules), bits 0-3 of casing.
    xid = [0] * n
    casing = [0] * n
    for first, last, fields in ranges(os.path.join(ucd, "DerivedCoreProperties.txt")):
        bit = {"XID_Start": 1, "XID_Continue": 2}.get(fields[0])
        if bit:
            for c in range(first, last + 1):
                xid[c] |= bit
        bit = {"Lowercase": 1, "Uppercase": 2, "Cased": 4, "Case_Ignorable": 8}.get(fields[0])
        if bit:
            for c in range(first, last + 1):
                casing[c] |= bit

    # Full case mappings: the simple ones, replaced by SpecialCasing's unconditional entries
    # (the conditional ones, Final_Sigma and the language-specific rules, are applied by code or,
    # as in CPython, not at all); casefold from CaseFolding's common and full entries.
    special = {}
    for first, _, fields in ranges(os.path.join(ucd, "SpecialCasing.txt")):
        if len(fields) > 3 and fields[3]:
            continue  # conditional
        special[first] = [[int(x, 16) for x in f.split()] for f in fields[:3]]  # lower, title, upper
    folding = {}
    for first, _, fields in ranges(os.path.join(ucd, "CaseFolding.txt")):
        if fields[0] in ("C", "F"):
            folding[first] = [int(x, 16) for x in fields[1].split()]
    full = {}  # cp -> [lower, upper, title, fold], each a list of code points
    for c in set(simple_lower) | set(simple_upper) | set(simple_title) | set(special) | set(folding):
        if c in special:
            lo, ti, up = special[c]
        else:
            lo, up = [simple_lower.get(c, c)], [simple_upper.get(c, c)]
            ti = [simple_title.get(c, up[0])]
        # Fold is CaseFolding's entry, or the code point itself: not its lower mapping (as
        # CPython's tables: Cherokee capitals fold to themselves, their small letters to them).
        fold = folding.get(c, [c])
        full[c] = [lo, up, ti, fold]
    full = {c: m for c, m in full.items() if any(x != [c] for x in m)}
    for c in full:
        casing[c] |= 16  # has a mapping entry

    for first, last, fields in ranges(os.path.join(ucd, "EastAsianWidth.txt")):
        for c in range(first, last + 1):
            if assigned[c]:
                eaw[c] = EAW.index(fields[0])

    exclusions = set()
    for first, last, fields in ranges(os.path.join(ucd, "DerivedNormalizationProps.txt")):
        if fields[0] == "Full_Composition_Exclusion":
            exclusions.update(range(first, last + 1))

    aliases = []
    for first, _, fields in ranges(os.path.join(ucd, "NameAliases.txt")):
        aliases.append((fields[0], first))
    sequences = []
    with open(os.path.join(ucd, "NamedSequences.txt"), encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if line and not line.startswith("#"):
                name, cps = line.split(";")
                sequences.append((name.strip(), [int(x, 16) for x in cps.split()]))

    # Property records and the two-level index.
    records, record_index = [], {}
    per_cp = [0] * n
    for c in range(n):
        r = (category[c], combining[c], bidi[c], eaw[c], mirrored[c], xid[c], casing[c])
        if r not in record_index:
            record_index[r] = len(records)
            records.append(r)
        per_cp[c] = record_index[r]
    pages, page_index, index1 = [], {}, []
    for p in range(n >> SHIFT):
        page = tuple(per_cp[p << SHIFT:(p + 1) << SHIFT])
        if page not in page_index:
            page_index[page] = len(pages)
            pages.append(page)
        index1.append(page_index[page])

    # Names: words numbered by frequency.
    counts = Counter(w for nm in names.values() for w in nm.split(" "))
    for nm, _ in aliases:
        counts.update(nm.split(" "))
    words = [w for w, _ in counts.most_common()]
    word_no = {w: i for i, w in enumerate(words)}
    assert len(words) < 128 * 256

    def encode_name(nm):
        out = []
        for w in nm.split(" "):
            i = word_no[w]
            if i < 128:
                out.append(i)
            else:
                out += [128 | (i >> 8), i & 0xFF]
        return out

    name_cps = sorted(names)
    name_bytes, name_offsets = [], []
    for c in name_cps:
        name_offsets.append(len(name_bytes))
        name_bytes += encode_name(names[c])
    name_offsets.append(len(name_bytes))

    o = []
    w = o.append
    w("// Generated by tools/gen_unicode_tables.py from the Unicode Character Database; do not edit.")
    w("#include <cstdint>")
    w('#include "unicode/unicode_tables.h"')
    w("namespace minipy::unicode::tables {")
    w(f'const char kVersion[] = "{version(ucd)}";')
    w(f"const int kShift = {SHIFT};")
    w("const Record kRecords[] = {")
    w(",".join("{%d,%d,%d,%d,%d,%d,%d}" % r for r in records))
    w("};")
    w("const uint16_t kIndex1[] = {" + ",".join(map(str, index1)) + "};")
    w("const uint16_t kIndex2[] = {")
    for page in pages:
        w(",".join(map(str, page)) + ",")
    w("};")
    w("const char* const kWords[] = {" + ",".join('"%s"' % x for x in words) + "};")
    w(f"const int kWordCount = {len(words)};")
    w("const uint32_t kNameCps[] = {" + ",".join(map(str, name_cps)) + "};")
    w(f"const int kNameCount = {len(name_cps)};")
    w("const uint32_t kNameOffsets[] = {" + ",".join(map(str, name_offsets)) + "};")
    w("const uint8_t kNameBytes[] = {")
    for i in range(0, len(name_bytes), 64):
        w(",".join(map(str, name_bytes[i:i + 64])) + ",")
    w("};")
    w("const Alias kAliases[] = {" + ",".join('{"%s",%d}' % a for a in aliases) + "};")
    w(f"const int kAliasCount = {len(aliases)};")
    seq_data, seq_list = [], []
    for nm, cps in sequences:
        seq_list.append('{"%s",%d,%d}' % (nm, len(seq_data), len(cps)))
        seq_data += cps
    w("const uint32_t kSequenceData[] = {" + ",".join(map(str, seq_data)) + "};")
    w("const Sequence kSequences[] = {" + ",".join(seq_list) + "};")
    w(f"const int kSequenceCount = {len(sequences)};")
    tags = sorted({t for t, _ in decomp.values()})
    w("const char* const kDecompTags[] = {" + ",".join('"%s"' % t for t in tags) + "};")
    d_cps = sorted(decomp)
    d_data, d_offsets = [], []
    for c in d_cps:
        tag, parts = decomp[c]
        d_offsets.append(len(d_data))
        d_data.append((tags.index(tag) << 8) | len(parts))
        d_data += parts
    d_offsets.append(len(d_data))
    w("const uint32_t kDecompCps[] = {" + ",".join(map(str, d_cps)) + "};")
    w(f"const int kDecompCount = {len(d_cps)};")
    w("const uint32_t kDecompOffsets[] = {" + ",".join(map(str, d_offsets)) + "};")
    w("const uint32_t kDecompData[] = {" + ",".join(map(str, d_data)) + "};")
    n_cps = sorted(numeric)
    w("const Numeric kNumerics[] = {" +
      ",".join("{%d,%d,%d,%r}" % (c, numeric[c][0], numeric[c][1], numeric[c][2]) for c in n_cps) + "};")
    w(f"const int kNumericCount = {len(n_cps)};")
    excl = sorted(exclusions)
    w("const uint32_t kCompositionExclusions[] = {" + ",".join(map(str, excl)) + "};")
    w(f"const int kCompositionExclusionCount = {len(excl)};")
    # Case mappings: one entry per code point with any; a mapping of one code point is stored
    # as itself, a longer one as kCaseLong | length << 24 | offset into kCaseData.
    case_data, case_entries = [], []
    for c in sorted(full):
        vals = []
        for m in full[c]:
            if len(m) == 1:
                vals.append(str(m[0]))
            else:
                assert len(m) < 8
                vals.append("kCaseLong|%du<<24|%d" % (len(m), len(case_data)))
                case_data += m
        case_entries.append("{%d,%s}" % (c, ",".join(vals)))
    w("const Case kCases[] = {" + ",".join(case_entries) + "};")
    w(f"const int kCaseCount = {len(case_entries)};")
    w("const uint32_t kCaseData[] = {" + ",".join(map(str, case_data)) + "};")
    w("}  // namespace minipy::unicode::tables")
    text = "\n".join(o) + "\n"
    tmp = out_path + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        f.write(text)
    os.replace(tmp, out_path)


if __name__ == "__main__":
    main()
