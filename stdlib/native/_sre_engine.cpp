// The backtracking matcher of `_sre` (see _sre_engine.h). Semantics follow CPython 3.11's
// Modules/_sre/sre_lib.h opcode by opcode; the machinery is our own:
//
//   * Choice points live on an explicit heap stack of Frames. Failing pops the top frame and
//     resumes what it describes (the next BRANCH alternative, one fewer REPEAT_ONE item, ...).
//   * Group marks and repeat counters change through a trail (an undo log). A frame records the
//     trail length when pushed; backtracking to it undoes every later change, so a failed path
//     never leaks captures. Scalars (current repeat, lastindex, active barrier) are snapshotted in
//     each frame instead.
//   * Sub-matches that must stop at their first success (lookaround, atomic groups, possessive
//     repeat iterations: bodies ending in SUCCESS) push a barrier frame. SUCCESS inside a barrier
//     cuts the stack back to it (dropping the body's choice points) and continues after it;
//     failing back into the barrier means the body had no match.
//   * Every code read is bounds-checked (past the end reads FAILURE), every jump goes forward,
//     and backward edges (repeat bodies) need progress or a bounded count, so any code array
//     terminates without crashing.
#include "stdlib/native/_sre_engine.h"

#include <cctype>
#include <deque>
#include <new>
#include <string>

#include "unicode/unicode_db.h"

namespace minipy::rt::uni {
// Unicode properties from runtime/objects/str_methods.cpp (the same tables str methods use).
bool is_space(uint32_t c);
bool is_decimal(uint32_t c);
bool is_alnum(uint32_t c);
}  // namespace minipy::rt::uni

