// The Unicode Character Database: properties, names and normalization over tables generated at
// build time from Debian's unicode-data (tools/gen_unicode_tables.py). A leaf library: the
// lexer uses it for \N{...} escapes, the unicodedata module and the codecs (namereplace,
// unicode_escape) for everything else.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace minipy::unicode {

/// The UCD version of the tables ("15.0.0").
const char* version();

const char* category(uint32_t cp);       // "Lu", ...; "Cn" when unassigned
int combining(uint32_t cp);              // canonical combining class
const char* bidirectional(uint32_t cp);  // "L", ...; "" when unassigned
const char* east_asian_width(uint32_t cp);
bool mirrored(uint32_t cp);
int decimal(uint32_t cp);  // -1 when none
int digit(uint32_t cp);    // -1 when none
bool numeric(uint32_t cp, double* out);
/// The character classes of str's predicates, as CPython's makeunicodedata.py derives them
/// (one table lookup each): letters (Lu Ll Lt Lm Lo: str.isalpha), printable (not in a C* or
/// Z* category, but ' ': str.isprintable and repr), whitespace (Zs, or bidirectional class WS,
/// B or S: str.isspace and str.split).
bool is_alpha(uint32_t cp);
bool is_printable(uint32_t cp);
bool is_space(uint32_t cp);
/// XID_Start and XID_Continue (str.isidentifier, from DerivedCoreProperties.txt).
bool is_xid_start(uint32_t cp);
bool is_xid_continue(uint32_t cp);
/// The case properties of DerivedCoreProperties.txt (str.islower/isupper, the final-sigma and
/// title-case rules) and titlecase letters (category Lt).
bool is_lowercase(uint32_t cp);
bool is_uppercase(uint32_t cp);
bool is_titlecase(uint32_t cp);
bool is_cased(uint32_t cp);
bool is_case_ignorable(uint32_t cp);
/// Full case mappings, appended to `out`: UnicodeData.txt's simple mappings, replaced by
/// SpecialCasing.txt's unconditional ones (U+00DF upper -> "SS"); fold from CaseFolding.txt's
/// C and F entries. The context-dependent final sigma is the caller's (str.lower).
void append_lower(std::u32string& out, uint32_t cp);
void append_upper(std::u32string& out, uint32_t cp);
void append_title(std::u32string& out, uint32_t cp);
void append_fold(std::u32string& out, uint32_t cp);
/// The first code point of the full lower/upper mapping (CPython's _PyUnicode_ToLowercase,
/// what re's IGNORECASE compares).
uint32_t to_lower_first(uint32_t cp);
uint32_t to_upper_first(uint32_t cp);
/// The decomposition field: "<compat> 0020 0308", "0041 0300", or "" when none.
std::string decomposition(uint32_t cp);

/// The character's name ("LATIN SMALL LETTER A"), algorithmic for Hangul syllables and CJK
/// unified ideographs; "" when it has none.
std::string name(uint32_t cp);
/// Name (case-insensitive), alias or, with allow_sequences, named sequence -> code points.
bool lookup(std::string_view name, bool allow_sequences, std::u32string* out);

enum class Form { NFC, NFD, NFKC, NFKD };
std::u32string normalize(Form form, const std::u32string& s);

}  // namespace minipy::unicode
