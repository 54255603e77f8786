// The _sre engine on hand-assembled code arrays (the words CPython 3.11's re._compiler emits),
// without Python objects: semantics of each opcode family, str-width subjects, and robustness
// against hostile code arrays and subjects (no crash, no C recursion, interruptible).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "stdlib/native/_sre_engine.h"

namespace minipy::lib::sre {
namespace {

constexpr Code M = kMaxRepeat;

struct Outcome {
  Status status;
  MatchState st;
};

Outcome run(const std::vector<Code>& code, size_t groups, const std::string& s,
            bool search_mode = true, bool match_all = false, int64_t start = 0) {
  Outcome r;
  r.st.code = code.data();
  r.st.code_len = code.size();
  r.st.groups = groups;
  r.st.subject = Subject{s.data(), 1, static_cast<int64_t>(s.size())};
  r.st.start = start;
  r.st.end = static_cast<int64_t>(s.size());
  r.st.match_all = match_all;
  r.status = search_mode ? search(r.st) : match(r.st);
  return r;
}

TEST(SreEngine, RepeatOneSearchSkipsToTheMatch) {
  // a+b
  std::vector<Code> code = {kInfo, 4,        0,   2,        M,        kRepeatOne, 6,       1,
                            M,     kLiteral, 'a', kSuccess, kLiteral, 'b',        kSuccess};
  Outcome r = run(code, 0, "xxaaab");
  ASSERT_EQ(r.status, Status::kMatch);
  EXPECT_EQ(r.st.match_start, 2);
  EXPECT_EQ(r.st.match_end, 6);
  EXPECT_EQ(run(code, 0, "xxaaa").status, Status::kNoMatch);
  EXPECT_EQ(run(code, 0, "xaab", false).status, Status::kNoMatch);  // match is anchored
}

TEST(SreEngine, RepeatWithGroupKeepsLastIteration) {
  // (a|b)*c
  std::vector<Code> code = {kInfo,    4,     0, 1,         M,        kRepeat, 13,      0,
                            M,        kMark, 0, kIn,       5,        kRange,  'a',     'b',
                            kFailure, kMark, 1, kMaxUntil, kLiteral, 'c',     kSuccess};
  Outcome r = run(code, 1, "ababc");
  ASSERT_EQ(r.status, Status::kMatch);
  EXPECT_EQ(r.st.match_end, 5);
  EXPECT_EQ(r.st.marks[0], 3);
  EXPECT_EQ(r.st.marks[1], 4);
  EXPECT_EQ(r.st.lastindex, 1);
}

TEST(SreEngine, LazyRepeatStopsEarly) {
  // (ab)*?c and a{2,3}?
  std::vector<Code> lazy = {kInfo, 4,     0,     1,         M,        kRepeat, 11,
                            0,     M,     kMark, 0,         kLiteral, 'a',     kLiteral,
                            'b',   kMark, 1,     kMinUntil, kLiteral, 'c',     kSuccess};
  Outcome r = run(lazy, 1, "ababc");
  ASSERT_EQ(r.status, Status::kMatch);
  EXPECT_EQ(r.st.marks[0], 2);
  std::vector<Code> min_one = {kInfo, 4, 0,        2,   3,        kMinRepeatOne, 6,
                               2,     3, kLiteral, 'a', kSuccess, kSuccess};
  r = run(min_one, 0, "aaaa");
  EXPECT_EQ(r.st.match_end, 2);
  r = run(min_one, 0, "aaaa", false, /*match_all=*/true);  // fullmatch: lazy grows, but max is 3
  EXPECT_EQ(r.status, Status::kNoMatch);
}

TEST(SreEngine, AtomicAndPossessiveNeverGiveBack) {
  // (?>a+)a and a++a fail; a++b and (?:ab)++c match
  std::vector<Code> atomic = {kInfo, 4,          0,        2,        M,   kAtomicGroup,
                              9,     kRepeatOne, 6,        1,        M,   kLiteral,
                              'a',   kSuccess,   kSuccess, kLiteral, 'a', kSuccess};
  EXPECT_EQ(run(atomic, 0, "aaaa").status, Status::kNoMatch);
  std::vector<Code> poss_one = {kInfo,    4,   0,       2,        M,   kPossessiveRepeatOne,
                                6,        1,   M,       kLiteral, 'a', kSuccess,
                                kLiteral, 'b', kSuccess};
  EXPECT_EQ(run(poss_one, 0, "aab").status, Status::kMatch);
  std::vector<Code> poss = {kInfo, 4,        0,        3,        M,       kPossessiveRepeat,
                            7,     1,        M,        kLiteral, 'a',     kLiteral,
                            'b',   kSuccess, kLiteral, 'c',      kSuccess};
  Outcome r = run(poss, 0, "xababc");
  ASSERT_EQ(r.status, Status::kMatch);
  EXPECT_EQ(r.st.match_start, 1);
  EXPECT_EQ(r.st.match_end, 6);
}

TEST(SreEngine, Lookaround) {
  // (?<=a)b and (?!abc)a
  std::vector<Code> behind = {kInfo, 4,        0,   1,        1,        kAssert, 5,
                              1,     kLiteral, 'a', kSuccess, kLiteral, 'b',     kSuccess};
  Outcome r = run(behind, 0, "bab");
  ASSERT_EQ(r.status, Status::kMatch);
  EXPECT_EQ(r.st.match_start, 2);
  std::vector<Code> ahead_not = {kInfo,    4,   0,        1,        1,        kAssertNot,
                                 9,        0,   kLiteral, 'a',      kLiteral, 'b',
                                 kLiteral, 'c', kSuccess, kLiteral, 'a',      kSuccess};
  r = run(ahead_not, 0, "abcabd");
  ASSERT_EQ(r.status, Status::kMatch);
  EXPECT_EQ(r.st.match_start, 3);
}

TEST(SreEngine, GroupReferences) {
  // (a)?(?(1)b|c) and (a)\1
  std::vector<Code> cond = {
      kInfo,    4,        0,     1,       2,         kRepeat,         9, 0, 1,        kMark, 0,
      kLiteral, 'a',      kMark, 1,       kMaxUntil, kGrouprefExists, 0, 6, kLiteral, 'b',   kJump,
      3,        kLiteral, 'c',   kSuccess};
  EXPECT_EQ(run(cond, 1, "ab", false).st.match_end, 2);
  Outcome r = run(cond, 1, "c", false);
  ASSERT_EQ(r.status, Status::kMatch);
  EXPECT_EQ(r.st.marks[0], -1);
  EXPECT_EQ(run(cond, 1, "ac", false).status, Status::kNoMatch);
  std::vector<Code> backref = {kMark, 0, kLiteral, 'a', kMark, 1, kGroupref, 0, kSuccess};
  EXPECT_EQ(run(backref, 1, "aa", false).status, Status::kMatch);
  EXPECT_EQ(run(backref, 1, "aA", false).status, Status::kNoMatch);
  std::vector<Code> backref_i = {kMark, 0, kLiteral, 'a', kMark, 1, kGrouprefIgnore, 0, kSuccess};
  EXPECT_EQ(run(backref_i, 1, "aA", false).status, Status::kMatch);
}

TEST(SreEngine, FailedAlternativeLeavesNoCaptures) {
  // (?:(a)x|ay): the first alternative sets group 1 and fails; the match must not report it.
  std::vector<Code> code = {kBranch, 11,       kMark, 0,     kLiteral, 'a',      kMark,
                            1,       kLiteral, 'x',   kJump, 9,        7,        kLiteral,
                            'a',     kLiteral, 'y',   kJump, 2,        kFailure, kSuccess};
  Outcome r = run(code, 1, "ay", false);
  ASSERT_EQ(r.status, Status::kMatch);
  EXPECT_EQ(r.st.marks[0], -1);
  EXPECT_EQ(r.st.lastindex, -1);
}

TEST(SreEngine, MustAdvanceRejectsTheEmptyMatchAtStart) {
  // x* searched with must_advance (finditer after an empty match) finds the next position.
  std::vector<Code> code = {kInfo, 4, 0,        0,   M,        kRepeatOne, 6,
                            0,     M, kLiteral, 'x', kSuccess, kSuccess};
  MatchState st;
  std::string s = "ab";
  st.code = code.data();
  st.code_len = code.size();
  st.subject = Subject{s.data(), 1, 2};
  st.start = 0;
  st.end = 2;
  st.must_advance = true;
  ASSERT_EQ(search(st), Status::kMatch);
  EXPECT_EQ(st.match_start, 1);
  EXPECT_EQ(st.match_end, 1);
}

TEST(SreEngine, WideSubjectAndCaseFolding) {
  // [\u0400-\u04ff]+ over code points; LITERAL_UNI_IGNORE folds Cyrillic.
  std::vector<Code> code = {kInfo, 4, 0,      1,     M,     kRepeatOne, 10,       1,       M,
                            kIn,   5, kRange, 0x400, 0x4FF, kFailure,   kSuccess, kSuccess};
  std::vector<uint32_t> s = {'a', 0x416, 0x417, 'x'};
  MatchState st;
  st.code = code.data();
  st.code_len = code.size();
  st.subject = Subject{s.data(), 4, 4};
  st.end = 4;
  ASSERT_EQ(search(st), Status::kMatch);
  EXPECT_EQ(st.match_start, 1);
  EXPECT_EQ(st.match_end, 3);
  std::vector<Code> fold = {kLiteralUniIgnore, 0x436, kSuccess};
  st.code = fold.data();
  st.code_len = fold.size();
  st.start = 1;
  EXPECT_EQ(match(st), Status::kMatch);
  EXPECT_EQ(lower_unicode(0x416), 0x436u);
  EXPECT_TRUE(iscased_unicode(0x416));
  EXPECT_FALSE(iscased_ascii(0x416));
  EXPECT_EQ(lower_ascii('Q'), static_cast<uint32_t>('q'));
}

TEST(SreEngine, HostileCodeIsRejectedNotFollowed) {
  std::string s = "aaaa";
  // MARK beyond the group count, an UNTIL without REPEAT, an unknown opcode, a bad BIGCHARSET
  // block.
  EXPECT_EQ(run({kMark, 7, kSuccess}, 1, s).status, Status::kInvalidCode);
  EXPECT_EQ(run({kMaxUntil, kSuccess}, 0, s).status, Status::kInvalidCode);
  EXPECT_EQ(run({99, kSuccess}, 0, s).status, Status::kInvalidCode);
  EXPECT_EQ(run({kGroupref, 3, kSuccess}, 1, s).status, Status::kInvalidCode);
  std::vector<Code> big = {kIn, 70, kBigCharset, 1};
  big.resize(big.size() + 64, 0x05050505);  // every block index 5, but there is one block
  big.push_back(kFailure);
  big.push_back(kSuccess);
  EXPECT_EQ(run(big, 0, s).status, Status::kInvalidCode);
  // Skips pointing past the end and truncated arrays read as FAILURE.
  EXPECT_EQ(run({kRepeatOne, 1000, 0, M, kLiteral}, 0, s).status, Status::kNoMatch);
  EXPECT_EQ(run({kBranch, 4000000000u}, 0, s).status, Status::kNoMatch);
  EXPECT_EQ(run({kIn, 2, kLiteral}, 0, s).status, Status::kInvalidCode);  // a set without its end
  EXPECT_EQ(run({}, 0, s).status, Status::kNoMatch);
}

TEST(SreEngine, DeepBacktrackingUsesTheHeapNotTheCStack) {
  // (?:(a)|b)*c over 200,000 characters: one choice point per character, and no c at the end.
  std::vector<Code> code = {kRepeat,  19,    0,     M,        kBranch,   9,        kMark, 0,
                            kLiteral, 'a',   kMark, 1,        kJump,     7,        5,     kLiteral,
                            'b',      kJump, 2,     kFailure, kMaxUntil, kLiteral, 'c',   kSuccess};
  std::string s(200000, 'a');
  for (size_t i = 0; i < s.size(); i += 3) s[i] = 'b';
  Outcome r = run(code, 1, s, false);
  EXPECT_EQ(r.status, Status::kNoMatch);
  s += 'c';
  r = run(code, 1, s, false);
  ASSERT_EQ(r.status, Status::kMatch);
  EXPECT_EQ(r.st.match_end, static_cast<int64_t>(s.size()));
  EXPECT_EQ(r.st.marks[0], static_cast<int64_t>(s.size()) - 2);  // the last 'a'
  EXPECT_EQ(r.st.marks[1], static_cast<int64_t>(s.size()) - 1);
}

int g_polls = 0;
bool poll_then_stop() { return ++g_polls < 3; }

TEST(SreEngine, CatastrophicPatternIsInterruptible) {
  // (?:a*)*b against a run of a's is exponential; the poll hook aborts it with kError.
  std::vector<Code> code = {kRepeat, 10,       0,          M,        kRepeatOne, 6,       0,
                            M,       kLiteral, 'a',        kSuccess, kMaxUntil,  kRepeat, 10,
                            0,       M,        kRepeatOne, 6,        0,          M,       kLiteral,
                            'a',     kSuccess, kMaxUntil,  kLiteral, 'b',        kSuccess};
  MatchState st;
  std::string s(40, 'a');
  st.code = code.data();
  st.code_len = code.size();
  st.subject = Subject{s.data(), 1, static_cast<int64_t>(s.size())};
  st.end = st.subject.length;
  st.poll = poll_then_stop;
  g_polls = 0;
  EXPECT_EQ(search(st), Status::kError);
  EXPECT_EQ(g_polls, 3);
}

}  // namespace
}  // namespace minipy::lib::sre
