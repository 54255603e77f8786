// The check `_sre.compile` makes of a code array before the engine may run it (CPython 3.11's
// _validate in Modules/_sre/sre.c, the same rules): every skip stays inside its enclosing block,
// every block ends with the opcode its operator expects, group numbers are below the pattern's
// group count, charsets are well formed. re._compiler's output always passes; a hand-made array
// that fails is RuntimeError("invalid SRE code"). The engine bounds-checks its reads as well, but
// a structurally wrong program (a REPEAT whose body does not end in MAX_UNTIL, a skip back into
// itself) could loop for ever there: the fuzzer found `_sre.compile(..., [28, 0xFFFFFFFF, ...])`
// spinning in search().
#include <cstddef>
#include <cstdint>
#include <vector>

#include "stdlib/native/_sre_engine.h"

namespace minipy::lib::sre {
namespace {

// Positions are indices into the code array; `end` is one past the block being checked.
class Validator {
 public:
  Validator(const std::vector<Code>& code, size_t groups) : code_(code), groups_(groups) {}

  bool outer() {
    size_t n = code_.size();
    if (groups_ > static_cast<size_t>(kMaxGroups) || n == 0 || code_[n - 1] != kSuccess)
      return false;
    return inner(0, n - 1);
  }

 private:
  // Reads the word at `pos` into `out` (an opcode or an argument) if it is before `end`.
  bool get(size_t& pos, size_t end, Code& out) const {
    if (pos >= end) return false;
    out = code_[pos++];
    return true;
  }
  // A skip at `pos`: the block it spans (skip - adj words from here) must end by `end`.
  bool get_skip(size_t& pos, size_t end, Code& skip, Code adj = 0) const {
    if (pos >= end) return false;
    skip = code_[pos];
    // Unsigned on purpose: skip < adj wraps to a huge value and fails, as in CPython.
    if (static_cast<Code>(skip - adj) > end - pos) return false;
    pos++;
    return true;
  }

  bool charset(size_t pos, size_t end) const {
    constexpr size_t kBitmapWords = 256 / 32;  // a 256-bit bitmap
    Code op, arg;
    while (pos < end) {
      if (!get(pos, end, op)) return false;
      switch (op) {
        case kNegate:
          break;
        case kLiteral:
          if (!get(pos, end, arg)) return false;
          break;
        case kRange:
        case kRangeUniIgnore:
          if (!get(pos, end, arg) || !get(pos, end, arg)) return false;
          break;
        case kCharset:
          if (kBitmapWords > end - pos) return false;
          pos += kBitmapWords;
          break;
        case kBigCharset: {
          Code blocks;
          if (!get(pos, end, blocks)) return false;
          constexpr size_t kTableWords = 256 / sizeof(Code);  // a 256-byte block index
          if (kTableWords > end - pos) return false;
          // Each byte of the index names a block that exists.
          for (size_t i = 0; i < kTableWords; i++) {
            Code w = code_[pos + i];
            for (int b = 0; b < 4; b++) {
              if (((w >> (8 * b)) & 0xFF) >= blocks) return false;
            }
          }
          pos += kTableWords;
          if (static_cast<uint64_t>(blocks) * kBitmapWords > end - pos) return false;
          pos += static_cast<size_t>(blocks) * kBitmapWords;
          break;
        }
        case kCategory:
          if (!get(pos, end, arg) || arg > kCatUniNotLinebreak) return false;
          break;
        default:
          return false;
      }
    }
    return true;
  }

  // One block being checked: [pos, end), and the operator of this block whose sub-block (the
  // next frame up the stack) is being checked now, with what resuming it needs.
  struct Frame {
    size_t pos, end;
    Code op = 0;               // the waiting operator (0: none)
    size_t at = 0;             // where its skip word is
    Code skip = 0;             // its skip
    size_t target = SIZE_MAX;  // BRANCH: where every arm's JUMP goes
    bool else_part = false;    // GROUPREF_EXISTS: the sub-block is the else part
  };

  // Whether [pos, end) is a valid block ending the pattern: CPython's recursive check, run on
  // an explicit stack so that a hand-made array of 100,000 nested groups (which CPython accepts)
  // cannot take the C stack down.
  bool inner(size_t pos, size_t end) {
    std::vector<Frame> stack;
    stack.push_back(Frame{pos, end});
    int rc = 0;             // the result of the block that just finished
    bool resuming = false;  // the top frame's operator waits for `rc`
    while (!stack.empty()) {
      size_t top = stack.size() - 1;
      if (resuming) {
        resuming = false;
        int r = resume(stack, top, rc);
        if (r < 0) return false;
        if (r == 1) continue;  // it pushed another sub-block
      }
      Frame& f = stack[top];
      if (f.pos >= f.end) {
        rc = 0;
        stack.pop_back();
        resuming = true;
        continue;
      }
      int r = step(stack, top);
      if (r < 0) return false;
      if (r == 2) {  // a JUMP ended the block: 1 to the operator waiting for it
        rc = 1;
        stack.pop_back();
        resuming = true;
      }
    }
    return rc == 0;
  }

