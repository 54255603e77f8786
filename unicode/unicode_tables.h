// The shapes of the tables tools/gen_unicode_tables.py generates into the build directory
// (unicode_tables.cpp); read only by unicode_db.cpp.
#pragma once

#include <cstdint>

namespace minipy::unicode::tables {

struct Record {
  uint8_t category;   // index into unicode_db.cpp's category names ("Cn" = 0)
  uint8_t combining;  // canonical combining class
  uint8_t bidi;       // index into the bidirectional class names ("" = 0)
  uint8_t east_asian_width;
  uint8_t mirrored;
  uint8_t xid;  // bit 0: XID_Start, bit 1: XID_Continue (DerivedCoreProperties.txt)
  // bits 0-3: Lowercase, Uppercase, Cased, Case_Ignorable (DerivedCoreProperties.txt); bit 4:
  // the code point has an entry in kCases.
  uint8_t casing;
};
/// A code point's full case mappings: each field is one code point, or (with kCaseLong set)
/// a length (bits 24-30) and an offset into kCaseData.
constexpr uint32_t kCaseLong = 0x80000000u;
struct Case {
  uint32_t cp;
  uint32_t lower, upper, title, fold;
};
struct Alias {
  const char* name;
  uint32_t cp;
};
struct Sequence {
  const char* name;
  uint32_t start;  // into kSequenceData
  uint32_t length;
};
struct Numeric {
  uint32_t cp;
  int8_t decimal;  // -1 = none
  int8_t digit;
  double value;
};

extern const char kVersion[];
extern const int kShift;
extern const Record kRecords[];
extern const uint16_t kIndex1[];
extern const uint16_t kIndex2[];
extern const char* const kWords[];
extern const int kWordCount;
extern const uint32_t kNameCps[];
extern const int kNameCount;
extern const uint32_t kNameOffsets[];
extern const uint8_t kNameBytes[];
extern const Alias kAliases[];
extern const int kAliasCount;
extern const uint32_t kSequenceData[];
extern const Sequence kSequences[];
extern const int kSequenceCount;
extern const char* const kDecompTags[];
extern const uint32_t kDecompCps[];
extern const int kDecompCount;
extern const uint32_t kDecompOffsets[];
extern const uint32_t kDecompData[];  // per entry: (tag << 8 | length), then the code points
extern const Numeric kNumerics[];
extern const int kNumericCount;
extern const uint32_t kCompositionExclusions[];
extern const int kCompositionExclusionCount;
extern const Case kCases[];
extern const int kCaseCount;
extern const uint32_t kCaseData[];

}  // namespace minipy::unicode::tables