namespace minipy::lib::sre {

namespace uni = rt::uni;

// ------------------------------------------------------------------ character classes

uint32_t lower_ascii(uint32_t ch) { return ch < 128 && ch >= 'A' && ch <= 'Z' ? ch + 32 : ch; }
// CPython's _PyUnicode_ToLowercase/_ToUppercase: the simple mapping, or for a character with a
// special (multi-character) mapping, that mapping's first character (U+00DF upper -> 'S').
uint32_t lower_unicode(uint32_t ch) {
  if (ch < 128) return ch >= 'A' && ch <= 'Z' ? ch + 32 : ch;
  return unicode::to_lower_first(ch);
}
uint32_t upper_unicode(uint32_t ch) {
  if (ch < 128) return ch >= 'a' && ch <= 'z' ? ch - 32 : ch;
  return unicode::to_upper_first(ch);
}
bool iscased_ascii(uint32_t ch) { return ch < 128 && std::isalpha(static_cast<int>(ch)); }
bool iscased_unicode(uint32_t ch) { return ch != lower_unicode(ch) || ch != upper_unicode(ch); }

static uint32_t lower_locale(uint32_t ch) {
  return ch < 256 ? static_cast<uint32_t>(std::tolower(static_cast<int>(ch))) : ch;
}
static uint32_t upper_locale(uint32_t ch) {
  return ch < 256 ? static_cast<uint32_t>(std::toupper(static_cast<int>(ch))) : ch;
}

static bool is_digit_ascii(uint32_t ch) { return ch >= '0' && ch <= '9'; }
static bool is_space_ascii(uint32_t ch) { return ch == ' ' || (ch >= '\t' && ch <= '\r'); }
static bool is_word_ascii(uint32_t ch) {
  return ch < 128 && (std::isalnum(static_cast<int>(ch)) || ch == '_');
}
static bool is_word_locale(uint32_t ch) {
  return ch < 256 && (std::isalnum(static_cast<int>(ch)) || ch == '_');
}
static bool is_word_unicode(uint32_t ch) { return ch == '_' || uni::is_alnum(ch); }
static bool is_linebreak_unicode(uint32_t ch) {
  switch (ch) {
    case 0x0A:
    case 0x0B:
    case 0x0C:
    case 0x0D:
    case 0x1C:
    case 0x1D:
    case 0x1E:
    case 0x85:
    case 0x2028:
    case 0x2029:
      return true;
    default:
      return false;
  }
}

/// CATEGORY test; *ok = false for an unknown category code.
static bool category(Code cat, uint32_t ch, bool* ok) {
  switch (cat) {
    case kCatDigit:
      return is_digit_ascii(ch);
    case kCatNotDigit:
      return !is_digit_ascii(ch);
    case kCatSpace:
      return is_space_ascii(ch);
    case kCatNotSpace:
      return !is_space_ascii(ch);
    case kCatWord:
      return is_word_ascii(ch);
    case kCatNotWord:
      return !is_word_ascii(ch);
    case kCatLinebreak:
      return ch == '\n';
    case kCatNotLinebreak:
      return ch != '\n';
    case kCatLocWord:
      return is_word_locale(ch);
    case kCatLocNotWord:
      return !is_word_locale(ch);
    case kCatUniDigit:
      return uni::is_decimal(ch);
    case kCatUniNotDigit:
      return !uni::is_decimal(ch);
    case kCatUniSpace:
      return uni::is_space(ch);
    case kCatUniNotSpace:
      return !uni::is_space(ch);
    case kCatUniWord:
      return is_word_unicode(ch);
    case kCatUniNotWord:
      return !is_word_unicode(ch);
    case kCatUniLinebreak:
      return is_linebreak_unicode(ch);
    case kCatUniNotLinebreak:
      return !is_linebreak_unicode(ch);
    default:
      *ok = false;
      return false;
  }
}

// ------------------------------------------------------------------ the matcher

namespace {

constexpr int64_t kNoPtr = INT64_MIN;

enum class FrameKind : uint8_t {
  kBranch,        // pc: skip word of the next alternative
  kRepeatOne,     // pc: tail; ptr: base; a: count; b: min
  kMinRepeatOne,  // pc: tail; ptr: base; a: count; b: max (-1 = unbounded); c: item pc
  kUntilTail,     // MAX_UNTIL chose another iteration; on failure try the tail. pc: tail; c: repeat
  kMinUntilMore,  // MIN_UNTIL chose the tail; on failure try one more iteration. a: count; c:
                  // repeat
  kAssert,        // barriers: pc: continuation; ptr: position before the body
  kAssertNot,
  kAtomic,
  kPossIter,  // one possessive-repeat iteration. a: count done; b: the op's pc
};

struct Frame {
  FrameKind kind;
  size_t pc;
  int64_t ptr;
  size_t trail;        // trail length when pushed
  int64_t barrier;     // active barrier (stack index) when pushed, -1 = toplevel
  int64_t cur_repeat;  // current REPEAT context when pushed
  int64_t lastindex;
  int64_t a, b;
  size_t c;
};

struct Repeat {
  size_t body;  // pc of the body (after REPEAT skip min max)
  Code min, max;
  int64_t count;
  int64_t last_ptr;
  int64_t prev;
};

enum class TrailKind : uint8_t { kMark, kCount, kLastPtr, kRepeatCreated };
struct TrailEntry {
  TrailKind kind;
  size_t index;
  int64_t old;
};

template <class Ch>
class Matcher {
 public:
  explicit Matcher(MatchState& st)
      : st_(st),
        s_(static_cast<const Ch*>(st.subject.data)),
        code_(st.code),
        n_(st.code_len),
        end_(st.end) {}

  /// Runs the whole pattern (from pc 0) anchored at `at`.
  Status run(int64_t at, bool must_advance);

 private:
  Code at(size_t i) const { return i < n_ ? code_[i] : kFailure; }
  uint32_t ch(int64_t p) const { return static_cast<uint32_t>(s_[p]); }

  bool charset(size_t pc, uint32_t c);
  bool char_loc_ignore(Code pattern, uint32_t c) {
    return c == pattern || lower_locale(c) == pattern || upper_locale(c) == pattern;
  }
  bool charset_loc_ignore(size_t pc, uint32_t c) {
    uint32_t lo = lower_locale(c);
    if (charset(pc, lo)) return true;
    uint32_t up = upper_locale(c);
    return up != lo && charset(pc, up);
  }
  /// Single-character ops (REPEAT_ONE items and the like): does the op at pc accept c?
  bool match_one(size_t pc, uint32_t c);
  /// How many items of the single-character op at pc match from ptr (at most max).
  int64_t count(size_t pc, int64_t ptr, int64_t max);
  bool at_code(Code code, int64_t ptr);
  bool group_ref(Code op, size_t group, int64_t* ptr);