  // Pushes the sub-block [pos, end) of the frame at `index`, which now waits as `op`.
  static bool push(std::vector<Frame>& stack, size_t index, Code op, size_t pos, size_t end) {
    if (pos > end) return false;  // a skip too small for its operator's header
    stack[index].op = op;
    stack.push_back(Frame{pos, end});
    return true;
  }

  // One operation of the frame at `index`: -1 invalid; 0 done (or a sub-block pushed); 2 a
  // JUMP ended the block.
  int step(std::vector<Frame>& stack, size_t index) {
    Frame& f = stack[index];
    size_t& pos = f.pos;
    size_t end = f.end;
    Code op, arg, skip;
    if (!get(pos, end, op)) return -1;
    switch (op) {
      case kMark:
        // Marks need not nest properly: the engine copes, the worst is a nonsensical match.
        if (!get(pos, end, arg) || arg > 2 * static_cast<uint64_t>(groups_) + 1) return -1;
        return 0;
      case kLiteral:
      case kNotLiteral:
      case kLiteralIgnore:
      case kNotLiteralIgnore:
      case kLiteralUniIgnore:
      case kNotLiteralUniIgnore:
      case kLiteralLocIgnore:
      case kNotLiteralLocIgnore:
        return get(pos, end, arg) ? 0 : -1;  // any character
      case kSuccess:
      case kFailure:
      case kAny:
      case kAnyAll:
        return 0;
      case kAt:
        return get(pos, end, arg) && arg <= kAtUniNonBoundary ? 0 : -1;
      case kIn:
      case kInIgnore:
      case kInUniIgnore:
      case kInLocIgnore: {
        size_t at = pos;
        if (!get_skip(pos, end, skip) || skip < 2) return -1;
        // The set's items, then FAILURE as its last word.
        size_t last = at + skip - 1;
        if (!charset(pos, last) || code_[last] != kFailure) return -1;
        pos = at + skip;
        return 0;
      }
      case kInfo:
        return info(pos, end) ? 0 : -1;
      case kBranch: {
        // Arms: <skip> ... JUMP <skip to the common end>; a zero skip ends the list.
        f.target = SIZE_MAX;
        return branch_arm(stack, index) ? 0 : -1;
      }
      case kRepeatOne:
      case kMinRepeatOne:
      case kPossessiveRepeatOne:
      case kRepeat:
      case kPossessiveRepeat: {
        size_t at = pos;
        Code min, max;
        if (!get_skip(pos, end, skip) || !get(pos, end, min) || !get(pos, end, max)) return -1;
        if (min > max) return -1;
        f.at = at;
        f.skip = skip;
        // The *_ONE forms end their body with SUCCESS inside the skip, REPEAT with an UNTIL after
        // it.
        bool one = op == kRepeatOne || op == kMinRepeatOne || op == kPossessiveRepeatOne;
        if (skip < (one ? 4u : 3u)) return -1;
        return push(stack, index, op, at + 3, at + skip - (one ? 1 : 0)) ? 0 : -1;
      }
      case kAtomicGroup: {
        size_t at = pos;
        if (!get_skip(pos, end, skip) || skip < 2) return -1;
        f.at = at;
        f.skip = skip;
        return push(stack, index, op, at + 1, at + skip - 1) ? 0 : -1;
      }
      case kGroupref:
      case kGrouprefIgnore:
      case kGrouprefUniIgnore:
      case kGrouprefLocIgnore:
        return get(pos, end, arg) && arg < groups_ ? 0 : -1;
      case kGrouprefExists: {
        // <group> <skip> then-part [JUMP <skip> else-part]; the skip counts from the group
        // word. Whether an else part exists shows only as a JUMP ending the then part.
        if (!get(pos, end, arg) || arg >= groups_) return -1;
        size_t at = pos;
        if (!get_skip(pos, end, skip, 1) || skip < 2) return -1;
        f.at = at;
        f.skip = skip;
        f.else_part = false;
        return push(stack, index, op, at + 1, at + skip - 1) ? 0 : -1;
      }
      case kAssert:
      case kAssertNot: {
        // <skip> <width> ... SUCCESS; width 0 for a lookahead, else the lookbehind's.
        size_t at = pos;
        if (!get_skip(pos, end, skip) || !get(pos, end, arg)) return -1;
        if ((arg & 0x80000000u) || skip < 3) return -1;
        f.at = at;
        f.skip = skip;
        return push(stack, index, op, at + 2, at + skip - 1) ? 0 : -1;
      }
      case kJump:
        // Only as the last operation of a branch arm or a then part; its skip (the block's last
        // word) is the waiting operator's to check.
        return pos + 1 == end ? 2 : -1;
      default:
        return -1;
    }
  }

