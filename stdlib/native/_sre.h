// The Python objects of `_sre` (re.Pattern, re.Match, _sre.SRE_Scanner) shared by _sre.cpp (the
// module and Pattern) and _sre_match.cpp (Match and Scanner). The engine itself is
// _sre_engine.h; CPython's Lib/re/ drives all of this from Python.
#pragma once

#include <initializer_list>
#include <memory>
#include <string>
#include <vector>

#include "runtime/object.h"
#include "runtime/type.h"
#include "stdlib/native/_sre_engine.h"

namespace minipy::lib::sre {

/// A subject prepared for the engine: 1-byte units point into the str/bytes object itself (kept
/// alive by whoever holds the buffer); other str are decoded to code points; mutable buffers are
/// copied, so the engine may poll the eval breaker (and drop the GIL) while it runs.
struct SubjectBuffer {
  rt::Ref object;  // the subject as passed in (Match.string)
  bool isbytes = false;
  std::string bytes_copy;
  std::vector<uint32_t> wide;
  Subject view;
};
using SubjectRef = std::shared_ptr<const SubjectBuffer>;

struct PatternObject : rt::Object {
  rt::Ref pattern;  // str, bytes or None
  int64_t flags = 0;
  std::vector<Code> code;
  size_t groups = 0;
  rt::Ref groupindex;  // dict name -> index
  rt::Ref indexgroup;  // tuple index -> name or None
  int isbytes = -1;    // 0 str, 1 bytes, -1 either (pattern None)
};

struct MatchObject : rt::Object {
  rt::Ref pattern;  // the PatternObject
  SubjectRef subject;
  std::vector<int64_t> marks;  // (start, end) per group, group 0 first; -1 = unmatched
  int64_t pos = 0, endpos = 0;
  int64_t lastindex = -1;
};

struct ScannerObject : rt::Object {
  rt::Ref pattern;
  SubjectRef subject;
  int64_t start = 0, end = 0;  // next search starts at `start`; -1 once exhausted
  int64_t pos0 = 0;            // the clamped pos it was created with (Match.pos)
  bool must_advance = false;
  bool executing = false;  // the engine may drop the GIL: reject re-entry from another thread
};

extern rt::TypeObject pattern_type;
extern rt::TypeObject match_type;
extern rt::TypeObject scanner_type;

/// parse_args with CPython's Argument Clinic message for an unknown keyword
/// ("'foo' is an invalid keyword argument for match()").
bool parse_method_args(const char* fname, const rt::Value* args, size_t nargs,
                       rt::TupleObject* kwnames, std::initializer_list<const char*> spec,
                       size_t nrequired, rt::Value* out);
/// Builds the subject buffer for `string`, checking it against the pattern's kind (CPython's
/// messages). Null with TypeError set on failure.
SubjectRef prepare_subject(PatternObject* p, rt::Value string);
/// string[a:b] as str or bytes (CPython's getslice: always exact str/bytes).
rt::Ref subject_slice(const SubjectBuffer& s, int64_t a, int64_t b);
/// Clamps pos/endpos into [0, length] as CPython's state_init does.
void clamp_range(const SubjectBuffer& s, int64_t* pos, int64_t* endpos);
/// Runs match or search; returns 1 matched, 0 not, -1 error (exception set).
int run_engine(PatternObject* p, const SubjectBuffer& s, MatchState& st, bool search_mode);
/// A Match from a successful engine run.
rt::Ref match_new(rt::Value pattern, const SubjectRef& s, const MatchState& st, int64_t pos,
                  int64_t endpos);
/// A scanner over string[pos:endpos].
rt::Ref scanner_new(rt::Value pattern, rt::Value string, int64_t pos, int64_t endpos);

/// Pattern/Match.__class_getitem__ (a classmethod).
rt::Ref class_getitem(rt::Value cls, const rt::Value* args, size_t nargs, rt::TupleObject* kw);
/// Readies re.Match and the scanner type (_sre_match.cpp).
void match_types_init();

}  // namespace minipy::lib::sre