  void push(FrameKind kind, size_t pc, int64_t ptr, int64_t a = 0, int64_t b = 0, size_t c = 0) {
    stack_.push_back(
        Frame{kind, pc, ptr, trail_.size(), barrier_, cur_repeat_, st_.lastindex, a, b, c});
  }
  void trail(TrailKind kind, size_t index, int64_t old) {
    if (!stack_.empty()) trail_.push_back(TrailEntry{kind, index, old});
  }
  void set_mark(size_t i, int64_t v) {
    trail(TrailKind::kMark, i, st_.marks[i]);
    st_.marks[i] = v;
  }
  void set_count(size_t r, int64_t v) {
    trail(TrailKind::kCount, r, repeats_[r].count);
    repeats_[r].count = v;
  }
  void set_last_ptr(size_t r, int64_t v) {
    trail(TrailKind::kLastPtr, r, repeats_[r].last_ptr);
    repeats_[r].last_ptr = v;
  }
  void undo_to(size_t len);
  /// Resumes the newest choice point: sets pc_/ptr_ and returns true, or false when none is left.
  bool backtrack();
  /// The REPEAT_ONE tail starts with a literal: drop counts whose next char cannot match.
  int64_t fit_literal_tail(size_t tail, int64_t base, int64_t count, int64_t min) {
    if (at(tail) != kLiteral) return count;
    uint32_t lit = at(tail + 1);
    while (count >= min && (base + count >= end_ || ch(base + count) != lit)) count--;
    return count;
  }
  /// Decides what a possessive repeat does after `done` iterations, the last one having started
  /// at `last_start` (kNoPtr = none in the optional phase yet).
  void possessive_next(size_t op_pc, int64_t done, int64_t last_start);

  MatchState& st_;
  const Ch* s_;
  const Code* code_;
  size_t n_;
  int64_t end_;
  int64_t start_ = 0;
  bool must_advance_ = false;
  bool invalid_ = false;