  // The next arm of the BRANCH the frame at `index` is in (its position at the arm's skip):
  // pushes it, or checks that the list ended where every arm jumps to.
  bool branch_arm(std::vector<Frame>& stack, size_t index) {
    Frame& f = stack[index];
    size_t at = f.pos;
    Code skip;
    if (!get_skip(f.pos, f.end, skip)) return false;
    if (skip == 0) {
      f.op = 0;
      return f.pos == f.target;
    }
    if (skip < 3) return false;
    f.at = at;
    f.skip = skip;
    return push(stack, index, kBranch, at + 1, at + skip - 2);
  }

  // The sub-block of the frame at `index` finished with `rc`: -1 invalid; 0 the frame goes on;
  // 1 it pushed another sub-block.
  int resume(std::vector<Frame>& stack, size_t index, int rc) {
    Frame& f = stack[index];
    Code op = f.op;
    f.op = 0;
    Code next;
    switch (op) {
      case kBranch: {
        if (rc != 0) return -1;
        f.pos = f.at + f.skip - 2;
        if (!get(f.pos, f.end, next) || next != kJump) return -1;
        size_t at = f.pos;
        Code skip;
        if (!get_skip(f.pos, f.end, skip) || skip < 1) return -1;
        if (f.target == SIZE_MAX) {
          f.target = at + skip;
        } else if (at + skip != f.target) {
          return -1;
        }
        if (!branch_arm(stack, index)) return -1;
        return stack.size() - 1 > index ? 1 : 0;
      }
      case kRepeatOne:
      case kMinRepeatOne:
      case kPossessiveRepeatOne:
        if (rc != 0) return -1;
        f.pos = f.at + f.skip - 1;
        return get(f.pos, f.end, next) && next == kSuccess ? 0 : -1;
      case kRepeat:
      case kPossessiveRepeat:
        if (rc != 0) return -1;
        f.pos = f.at + f.skip;
        if (!get(f.pos, f.end, next)) return -1;
        if (op == kPossessiveRepeat ? next != kSuccess : (next != kMaxUntil && next != kMinUntil))
          return -1;
        return 0;
      case kAtomicGroup:
      case kAssert:
      case kAssertNot:
        if (rc != 0) return -1;
        f.pos = f.at + f.skip - 1;
        return get(f.pos, f.end, next) && next == kSuccess ? 0 : -1;
      case kGrouprefExists: {
        if (rc < 0 || (f.else_part && rc != 0)) return -1;
        if (f.else_part || rc == 0) {
          f.pos = f.at + f.skip - 1 + (f.else_part ? 1 : 0);
          return 0;
        }
        // The then part ended with JUMP: its skip word starts the else part.
        size_t at = f.at + f.skip - 2;
        f.pos = at;
        Code skip;
        if (!get_skip(f.pos, f.end, skip) || skip < 1) return -1;
        f.at = at;
        f.skip = skip;
        f.else_part = true;
        return push(stack, index, kGrouprefExists, at + 1, at + skip) ? 1 : -1;
      }
      default:
        return -1;
    }
  }

  bool info(size_t& pos, size_t end) {
    // <INFO> <skip> <flags> <min> <max> [<prefix_len> <prefix_skip> prefix overlap | charset]
    size_t at = pos;
    Code skip, flags, arg;
    if (!get_skip(pos, end, skip) || skip < 1) return false;
    size_t next = at + skip;
    if (!get(pos, end, flags) || !get(pos, end, arg) || !get(pos, end, arg)) return false;
    if ((flags & ~(kInfoPrefix | kInfoLiteral | kInfoCharset)) != 0) return false;
    if ((flags & kInfoPrefix) && (flags & kInfoCharset)) return false;
    if ((flags & kInfoLiteral) && !(flags & kInfoPrefix)) return false;
    if (flags & kInfoPrefix) {
      Code prefix_len;
      if (!get(pos, end, prefix_len) || !get(pos, end, arg)) return false;
      if (pos > next || prefix_len > next - pos) return false;
      pos += prefix_len;  // the prefix
      if (prefix_len > next - pos) return false;
      for (size_t i = 0; i < prefix_len; i++) {  // its overlap table
        if (code_[pos + i] >= prefix_len) return false;
      }
      pos += prefix_len;
    }
    if (flags & kInfoCharset) {
      if (pos > next - 1 || !charset(pos, next - 1) || code_[next - 1] != kFailure) return false;
      pos = next;
    }
    return pos == next;
  }

  const std::vector<Code>& code_;
  size_t groups_;
};

}  // namespace

bool validate(const std::vector<Code>& code, size_t groups) {
  return Validator(code, groups).outer();
}

}  // namespace minipy::lib::sre
