// The regular-expression engine under `_sre`: it executes the code that CPython 3.11's
// re._compiler emits (a flat array of 32-bit words, the opcode numbering of re._constants), over a
// subject of 1-byte units (bytes, ASCII str) or 4-byte code points (other str).
//
// The engine knows nothing of Python objects (stdlib/native/_sre.cpp wraps it). Backtracking uses
// heap vectors, never C recursion, so a hostile pattern or subject costs memory and time but cannot
// overflow the C stack; every code read is bounds-checked, so a hand-made code array gives
// "invalid SRE code" instead of a crash.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace minipy::lib::sre {

using Code = uint32_t;

inline constexpr uint32_t kMagic = 20220615;  // re._constants.MAGIC for 3.11
inline constexpr Code kMaxRepeat = 0xFFFFFFFFu;
inline constexpr int64_t kMaxGroups = 0x7FFFFFFF / 2;

// Opcodes in re._constants.OPCODES order.
enum Op : Code {
  kFailure,
  kSuccess,
  kAny,
  kAnyAll,
  kAssert,
  kAssertNot,
  kAt,
  kBranch,
  kCategory,
  kCharset,
  kBigCharset,
  kGroupref,
  kGrouprefExists,
  kIn,
  kInfo,
  kJump,
  kLiteral,
  kMark,
  kMaxUntil,
  kMinUntil,
  kNotLiteral,
  kNegate,
  kRange,
  kRepeat,
  kRepeatOne,
  kSubpattern,
  kMinRepeatOne,
  kAtomicGroup,
  kPossessiveRepeat,
  kPossessiveRepeatOne,
  kGrouprefIgnore,
  kInIgnore,
  kLiteralIgnore,
  kNotLiteralIgnore,
  kGrouprefLocIgnore,
  kInLocIgnore,
  kLiteralLocIgnore,
  kNotLiteralLocIgnore,
  kGrouprefUniIgnore,
  kInUniIgnore,
  kLiteralUniIgnore,
  kNotLiteralUniIgnore,
  kRangeUniIgnore,
};

// re._constants.ATCODES
enum AtCode : Code {
  kAtBeginning,
  kAtBeginningLine,
  kAtBeginningString,
  kAtBoundary,
  kAtNonBoundary,
  kAtEnd,
  kAtEndLine,
  kAtEndString,
  kAtLocBoundary,
  kAtLocNonBoundary,
  kAtUniBoundary,
  kAtUniNonBoundary,
};

// re._constants.CHCODES
enum ChCode : Code {
  kCatDigit,
  kCatNotDigit,
  kCatSpace,
  kCatNotSpace,
  kCatWord,
  kCatNotWord,
  kCatLinebreak,
  kCatNotLinebreak,
  kCatLocWord,
  kCatLocNotWord,
  kCatUniDigit,
  kCatUniNotDigit,
  kCatUniSpace,
  kCatUniNotSpace,
  kCatUniWord,
  kCatUniNotWord,
  kCatUniLinebreak,
  kCatUniNotLinebreak,
};

// INFO block flags.
inline constexpr Code kInfoPrefix = 1, kInfoLiteral = 2, kInfoCharset = 4;

// Character helpers shared with the module functions (ascii_tolower, unicode_iscased, ...).
uint32_t lower_ascii(uint32_t ch);
uint32_t lower_unicode(uint32_t ch);
uint32_t upper_unicode(uint32_t ch);
bool iscased_ascii(uint32_t ch);
bool iscased_unicode(uint32_t ch);

/// The subject: `length` units of `width` bytes (1 or 4) at `data`.
struct Subject {
  const void* data = nullptr;
  int width = 1;
  int64_t length = 0;
};

enum class Status { kMatch, kNoMatch, kError, kInvalidCode, kNoMemory };

/// One match or search request and its result.
struct MatchState {
  const Code* code = nullptr;
  size_t code_len = 0;
  size_t groups = 0;  // capturing groups (not counting group 0)
  Subject subject;
  int64_t start = 0;          // first position tried (pos)
  int64_t end = 0;            // the subject ends here for the match (endpos)
  bool match_all = false;     // fullmatch: the match must reach `end`
  bool must_advance = false;  // the match found at `start` must not be empty (finditer/sub)
  /// Called every few thousand steps; false aborts the match with Status::kError (an exception
  /// is then pending: a signal handler raised). Null = never interrupted.
  bool (*poll)() = nullptr;

  // Results (valid after kMatch).
  int64_t match_start = -1, match_end = -1;
  std::vector<int64_t> marks;  // 2 per group: start, end; -1 = unset
  int64_t lastindex = -1;      // the last group closed, -1 = none
};

/// Whether `code` is a well-formed program for a pattern of `groups` capturing groups (the
/// check _sre.compile makes, CPython's rules; _sre_validate.cpp). The engine runs nothing else.
bool validate(const std::vector<Code>& code, size_t groups);

/// Tries to match at state.start (pattern anchored there).
Status match(MatchState& state);
/// Finds the first position in [start, end] where the pattern matches.
Status search(MatchState& state);

}  // namespace minipy::lib::sre