  size_t pc_ = 0;
  int64_t ptr_ = 0;
  int64_t barrier_ = -1;
  int64_t cur_repeat_ = -1;
  std::vector<Frame> stack_;
  std::vector<TrailEntry> trail_;
  std::deque<Repeat> repeats_;
};

template <class Ch>
bool Matcher<Ch>::charset(size_t pc, uint32_t c) {
  // <IN> <skip> ... set ops ... <FAILURE>; pc is the first set op.
  bool ok = true;
  for (;;) {
    switch (at(pc)) {
      case kFailure:
        return !ok;
      case kLiteral:
        if (c == at(pc + 1)) return ok;
        pc += 2;
        break;
      case kCategory: {
        bool valid = true;
        bool hit = category(at(pc + 1), c, &valid);
        if (!valid) {
          invalid_ = true;
          return false;
        }
        if (hit) return ok;
        pc += 2;
        break;
      }
      case kCharset:
        // A 256-bit bitmap in 8 words.
        if (c < 256 && (at(pc + 1 + c / 32) & (1u << (c & 31)))) return ok;
        pc += 1 + 8;
        break;
      case kRange:
        if (at(pc + 1) <= c && c <= at(pc + 2)) return ok;
        pc += 3;
        break;
      case kRangeUniIgnore: {
        if (at(pc + 1) <= c && c <= at(pc + 2)) return ok;  // c is already lower-cased
        uint32_t up = upper_unicode(c);
        if (at(pc + 1) <= up && up <= at(pc + 2)) return ok;
        pc += 3;
        break;
      }
      case kNegate:
        ok = !ok;
        pc += 1;
        break;
      case kBigCharset: {
        // <BIGCHARSET> <nblocks> <256 block-index bytes in 64 words> <nblocks * 8 words>
        Code nblocks = at(pc + 1);
        if (c < 65536) {
          uint32_t hi = c >> 8;
          Code word = at(pc + 2 + hi / 4);
          Code block =
              (word >> (8 * (hi % 4))) & 0xFF;  // little-endian bytes, as memoryview.cast('I')
          if (block >= nblocks) {
            invalid_ = true;
            return false;
          }
          if (at(pc + 2 + 64 + block * 8 + ((c & 255) >> 5)) & (1u << (c & 31))) return ok;
        }
        pc += 2 + 64 + static_cast<size_t>(nblocks) * 8;
        break;
      }
      default:
        invalid_ = true;
        return false;
    }
    if (pc >= n_) {
      invalid_ = true;
      return false;
    }
  }
}

template <class Ch>
bool Matcher<Ch>::match_one(size_t pc, uint32_t c) {
  switch (at(pc)) {
    case kAny:
      return c != '\n';
    case kAnyAll:
      return true;
    case kLiteral:
      return c == at(pc + 1);
    case kNotLiteral:
      return c != at(pc + 1);
    case kLiteralIgnore:
      return lower_ascii(c) == at(pc + 1);
    case kNotLiteralIgnore:
      return lower_ascii(c) != at(pc + 1);
    case kLiteralUniIgnore:
      return lower_unicode(c) == at(pc + 1);
    case kNotLiteralUniIgnore:
      return lower_unicode(c) != at(pc + 1);
    case kLiteralLocIgnore:
      return char_loc_ignore(at(pc + 1), c);
    case kNotLiteralLocIgnore:
      return !char_loc_ignore(at(pc + 1), c);
    case kIn:
      return charset(pc + 2, c);
    case kInIgnore:
      return charset(pc + 2, lower_ascii(c));
    case kInUniIgnore:
      return charset(pc + 2, lower_unicode(c));
    case kInLocIgnore:
      return charset_loc_ignore(pc + 2, c);
    case kCategory: {
      bool valid = true;
      bool hit = category(at(pc + 1), c, &valid);
      if (!valid) invalid_ = true;
      return hit;
    }
    default:
      invalid_ = true;  // REPEAT_ONE bodies are single-character items (re._compiler._simple)
      return false;
  }
}

template <class Ch>
int64_t Matcher<Ch>::count(size_t pc, int64_t ptr, int64_t max) {
  int64_t limit = end_ - ptr;
  if (max >= 0 && max < limit) limit = max;
  int64_t i = 0;
  switch (at(pc)) {
    case kAnyAll:
      return limit;
    case kAny:
      while (i < limit && ch(ptr + i) != '\n') i++;
      return i;
    case kLiteral: {
      uint32_t lit = at(pc + 1);
      while (i < limit && ch(ptr + i) == lit) i++;
      return i;
    }
    default:
      while (i < limit && match_one(pc, ch(ptr + i))) i++;
      return i;
  }
}

template <class Ch>
bool Matcher<Ch>::at_code(Code code, int64_t ptr) {
  auto word_before = [&](bool (*is_word)(uint32_t)) { return ptr > 0 && is_word(ch(ptr - 1)); };
  auto word_here = [&](bool (*is_word)(uint32_t)) { return ptr < end_ && is_word(ch(ptr)); };
  switch (code) {
    case kAtBeginning:
    case kAtBeginningString:
      return ptr == 0;
    case kAtBeginningLine:
      return ptr == 0 || ch(ptr - 1) == '\n';
    case kAtEnd:
      return ptr == end_ || (ptr + 1 == end_ && ch(ptr) == '\n');
    case kAtEndLine:
      return ptr == end_ || ch(ptr) == '\n';
    case kAtEndString:
      return ptr == end_;
    case kAtBoundary:
      return end_ != 0 && word_before(is_word_ascii) != word_here(is_word_ascii);
    case kAtNonBoundary:
      return end_ != 0 && word_before(is_word_ascii) == word_here(is_word_ascii);
    case kAtLocBoundary:
      return end_ != 0 && word_before(is_word_locale) != word_here(is_word_locale);
    case kAtLocNonBoundary:
      return end_ != 0 && word_before(is_word_locale) == word_here(is_word_locale);
    case kAtUniBoundary:
      return end_ != 0 && word_before(is_word_unicode) != word_here(is_word_unicode);
    case kAtUniNonBoundary:
      return end_ != 0 && word_before(is_word_unicode) == word_here(is_word_unicode);
    default:
      invalid_ = true;
      return false;
  }
}

template <class Ch>
bool Matcher<Ch>::group_ref(Code op, size_t group, int64_t* ptr) {
  if (group >= st_.groups) {
    invalid_ = true;
    return false;
  }
  int64_t p = st_.marks[2 * group], e = st_.marks[2 * group + 1];
  if (p < 0 || e < 0 || e < p) return false;
  if (end_ - *ptr < e - p) return false;
  int64_t q = *ptr;
  for (; p < e; p++, q++) {
    uint32_t a = ch(q), b = ch(p);
    switch (op) {
      case kGroupref:
        if (a != b) return false;
        break;
      case kGrouprefIgnore:
        if (lower_ascii(a) != lower_ascii(b)) return false;
        break;
      case kGrouprefUniIgnore:
        if (lower_unicode(a) != lower_unicode(b)) return false;
        break;
      default:
        if (lower_locale(a) != lower_locale(b)) return false;
        break;
    }
  }
  *ptr = q;
  return true;
}

template <class Ch>
void Matcher<Ch>::undo_to(size_t len) {
  while (trail_.size() > len) {
    TrailEntry& t = trail_.back();
    switch (t.kind) {
      case TrailKind::kMark:
        st_.marks[t.index] = t.old;
        break;
      case TrailKind::kCount:
        repeats_[t.index].count = t.old;
        break;
      case TrailKind::kLastPtr:
        repeats_[t.index].last_ptr = t.old;
        break;
      case TrailKind::kRepeatCreated:
        repeats_.pop_back();
        break;
    }
    trail_.pop_back();
  }
}

template <class Ch>
void Matcher<Ch>::possessive_next(size_t op_pc, int64_t done, int64_t last_start) {
  // <POSSESSIVE_REPEAT> <skip> <min> <max> body <SUCCESS> tail. Each iteration is a sub-match
  // stopping at its first success; iterations never give back (sre_lib.h's JUMP_POSS_REPEAT).
  Code min = at(op_pc + 2), max = at(op_pc + 3);
  size_t tail = op_pc + 1 + at(op_pc + 1) + 1;
  bool more = static_cast<uint64_t>(done) < min ||
              ((max == kMaxRepeat || static_cast<uint64_t>(done) < max) &&
               (last_start == kNoPtr || static_cast<uint64_t>(done) <= min || ptr_ != last_start));
  if (!more) {
    pc_ = tail;
    return;
  }
  // After the mandatory iterations, the first optional one runs unconditionally; later ones
  // stop once an iteration matched the empty string.
  push(FrameKind::kPossIter, tail, ptr_, done, static_cast<int64_t>(op_pc));
  barrier_ = static_cast<int64_t>(stack_.size()) - 1;
  pc_ = op_pc + 4;
}

template <class Ch>
bool Matcher<Ch>::backtrack() {
  while (!stack_.empty()) {
    Frame& f = stack_.back();
    undo_to(f.trail);
    barrier_ = f.barrier;
    cur_repeat_ = f.cur_repeat;
    st_.lastindex = f.lastindex;
    switch (f.kind) {
      case FrameKind::kBranch: {
        // f.pc is an alternative's skip word; 0 ends the list.
        size_t alt = f.pc;
        Code skip = at(alt);
        if (skip == 0) {
          stack_.pop_back();
          continue;
        }
        size_t next = alt + skip;
        ptr_ = f.ptr;
        pc_ = alt + 1;
        if (at(next) == 0) {
          stack_.pop_back();
        } else {
          f.pc = next;
        }
        return true;
      }
      case FrameKind::kRepeatOne: {
        int64_t c = fit_literal_tail(f.pc, f.ptr, f.a - 1, f.b);
        if (c < f.b) {
          stack_.pop_back();
          continue;
        }
        f.a = c;
        ptr_ = f.ptr + c;
        pc_ = f.pc;
        if (c == f.b) stack_.pop_back();
        return true;
      }
      case FrameKind::kMinRepeatOne: {
        int64_t p = f.ptr + f.a;
        if ((f.b >= 0 && f.a >= f.b) || p >= end_ || !match_one(f.c, ch(p))) {
          stack_.pop_back();
          continue;
        }
        f.a++;
        ptr_ = p + 1;
        pc_ = f.pc;
        return true;
      }
      case FrameKind::kUntilTail: {
        size_t r = f.c;
        ptr_ = f.ptr;
        pc_ = f.pc;
        stack_.pop_back();
        cur_repeat_ = repeats_[r].prev;
        return true;
      }
      case FrameKind::kMinUntilMore: {
        size_t r = f.c;
        int64_t cnt = f.a;
        int64_t p = f.ptr;
        stack_.pop_back();
        Repeat& rep = repeats_[r];
        if ((rep.max != kMaxRepeat && static_cast<uint64_t>(cnt) >= rep.max) || p == rep.last_ptr)
          continue;
        set_count(r, cnt);
        set_last_ptr(r, p);
        ptr_ = p;
        pc_ = rep.body;
        return true;
      }
      case FrameKind::kAssert:
      case FrameKind::kAtomic:
        stack_.pop_back();  // the body found no match
        continue;
      case FrameKind::kAssertNot:
        ptr_ = f.ptr;
        pc_ = f.pc;
        stack_.pop_back();
        return true;
      case FrameKind::kPossIter: {
        // This iteration failed: give up if mandatory, else continue with the tail from where
        // the iteration started.
        int64_t done = f.a;
        size_t op_pc = static_cast<size_t>(f.b);
        ptr_ = f.ptr;
        pc_ = f.pc;
        stack_.pop_back();
        if (static_cast<uint64_t>(done) < at(op_pc + 2)) continue;
        return true;
      }
    }
  }
  return false;
}

template <class Ch>
Status Matcher<Ch>::run(int64_t at_pos, bool must_advance) {
  start_ = at_pos;
  must_advance_ = must_advance;
  pc_ = 0;
  ptr_ = at_pos;
  barrier_ = -1;
  cur_repeat_ = -1;
  stack_.clear();
  trail_.clear();
  repeats_.clear();
  uint32_t steps = 0;

  for (;;) {
    if ((++steps & 0xFFF) == 0 && st_.poll && !st_.poll()) return Status::kError;
    if (invalid_) return Status::kInvalidCode;
    size_t pc = pc_;
    Code op = at(pc);
    bool ok = true;
    switch (op) {
      case kFailure:
        ok = false;
        break;

      case kSuccess: {
        if (barrier_ < 0) {
          // The end of the whole pattern.
          if ((st_.match_all && ptr_ != end_) || (must_advance_ && ptr_ == start_)) {
            ok = false;
            break;
          }
          st_.match_start = at_pos;
          st_.match_end = ptr_;
          return Status::kMatch;
        }
        // The end of a barrier's body: cut its choice points and continue after it.
        Frame f = stack_[static_cast<size_t>(barrier_)];
        stack_.resize(static_cast<size_t>(barrier_));
        barrier_ = f.barrier;
        if (stack_.empty()) trail_.clear();
        switch (f.kind) {
          case FrameKind::kAssert:
            ptr_ = f.ptr;
            pc_ = f.pc;
            break;
          case FrameKind::kAssertNot:
            ok = false;
            break;
          case FrameKind::kAtomic:
            pc_ = f.pc;
            break;
          case FrameKind::kPossIter:
            possessive_next(static_cast<size_t>(f.b), f.a + 1, f.ptr);
            break;
          default:
            invalid_ = true;
            ok = false;
            break;
        }
        break;
      }

      case kAny:
      case kAnyAll:
      case kLiteral:
      case kNotLiteral:
      case kLiteralIgnore:
      case kNotLiteralIgnore:
      case kLiteralUniIgnore:
      case kNotLiteralUniIgnore:
      case kLiteralLocIgnore:
      case kNotLiteralLocIgnore:
      case kCategory:
        if (ptr_ >= end_ || !match_one(pc, ch(ptr_))) {
          ok = false;
          break;
        }
        ptr_++;
        pc_ = pc + (op == kAny || op == kAnyAll ? 1 : 2);
        break;

      case kIn:
      case kInIgnore:
      case kInUniIgnore:
      case kInLocIgnore:
        if (ptr_ >= end_ || !match_one(pc, ch(ptr_))) {
          ok = false;
          break;
        }
        ptr_++;
        pc_ = pc + 1 + at(pc + 1);
        break;

      case kAt:
        if (!at_code(at(pc + 1), ptr_)) ok = false;
        pc_ = pc + 2;
        break;

      case kInfo: {
        // <INFO> <skip> <flags> <min> <max> ...: only the minimum length matters here.
        Code min = at(pc + 3);
        if (min && end_ - ptr_ < static_cast<int64_t>(min)) ok = false;
        pc_ = pc + 1 + at(pc + 1);
        break;
      }

      case kJump:
        pc_ = pc + 1 + at(pc + 1);
        break;

      case kMark: {
        Code i = at(pc + 1);
        if (i >= st_.marks.size()) {
          invalid_ = true;
          break;
        }
        if (i & 1) st_.lastindex = i / 2 + 1;
        set_mark(i, ptr_);
        pc_ = pc + 2;
        break;
      }

      case kBranch: {
        // <BRANCH> <skip> alt1 <JUMP> <tail> <skip> alt2 ... <0>
        size_t alt = pc + 1;
        // Skip alternatives that start with a literal the subject does not have (sre does too).
        while (at(alt) != 0 && at(alt + 1) == kLiteral && (ptr_ >= end_ || ch(ptr_) != at(alt + 2)))
          alt += at(alt);
        if (at(alt) == 0) {
          ok = false;
          break;
        }
        size_t next = alt + at(alt);
        if (at(next) != 0) push(FrameKind::kBranch, next, ptr_);
        pc_ = alt + 1;
        break;
      }

      case kRepeatOne:
      case kMinRepeatOne:
      case kPossessiveRepeatOne: {
        // <op> <skip> <min> <max> item <SUCCESS> tail
        Code min = at(pc + 2), maxc = at(pc + 3);
        int64_t max = maxc == kMaxRepeat ? -1 : static_cast<int64_t>(maxc);
        size_t tail = pc + 1 + at(pc + 1);
        if (static_cast<int64_t>(min) > end_ - ptr_) {
          ok = false;
          break;
        }
        int64_t base = ptr_;
        if (op == kMinRepeatOne) {
          int64_t c = min ? count(pc + 4, base, min) : 0;
          if (c < static_cast<int64_t>(min)) {
            ok = false;
            break;
          }
          if (max < 0 || c < max) push(FrameKind::kMinRepeatOne, tail, base, c, max, pc + 4);
          ptr_ = base + c;
        } else {
          int64_t c = count(pc + 4, base, max);
          if (c < static_cast<int64_t>(min)) {
            ok = false;
            break;
          }
          if (op == kRepeatOne) {
            c = fit_literal_tail(tail, base, c, min);
            if (c < static_cast<int64_t>(min)) {
              ok = false;
              break;
            }
            if (c > static_cast<int64_t>(min)) push(FrameKind::kRepeatOne, tail, base, c, min);
          }
          ptr_ = base + c;
        }
        pc_ = tail;
        break;
      }

      case kRepeat: {
        // <REPEAT> <skip> <min> <max> body <MAX_UNTIL|MIN_UNTIL> tail: the UNTIL does the work.
        repeats_.push_back(Repeat{pc + 4, at(pc + 2), at(pc + 3), -1, kNoPtr, cur_repeat_});
        size_t r = repeats_.size() - 1;
        trail(TrailKind::kRepeatCreated, r, 0);
        cur_repeat_ = static_cast<int64_t>(r);
        pc_ = pc + 1 + at(pc + 1);
        break;
      }

      case kMaxUntil:
      case kMinUntil: {
        if (cur_repeat_ < 0) {
          invalid_ = true;
          break;
        }
        size_t r = static_cast<size_t>(cur_repeat_);
        Repeat& rep = repeats_[r];
        int64_t cnt = rep.count + 1;
        if (static_cast<uint64_t>(cnt) < rep.min) {
          set_count(r, cnt);
          pc_ = rep.body;
          break;
        }
        if (op == kMaxUntil) {
          if ((rep.max == kMaxRepeat || static_cast<uint64_t>(cnt) < rep.max) &&
              ptr_ != rep.last_ptr) {
            push(FrameKind::kUntilTail, pc + 1, ptr_, 0, 0, r);
            set_count(r, cnt);
            set_last_ptr(r, ptr_);
            pc_ = rep.body;
            break;
          }
        } else {
          push(FrameKind::kMinUntilMore, pc + 1, ptr_, cnt, 0, r);
        }
        cur_repeat_ = rep.prev;
        pc_ = pc + 1;
        break;
      }

      case kPossessiveRepeat:
        possessive_next(pc, 0, kNoPtr);
        break;

      case kAssert:
      case kAssertNot: {
        // <ASSERT> <skip> <back> body <SUCCESS> tail; back > 0 is a lookbehind of that width.
        size_t tail = pc + 1 + at(pc + 1);
        int64_t back = at(pc + 2);
        if (ptr_ < back) {
          if (op == kAssert)
            ok = false;
          else
            pc_ = tail;
          break;
        }
        push(op == kAssert ? FrameKind::kAssert : FrameKind::kAssertNot, tail, ptr_);
        barrier_ = static_cast<int64_t>(stack_.size()) - 1;
        ptr_ -= back;
        pc_ = pc + 3;
        break;
      }

      case kAtomicGroup:
        push(FrameKind::kAtomic, pc + 1 + at(pc + 1), ptr_);
        barrier_ = static_cast<int64_t>(stack_.size()) - 1;
        pc_ = pc + 2;
        break;

      case kGroupref:
      case kGrouprefIgnore:
      case kGrouprefUniIgnore:
      case kGrouprefLocIgnore:
        if (!group_ref(op, at(pc + 1), &ptr_)) ok = false;
        pc_ = pc + 2;
        break;

      case kGrouprefExists: {
        // <GROUPREF_EXISTS> <group> <skip> yes [<JUMP> <skip> no]
        Code g = at(pc + 1);
        if (g >= st_.groups) {
          invalid_ = true;
          break;
        }
        int64_t p = st_.marks[2 * g], e = st_.marks[2 * g + 1];
        pc_ = (p >= 0 && e >= 0 && p <= e) ? pc + 3 : pc + 1 + at(pc + 2);
        break;
      }

      default:
        invalid_ = true;
        break;
    }
    if (invalid_) return Status::kInvalidCode;
    if (!ok && !backtrack()) return Status::kNoMatch;
  }
}

template <class Ch>
Status run_match(MatchState& st) {
  Matcher<Ch> m(st);
  std::fill(st.marks.begin(), st.marks.end(), -1);
  st.lastindex = -1;
  return m.run(st.start, st.must_advance);
}

template <class Ch>
Status run_search(MatchState& st) {
  const Code* code = st.code;
  size_t n = st.code_len;
  auto at = [&](size_t i) -> Code { return i < n ? code[i] : kFailure; };
  const Ch* s = static_cast<const Ch*>(st.subject.data);
  int64_t min = 0;
  size_t prefix_at = 0, prefix_len = 0;
  size_t body = 0;
  if (at(0) == kInfo) {
    Code flags = at(2);
    min = at(3);
    body = 1 + at(1);
    if (flags & kInfoPrefix) {
      prefix_len = at(5);
      prefix_at = 7;
      if (prefix_at + prefix_len > n) prefix_len = 0;
    }
  }
  // A pattern anchored at the beginning is tried once.
  bool anchored =
      at(body) == kAt && (at(body + 1) == kAtBeginning || at(body + 1) == kAtBeginningString);

  Matcher<Ch> m(st);
  bool dirty = true;
  for (int64_t p = st.start; p <= st.end; p++) {
    if (st.end - p < min) break;
    if (prefix_len) {
      // Jump to the next place where the literal prefix occurs.
      uint32_t first = code[prefix_at];
      while (p < st.end && static_cast<uint32_t>(s[p]) != first) p++;
      if (st.end - p < static_cast<int64_t>(prefix_len)) break;
      size_t i = 1;
      while (i < prefix_len &&
             static_cast<uint32_t>(s[p + static_cast<int64_t>(i)]) == code[prefix_at + i])
        i++;
      if (i < prefix_len) continue;
    }
    if (dirty) {
      std::fill(st.marks.begin(), st.marks.end(), -1);
      dirty = false;
    }
    st.lastindex = -1;
    Status r = m.run(p, st.must_advance && p == st.start);
    if (r != Status::kNoMatch) return r;
    dirty = true;
    if (anchored) break;
    if (p % 4096 == 4095 && st.poll && !st.poll()) return Status::kError;
  }
  return Status::kNoMatch;
}

}  // namespace

Status match(MatchState& st) {
  st.marks.assign(2 * st.groups, -1);
  try {
    return st.subject.width == 1 ? run_match<uint8_t>(st) : run_match<uint32_t>(st);
  } catch (const std::bad_alloc&) {
    return Status::kNoMemory;
  }
}

Status search(MatchState& st) {
  st.marks.assign(2 * st.groups, -1);
  try {
    return st.subject.width == 1 ? run_search<uint8_t>(st) : run_search<uint32_t>(st);
  } catch (const std::bad_alloc&) {
    return Status::kNoMemory;
  }
}

}  // namespace minipy::lib::sre
