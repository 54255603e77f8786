// Lookups over the generated UCD tables (unicode_tables.h): properties through a two-level
// index, names decoded from word numbers, the reverse name map built on first use, and the four
// normalization forms (UAX #15: full decomposition, canonical ordering, canonical composition,
// with Hangul syllables decomposed and composed arithmetically).
#include "unicode/unicode_db.h"

#include <algorithm>
#include <cstdio>
#include <mutex>
#include <unordered_map>

#include "unicode/unicode_tables.h"

namespace minipy::unicode {

namespace t = tables;

namespace {

constexpr const char* kCategoryNames[] = {
    "Cn", "Lu", "Ll", "Lt", "Mn", "Mc", "Me", "Nd", "Nl", "No", "Zs", "Zl", "Zp", "Cc", "Cf", "Cs",
    "Co", "Cn", "Lm", "Lo", "Pc", "Pd", "Ps", "Pe", "Pi", "Pf", "Po", "Sm", "Sc", "Sk", "So"};
constexpr const char* kBidiNames[] = {"",    "L",  "LRE", "LRO", "R",   "AL",  "RLE", "RLO",
                                      "PDF", "EN", "ES",  "ET",  "AN",  "CS",  "NSM", "BN",
                                      "B",   "S",  "WS",  "ON",  "LRI", "RLI", "FSI", "PDI"};
// Indices into those two arrays that the str predicates test.
constexpr uint8_t kCatLu = 1, kCatLl = 2, kCatLt = 3, kCatZs = 10, kCatLm = 18, kCatLo = 19;
constexpr uint8_t kBidiB = 16, kBidiS = 17, kBidiWS = 18;
constexpr const char* kEawNames[] = {"F", "H", "W", "Na", "A", "N"};

// Hangul syllables (Unicode chapter 3.12).
constexpr uint32_t kSBase = 0xAC00, kLBase = 0x1100, kVBase = 0x1161, kTBase = 0x11A7;
constexpr uint32_t kLCount = 19, kVCount = 21, kTCount = 28, kNCount = kVCount * kTCount,
                   kSCount = kLCount * kNCount;
constexpr const char* kJamoL[] = {"G",  "GG", "N", "D",  "DD", "R", "M", "B", "BB", "S",
                                  "SS", "",   "J", "JJ", "C",  "K", "T", "P", "H"};
constexpr const char* kJamoV[] = {"A",   "AE", "YA", "YAE", "EO", "E",  "YEO",
                                  "YE",  "O",  "WA", "WAE", "OE", "YO", "U",
                                  "WEO", "WE", "WI", "YU",  "EU", "YI", "I"};
constexpr const char* kJamoT[] = {"",   "G",  "GG", "GS", "N",  "NJ", "NH", "D", "L",  "LG",
                                  "LM", "LB", "LS", "LT", "LP", "LH", "M",  "B", "BS", "S",
                                  "SS", "NG", "J",  "C",  "K",  "T",  "P",  "H"};

/// The CJK unified ideograph blocks, named "CJK UNIFIED IDEOGRAPH-<hex>".
bool is_unified_ideograph(uint32_t cp) {
  return (cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0x4E00 && cp <= 0x9FFF) ||
         (cp >= 0x20000 && cp <= 0x2A6DF) || (cp >= 0x2A700 && cp <= 0x2B739) ||
         (cp >= 0x2B740 && cp <= 0x2B81D) || (cp >= 0x2B820 && cp <= 0x2CEA1) ||
         (cp >= 0x2CEB0 && cp <= 0x2EBE0) || (cp >= 0x30000 && cp <= 0x3134A) ||
         (cp >= 0x31350 && cp <= 0x323AF);
}

const t::Record& record(uint32_t cp) {
  if (cp >= 0x110000) return t::kRecords[0];
  uint32_t page = t::kIndex1[cp >> t::kShift];
  return t::kRecords[t::kIndex2[(page << t::kShift) | (cp & ((1u << t::kShift) - 1))]];
}

/// Index of cp in a sorted code point array, or -1.
int find_cp(const uint32_t* cps, int count, uint32_t cp) {
  const uint32_t* it = std::lower_bound(cps, cps + count, cp);
  return it != cps + count && *it == cp ? static_cast<int>(it - cps) : -1;
}

const t::Numeric* find_numeric(uint32_t cp) {
  const t::Numeric* end = t::kNumerics + t::kNumericCount;
  const t::Numeric* it = std::lower_bound(t::kNumerics, end, cp,
                                          [](const t::Numeric& n, uint32_t c) { return n.cp < c; });
  return it != end && it->cp == cp ? it : nullptr;
}

std::string upper_ascii(std::string_view s) {
  std::string u(s);
  for (char& ch : u)
    if (ch >= 'a' && ch <= 'z') ch = static_cast<char>(ch - 32);
  return u;
}

/// The reverse name map (upper-case name -> code point), built once on first lookup.
const std::unordered_map<std::string, uint32_t>& name_map() {
  static std::unordered_map<std::string, uint32_t>* map = [] {
    auto* m = new std::unordered_map<std::string, uint32_t>();
    m->reserve(static_cast<size_t>(t::kNameCount));
    for (int i = 0; i < t::kNameCount; i++) m->emplace(name(t::kNameCps[i]), t::kNameCps[i]);
    return m;
  }();
  return *map;
}

bool hex_suffix(std::string_view s, uint32_t* out) {
  if (s.empty() || s.size() > 6) return false;
  uint32_t v = 0;
  for (char ch : s) {
    int d = ch >= '0' && ch <= '9' ? ch - '0' : ch >= 'A' && ch <= 'F' ? ch - 'A' + 10 : -1;
    if (d < 0) return false;
    v = v * 16 + static_cast<uint32_t>(d);
  }
  *out = v;
  return true;
}

/// "HANGUL SYLLABLE GAG" -> U+AC01.
bool hangul_from_name(std::string_view s, uint32_t* out) {
  // Longest match for each jamo part in turn (L, V, T), as CPython's find_syllable.
  auto take = [&](const char* const* names, uint32_t count, uint32_t* index) {
    int best = -1;
    size_t best_len = 0;
    for (uint32_t i = 0; i < count; i++) {
      size_t len = std::char_traits<char>::length(names[i]);
      if (len >= best_len && s.substr(0, len) == names[i]) {
        if (best < 0 || len > best_len) {
          best = static_cast<int>(i);
          best_len = len;
        }
      }
    }
    if (best < 0) return false;
    *index = static_cast<uint32_t>(best);
    s.remove_prefix(best_len);
    return true;
  };
  uint32_t l, v, tt;
  if (!take(kJamoL, kLCount, &l) || !take(kJamoV, kVCount, &v) || !take(kJamoT, kTCount, &tt) ||
      !s.empty())
    return false;
  *out = kSBase + (l * kVCount + v) * kTCount + tt;
  return true;
}

// ---------------------------------------------------------------- normalization

/// Appends the full decomposition of cp (canonical only unless `compat`).
void decompose(uint32_t cp, bool compat, std::u32string& out) {
  if (cp >= kSBase && cp < kSBase + kSCount) {
    uint32_t s = cp - kSBase;
    out.push_back(kLBase + s / kNCount);
    out.push_back(kVBase + (s % kNCount) / kTCount);
    if (s % kTCount) out.push_back(kTBase + s % kTCount);
    return;
  }
  int i = find_cp(t::kDecompCps, t::kDecompCount, cp);
  if (i >= 0) {
    uint32_t head = t::kDecompData[t::kDecompOffsets[i]];
    bool is_compat = t::kDecompTags[head >> 8][0] != '\0';
    if (!is_compat || compat) {
      const uint32_t* parts = t::kDecompData + t::kDecompOffsets[i] + 1;
      for (uint32_t k = 0; k < (head & 0xFF); k++) decompose(parts[k], compat, out);
      return;
    }
  }
  out.push_back(cp);
}

/// Canonical ordering: a stable sort of each run of non-starters by combining class.
void canonical_order(std::u32string& s) {
  size_t i = 0;
  while (i < s.size()) {
    if (combining(s[i]) == 0) {
      i++;
      continue;
    }
    size_t j = i;
    while (j < s.size() && combining(s[j]) != 0) j++;
    std::stable_sort(s.begin() + static_cast<long>(i), s.begin() + static_cast<long>(j),
                     [](char32_t a, char32_t b) { return combining(a) < combining(b); });
    i = j;
  }
}

/// Primary composites: (first << 21 | second) -> composite, from the canonical pair
/// decompositions of characters not excluded from composition.
const std::unordered_map<uint64_t, uint32_t>& composition_map() {
  static std::unordered_map<uint64_t, uint32_t>* map = [] {
    auto* m = new std::unordered_map<uint64_t, uint32_t>();
    for (int i = 0; i < t::kDecompCount; i++) {
      uint32_t head = t::kDecompData[t::kDecompOffsets[i]];
      if (t::kDecompTags[head >> 8][0] != '\0' || (head & 0xFF) != 2) continue;
      uint32_t cp = t::kDecompCps[i];
      if (find_cp(t::kCompositionExclusions, t::kCompositionExclusionCount, cp) >= 0) continue;
      const uint32_t* parts = t::kDecompData + t::kDecompOffsets[i] + 1;
      m->emplace((static_cast<uint64_t>(parts[0]) << 21) | parts[1], cp);
    }
    return m;
  }();
  return *map;
}

bool compose_pair(uint32_t a, uint32_t b, uint32_t* out) {
  if (a >= kLBase && a < kLBase + kLCount && b >= kVBase && b < kVBase + kVCount) {
    *out = kSBase + ((a - kLBase) * kVCount + (b - kVBase)) * kTCount;
    return true;
  }
  if (a >= kSBase && a < kSBase + kSCount && (a - kSBase) % kTCount == 0 && b > kTBase &&
      b < kTBase + kTCount) {
    *out = a + (b - kTBase);
    return true;
  }
  const auto& m = composition_map();
  auto it = m.find((static_cast<uint64_t>(a) << 21) | b);
  if (it == m.end()) return false;
  *out = it->second;
  return true;
}

/// Canonical composition (UAX #15's algorithm over a decomposed, ordered string).
void compose(std::u32string& s) {
  if (s.empty()) return;
  size_t starter = 0;
  bool have_starter = combining(s[0]) == 0;
  int last_class = have_starter ? 0 : 256;
  std::u32string out;
  out.push_back(s[0]);
  for (size_t i = 1; i < s.size(); i++) {
    uint32_t ch = s[i];
    int cc = combining(ch);
    uint32_t composite;
    // Not blocked: nothing between the starter and ch, or everything between has a lower class.
    bool blocked = out.size() - 1 != starter && (last_class == 0 || last_class >= cc);
    if (have_starter && !blocked && compose_pair(out[starter], ch, &composite)) {
      out[starter] = composite;
      continue;
    }
    if (cc == 0) {
      starter = out.size();
      have_starter = true;
      last_class = 0;
    } else {
      last_class = cc;
    }
    out.push_back(ch);
  }
  s = std::move(out);
}

}  // namespace

const char* version() { return t::kVersion; }
const char* category(uint32_t cp) { return kCategoryNames[record(cp).category]; }
int combining(uint32_t cp) { return record(cp).combining; }
const char* bidirectional(uint32_t cp) { return kBidiNames[record(cp).bidi]; }
const char* east_asian_width(uint32_t cp) { return kEawNames[record(cp).east_asian_width]; }
bool mirrored(uint32_t cp) { return record(cp).mirrored != 0; }

bool is_alpha(uint32_t cp) {
  uint8_t c = record(cp).category;
  return c == kCatLu || c == kCatLl || c == kCatLt || c == kCatLm || c == kCatLo;
}
bool is_printable(uint32_t cp) {
  if (cp == ' ') return true;
  const char* c = kCategoryNames[record(cp).category];
  return c[0] != 'C' && c[0] != 'Z';
}
bool is_space(uint32_t cp) {
  const t::Record& r = record(cp);
  return r.category == kCatZs || r.bidi == kBidiB || r.bidi == kBidiS || r.bidi == kBidiWS;
}

bool is_lowercase(uint32_t cp) { return (record(cp).casing & 1) != 0; }
bool is_uppercase(uint32_t cp) { return (record(cp).casing & 2) != 0; }
bool is_titlecase(uint32_t cp) { return record(cp).category == kCatLt; }
bool is_cased(uint32_t cp) { return (record(cp).casing & 4) != 0; }
bool is_case_ignorable(uint32_t cp) { return (record(cp).casing & 8) != 0; }

namespace {

/// cp's case-mapping entry, or null when every mapping is cp itself.
const t::Case* find_case(uint32_t cp) {
  if ((record(cp).casing & 16) == 0) return nullptr;
  const t::Case* end = t::kCases + t::kCaseCount;
  const t::Case* it =
      std::lower_bound(t::kCases, end, cp, [](const t::Case& e, uint32_t c) { return e.cp < c; });
  return it != end && it->cp == cp ? it : nullptr;
}

void append_mapping(std::u32string& out, uint32_t cp, uint32_t t::Case::*field) {
  const t::Case* e = find_case(cp);
  if (e == nullptr) {
    out.push_back(cp);
    return;
  }
  uint32_t v = e->*field;
  if ((v & t::kCaseLong) == 0) {
    out.push_back(v);
    return;
  }
  uint32_t len = (v >> 24) & 0x7F, off = v & 0xFFFFFF;
  out.append(reinterpret_cast<const char32_t*>(t::kCaseData + off), len);
}

uint32_t first_of(uint32_t cp, uint32_t t::Case::*field) {
  const t::Case* e = find_case(cp);
  if (e == nullptr) return cp;
  uint32_t v = e->*field;
  return (v & t::kCaseLong) == 0 ? v : t::kCaseData[v & 0xFFFFFF];
}

}  // namespace

void append_lower(std::u32string& out, uint32_t cp) { append_mapping(out, cp, &t::Case::lower); }
void append_upper(std::u32string& out, uint32_t cp) { append_mapping(out, cp, &t::Case::upper); }
void append_title(std::u32string& out, uint32_t cp) { append_mapping(out, cp, &t::Case::title); }
void append_fold(std::u32string& out, uint32_t cp) { append_mapping(out, cp, &t::Case::fold); }
uint32_t to_lower_first(uint32_t cp) { return first_of(cp, &t::Case::lower); }
uint32_t to_upper_first(uint32_t cp) { return first_of(cp, &t::Case::upper); }

bool is_xid_start(uint32_t cp) { return (record(cp).xid & 1) != 0; }
bool is_xid_continue(uint32_t cp) { return (record(cp).xid & 2) != 0; }

int decimal(uint32_t cp) {
  const t::Numeric* n = find_numeric(cp);
  return n ? n->decimal : -1;
}
int digit(uint32_t cp) {
  const t::Numeric* n = find_numeric(cp);
  return n ? n->digit : -1;
}
bool numeric(uint32_t cp, double* out) {
  const t::Numeric* n = find_numeric(cp);
  if (!n) return false;
  *out = n->value;
  return true;
}

std::string decomposition(uint32_t cp) {
  int i = find_cp(t::kDecompCps, t::kDecompCount, cp);
  if (i < 0) return "";
  uint32_t head = t::kDecompData[t::kDecompOffsets[i]];
  std::string out = t::kDecompTags[head >> 8];
  const uint32_t* parts = t::kDecompData + t::kDecompOffsets[i] + 1;
  char buf[16];
  for (uint32_t k = 0; k < (head & 0xFF); k++) {
    std::snprintf(buf, sizeof buf, "%04X", parts[k]);
    if (!out.empty()) out.push_back(' ');
    out += buf;
  }
  return out;
}

std::string name(uint32_t cp) {
  char buf[48];
  if (cp >= kSBase && cp < kSBase + kSCount) {
    uint32_t s = cp - kSBase;
    return std::string("HANGUL SYLLABLE ") + kJamoL[s / kNCount] + kJamoV[(s % kNCount) / kTCount] +
           kJamoT[s % kTCount];
  }
  if (is_unified_ideograph(cp)) {
    std::snprintf(buf, sizeof buf, "CJK UNIFIED IDEOGRAPH-%X", cp);
    return buf;
  }
  int i = find_cp(t::kNameCps, t::kNameCount, cp);
  if (i < 0) return "";
  std::string out;
  for (uint32_t k = t::kNameOffsets[i]; k < t::kNameOffsets[i + 1];) {
    uint32_t w = t::kNameBytes[k++];
    if (w & 0x80) w = ((w & 0x7F) << 8) | t::kNameBytes[k++];
    if (!out.empty()) out.push_back(' ');
    out += t::kWords[w];
  }
  return out;
}

bool lookup(std::string_view raw, bool allow_sequences, std::u32string* out) {
  std::string s = upper_ascii(raw);
  uint32_t cp;
  constexpr std::string_view kHangul = "HANGUL SYLLABLE ", kCjk = "CJK UNIFIED IDEOGRAPH-";
  if (s.rfind(kHangul, 0) == 0 &&
      hangul_from_name(std::string_view(s).substr(kHangul.size()), &cp)) {
    *out = std::u32string(1, cp);
    return true;
  }
  if (s.rfind(kCjk, 0) == 0) {
    if (hex_suffix(std::string_view(s).substr(kCjk.size()), &cp) && is_unified_ideograph(cp)) {
      *out = std::u32string(1, cp);
      return true;
    }
    return false;
  }
  const auto& m = name_map();
  auto it = m.find(s);
  if (it != m.end()) {
    *out = std::u32string(1, it->second);
    return true;
  }
  for (int i = 0; i < t::kAliasCount; i++) {
    if (s == t::kAliases[i].name) {
      *out = std::u32string(1, t::kAliases[i].cp);
      return true;
    }
  }
  if (allow_sequences) {
    for (int i = 0; i < t::kSequenceCount; i++) {
      if (s == t::kSequences[i].name) {
        out->assign(t::kSequenceData + t::kSequences[i].start,
                    t::kSequenceData + t::kSequences[i].start + t::kSequences[i].length);
        return true;
      }
    }
  }
  return false;
}

std::u32string normalize(Form form, const std::u32string& s) {
  bool compat = form == Form::NFKC || form == Form::NFKD;
  std::u32string d;
  d.reserve(s.size());
  for (char32_t ch : s) decompose(ch, compat, d);
  canonical_order(d);
  if (form == Form::NFC || form == Form::NFKC) compose(d);
  return d;
}

}  // namespace minipy::unicode
