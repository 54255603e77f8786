// _sre: the native half of CPython's `re` package. re._compiler turns a pattern into code words and
// calls _sre.compile(); this file holds that entry point, the module constants and helpers
// (MAGIC, CODESIZE, MAXREPEAT, MAXGROUPS, ascii_tolower, ...), and re.Pattern with its match,
// search, findall, finditer, sub and split. Matching is _sre_engine.cpp; Match and the scanner
// are _sre_match.cpp.
//
// GIL: CPython holds the GIL for a whole match and only checks for signals. Here the engine polls
// the eval breaker every few thousand steps, so Ctrl-C interrupts a runaway match and a long
// match also lets other threads run (a GIL drop request is honoured). That is safe because the
// engine works on immutable subjects or private copies (SubjectBuffer) and its own stacks.
#include "stdlib/native/_sre.h"

#include <algorithm>
#include <cstring>
#include <mutex>

#include "runtime/errors.h"
#include "runtime/objects/bytes.h"
#include "runtime/objects/dict.h"
#include "runtime/objects/generic_alias.h"
#include "runtime/objects/int.h"
#include "runtime/objects/list.h"
#include "runtime/objects/native.h"
#include "runtime/objects/singletons.h"
#include "runtime/objects/str.h"
#include "runtime/objects/tuple.h"
#include "runtime/ops.h"
#include "runtime/state/eval_breaker.h"
#include "stdlib/native/builtins_iter.h"
#include "vm/import.h"

namespace minipy::lib {

using namespace rt;

namespace sre {

TypeObject pattern_type;

namespace {

PatternObject* as_pattern(Value v) { return static_cast<PatternObject*>(v.obj()); }

bool poll_breaker() { return !eval_breaker_set() || handle_eval_breaker(); }

/// pos/endpos arguments: anything with __index__; None is not accepted (as CPython).
bool ssize_arg(Value v, int64_t dflt, int64_t* out) {
  if (!v) {
    *out = dflt;
    return true;
  }
  if (is_int(v) && !v.is_small()) {
    // Beyond int64: clamp like CPython's Py_ssize_t after its own clamping in state_init.
    if (!int_to_int64(v, out)) {
      clear_exception();
      *out = int_sign(v) < 0 ? INT64_MIN : INT64_MAX;
    }
    return true;
  }
  return index_int64(v, out);
}

}  // namespace

// ------------------------------------------------------------------ subjects

bool parse_method_args(const char* fname, const Value* args, size_t nargs, TupleObject* kwnames,
                       std::initializer_list<const char*> spec, size_t nrequired, Value* out) {
  for (size_t k = 0; kwnames && k < kwnames->size; k++) {
    std::string_view kn = as_str(kwnames->at(k))->view();
    bool known = false;
    for (const char* name : spec) known = known || kn == name;
    if (!known) {
      raise_fmt(&exc_TypeError, "'{}' is an invalid keyword argument for {}()", kn, fname);
      return false;
    }
  }
  return parse_args(fname, args, nargs, kwnames, spec, nrequired, out);
}

namespace {

/// Non-ASCII str subjects are decoded to code points. Scanners, finditer, sub and findall decode
/// once per call, but a tokenizer calling pattern.match(text, pos) per token (json.decoder,
/// string.Template, tokenize) would decode the whole text each time: quadratic. A few recently
/// decoded long subjects are kept (with a reference, so the str cannot be freed and its address
/// reused) to make that linear. Never destroyed: no decref at exit without the GIL.
class DecodedCache {
 public:
  SubjectRef find(Value s) {
    std::lock_guard<std::mutex> lock(mu_);
    for (size_t i = 0; i < kEntries; i++) {
      if (entries_[i] && entries_[i]->object.get() == s) {
        std::rotate(entries_, entries_ + i, entries_ + i + 1);  // most recent first
        return entries_[0];
      }
    }
    return nullptr;
  }
  void add(const SubjectRef& buf) {
    SubjectRef evicted;
    {
      std::lock_guard<std::mutex> lock(mu_);
      evicted = std::move(entries_[kEntries - 1]);
      std::rotate(entries_, entries_ + kEntries - 1, entries_ + kEntries);
      entries_[0] = buf;
    }
    // `evicted` drops its reference here, outside the lock (a str dealloc runs no Python code).
  }

 private:
  static constexpr size_t kEntries = 4;
  std::mutex mu_;
  SubjectRef entries_[kEntries];
};

constexpr int64_t kCacheMinLength = 256;

DecodedCache& decoded_cache() {
  static auto* cache = new DecodedCache;
  return *cache;
}

}  // namespace

SubjectRef prepare_subject(PatternObject* p, Value string) {
  if (is_str(string)) {
    StrObject* s = as_str(string);
    if (p && p->isbytes == 1) {
      raise(&exc_TypeError, "cannot use a bytes pattern on a string-like object");
      return nullptr;
    }
    bool cacheable = !s->ascii && s->length >= kCacheMinLength;
    if (cacheable) {
      if (SubjectRef hit = decoded_cache().find(string)) return hit;
    }
    auto buf = std::make_shared<SubjectBuffer>();
    buf->object = Ref::new_ref(string);
    if (s->ascii) {
      buf->view = Subject{s->data.data(), 1, static_cast<int64_t>(s->data.size())};
    } else {
      buf->wide.reserve(static_cast<size_t>(s->length));
      std::string_view d = s->data;
      size_t pos = 0;
      while (pos < d.size()) buf->wide.push_back(utf8_decode(d, pos));
      buf->view = Subject{buf->wide.data(), 4, static_cast<int64_t>(buf->wide.size())};
      if (cacheable) decoded_cache().add(buf);
    }
    return buf;
  }
  auto buf = std::make_shared<SubjectBuffer>();
  buf->object = Ref::new_ref(string);
  std::string_view data;
  if (is_bytes(string)) {
    data = static_cast<BytesObject*>(string.obj())->data;
  } else if (is_bytearray(string)) {
    buf->bytes_copy = static_cast<ByteArrayObject*>(string.obj())->data;
    data = buf->bytes_copy;
  } else {
    raise_fmt(&exc_TypeError, "expected string or bytes-like object, got '{}'", type_name(string));
    return nullptr;
  }
  if (p && p->isbytes == 0) {
    raise(&exc_TypeError, "cannot use a string pattern on a bytes-like object");
    return nullptr;
  }
  buf->isbytes = true;
  buf->view = Subject{data.data(), 1, static_cast<int64_t>(data.size())};
  return buf;
}

Ref subject_slice(const SubjectBuffer& s, int64_t a, int64_t b) {
  if (b < a) b = a;
  if (s.isbytes) {
    if (a == 0 && b == s.view.length && type_of(s.object.get()) == &bytes_type)
      return s.object.dup();
    return bytes_new(
        std::string_view(static_cast<const char*>(s.view.data) + a, static_cast<size_t>(b - a)));
  }
  if (s.view.width == 1) {
    if (a == 0 && b == s.view.length && is_str_exact(s.object.get())) return s.object.dup();
    return str_new(
        std::string_view(static_cast<const char*>(s.view.data) + a, static_cast<size_t>(b - a)));
  }
  std::string out;
  for (int64_t i = a; i < b; i++) utf8_append(out, s.wide[static_cast<size_t>(i)]);
  return str_new(std::move(out));
}

void clamp_range(const SubjectBuffer& s, int64_t* pos, int64_t* endpos) {
  int64_t n = s.view.length;
  *pos = *pos < 0 ? 0 : (*pos > n ? n : *pos);
  *endpos = *endpos < 0 ? 0 : (*endpos > n ? n : *endpos);
}

int run_engine(PatternObject* p, const SubjectBuffer& s, MatchState& st, bool search_mode) {
  st.code = p->code.data();
  st.code_len = p->code.size();
  st.groups = p->groups;
  st.subject = s.view;
  st.poll = poll_breaker;
  Status r = search_mode ? search(st) : match(st);
  switch (r) {
    case Status::kMatch:
      return 1;
    case Status::kNoMatch:
      return 0;
    case Status::kError:
      return -1;
    case Status::kNoMemory:
      raise_no_memory();
      return -1;
    case Status::kInvalidCode:
      raise(&exc_RuntimeError, "invalid SRE code");
      return -1;
  }
  return -1;
}

namespace {

// ------------------------------------------------------------------ Pattern methods

/// Shared by match/fullmatch/search: (string, pos=0, endpos=maxsize).
Ref pattern_run(Value self, const Value* args, size_t nargs, TupleObject* kw, const char* name,
                bool search_mode, bool match_all) {
  Value a[3];
  if (!parse_method_args(name, args, nargs, kw, {"string", "pos", "endpos"}, 1, a)) return Ref();
  int64_t pos, endpos;
  if (!ssize_arg(a[1], 0, &pos) || !ssize_arg(a[2], INT64_MAX, &endpos)) return Ref();
  PatternObject* p = as_pattern(self);
  SubjectRef s = prepare_subject(p, a[0]);
  if (!s) return Ref();
  clamp_range(*s, &pos, &endpos);
  MatchState st;
  st.start = pos;
  st.end = endpos;
  st.match_all = match_all;
  int r = run_engine(p, *s, st, search_mode);
  if (r < 0) return Ref();
  if (r == 0) return none_ref();
  return match_new(self, s, st, pos, endpos);
}

Ref pattern_match(Value self, const Value* args, size_t nargs, TupleObject* kw) {
  return pattern_run(self, args, nargs, kw, "match", false, false);
}
Ref pattern_fullmatch(Value self, const Value* args, size_t nargs, TupleObject* kw) {
  return pattern_run(self, args, nargs, kw, "fullmatch", false, true);
}
Ref pattern_search(Value self, const Value* args, size_t nargs, TupleObject* kw) {
  return pattern_run(self, args, nargs, kw, "search", true, false);
}

/// Group g of a finished engine run as str/bytes; `dflt` when it did not participate.
Ref state_group(const SubjectBuffer& s, const MatchState& st, size_t g, Value dflt) {
  int64_t a = st.marks[2 * g], b = st.marks[2 * g + 1];
  if (a < 0 || b < 0) return Ref::new_ref(dflt);
  return subject_slice(s, a, b);
}

Ref pattern_findall(Value self, const Value* args, size_t nargs, TupleObject* kw) {
  Value a[3];
  if (!parse_method_args("findall", args, nargs, kw, {"string", "pos", "endpos"}, 1, a))
    return Ref();
  int64_t pos, endpos;
  if (!ssize_arg(a[1], 0, &pos) || !ssize_arg(a[2], INT64_MAX, &endpos)) return Ref();
  PatternObject* p = as_pattern(self);
  SubjectRef s = prepare_subject(p, a[0]);
  if (!s) return Ref();
  clamp_range(*s, &pos, &endpos);
  Ref list = list_new();
  Ref empty = subject_slice(*s, 0, 0);
  MatchState st;
  st.start = pos;
  st.end = endpos;
  while (st.start <= st.end) {
    int r = run_engine(p, *s, st, true);
    if (r < 0) return Ref();
    if (r == 0) break;
    Ref item;
    if (p->groups == 0) {
      item = subject_slice(*s, st.match_start, st.match_end);
    } else if (p->groups == 1) {
      item = state_group(*s, st, 0, empty.get());
    } else {
      item = tuple_new(p->groups);
      for (size_t g = 0; g < p->groups; g++) {
        Ref v = state_group(*s, st, g, empty.get());
        if (!v) return Ref();
        tuple_set_steal(as_tuple(item.get()), g, v.release());
      }
    }
    if (!item) return Ref();
    list_append_steal(as_list(list.get()), item.release());
    st.must_advance = st.match_end == st.match_start;
    st.start = st.match_end;
  }
  return list;
}

Ref pattern_scanner(Value self, const Value* args, size_t nargs, TupleObject* kw) {
  Value a[3];
  if (!parse_method_args("scanner", args, nargs, kw, {"string", "pos", "endpos"}, 1, a))
    return Ref();
  int64_t pos, endpos;
  if (!ssize_arg(a[1], 0, &pos) || !ssize_arg(a[2], INT64_MAX, &endpos)) return Ref();
  return scanner_new(self, a[0], pos, endpos);
}

Ref pattern_finditer(Value self, const Value* args, size_t nargs, TupleObject* kw) {
  Value a[3];
  if (!parse_method_args("finditer", args, nargs, kw, {"string", "pos", "endpos"}, 1, a))
    return Ref();
  int64_t pos, endpos;
  if (!ssize_arg(a[1], 0, &pos) || !ssize_arg(a[2], INT64_MAX, &endpos)) return Ref();
  Ref scanner = scanner_new(self, a[0], pos, endpos);
  if (!scanner) return Ref();
  Ref search = getattr(scanner.get(), "search");
  if (!search) return Ref();
  return callable_iter_new(search.get(), None());  // CPython: iter(scanner.search, None)
}

Ref pattern_split(Value self, const Value* args, size_t nargs, TupleObject* kw) {
  Value a[2];
  if (!parse_method_args("split", args, nargs, kw, {"string", "maxsplit"}, 1, a)) return Ref();
  int64_t maxsplit;
  if (!ssize_arg(a[1], 0, &maxsplit)) return Ref();
  PatternObject* p = as_pattern(self);
  SubjectRef s = prepare_subject(p, a[0]);
  if (!s) return Ref();
  Ref list = list_new();
  MatchState st;
  st.start = 0;
  st.end = s->view.length;
  int64_t last = 0, n = 0;
  while (maxsplit == 0 || n < maxsplit) {
    int r = run_engine(p, *s, st, true);
    if (r < 0) return Ref();
    if (r == 0) break;
    Ref piece = subject_slice(*s, last, st.match_start);
    if (!piece) return Ref();
    list_append_steal(as_list(list.get()), piece.release());
    for (size_t g = 0; g < p->groups; g++) {
      Ref v = state_group(*s, st, g, None());
      if (!v) return Ref();
      list_append_steal(as_list(list.get()), v.release());
    }
    n++;
    st.must_advance = st.match_end == st.match_start;
    last = st.start = st.match_end;
  }
  Ref tail = subject_slice(*s, last, s->view.length);
  if (!tail) return Ref();
  list_append_steal(as_list(list.get()), tail.release());
  return list;
}

/// CPython's join of the sub() pieces: str.join or bytes.join, with their messages.
Ref join_pieces(bool isbytes, ListObject* pieces) {
  if (pieces->items.size() == 1) {  // as str.join/bytes.join: a lone exact item is the result
    Value v = pieces->items[0];
    if (isbytes ? type_of(v) == &bytes_type : is_str_exact(v)) return Ref::new_ref(v);
  }
  std::string out;
  for (size_t i = 0; i < pieces->items.size(); i++) {
    Value v = pieces->items[i];
    if (isbytes) {
      std::string_view d;
      if (!bytes_like_data(v, &d)) {
        return raise_fmt(&exc_TypeError, "sequence item {}: expected a bytes-like object, {} found",
                         i, type_name(v));
      }
      out += d;
    } else {
      if (!is_str(v))
        return raise_fmt(&exc_TypeError, "sequence item {}: expected str instance, {} found", i,
                         type_name(v));
      out += as_str(v)->data;
    }
  }
  return isbytes ? bytes_new(out) : str_new(std::move(out));
}

/// True when a str/bytes template has no backslash (used as is, without re._subx).
bool literal_template(Value t) {
  if (is_str(t)) return as_str(t)->data.find('\\') == std::string::npos;
  std::string_view d;
  if (bytes_like_data(t, &d)) return d.find('\\') == std::string_view::npos;
  return false;
}

Ref call_re_helper(const char* name, std::initializer_list<Value> args) {
  Ref re = vm::import_module_absolute("re");
  if (!re) return Ref();
  Ref fn = getattr(re.get(), name);
  if (!fn) return Ref();
  return call(fn.get(), args.begin(), args.size());
}

Ref pattern_subx(Value self, Value repl, Value string, int64_t count, bool subn) {
  PatternObject* p = as_pattern(self);
  Ref filter;
  bool callable_filter;
  if (callable(repl)) {
    filter = Ref::new_ref(repl);
    callable_filter = true;
  } else if (literal_template(repl)) {
    filter = Ref::new_ref(repl);
    callable_filter = false;
  } else {
    filter = call_re_helper("_subx", {self, repl});
    if (!filter) return Ref();
    callable_filter = callable(filter.get());
  }
  SubjectRef s = prepare_subject(p, string);
  if (!s) return Ref();
  Ref list = list_new();
  MatchState st;
  st.start = 0;
  st.end = s->view.length;
  int64_t i = 0, n = 0;
  while (count == 0 || n < count) {
    int r = run_engine(p, *s, st, true);
    if (r < 0) return Ref();
    if (r == 0) break;
    if (i < st.match_start) {
      Ref piece = subject_slice(*s, i, st.match_start);
      if (!piece) return Ref();
      list_append_steal(as_list(list.get()), piece.release());
    }
    Ref item;
    if (callable_filter) {
      Ref m = match_new(self, s, st, 0, s->view.length);
      if (!m) return Ref();
      item = call1(filter.get(), m.get());
      if (!item) return Ref();
    } else {
      item = filter.dup();
    }
    if (!is_none(item.get())) list_append_steal(as_list(list.get()), item.release());
    i = st.match_end;
    n++;
    st.must_advance = st.match_end == st.match_start;
    st.start = st.match_end;
  }
  if (i < s->view.length) {
    Ref piece = subject_slice(*s, i, s->view.length);
    if (!piece) return Ref();
    list_append_steal(as_list(list.get()), piece.release());
  }
  Ref result;
  if (as_list(list.get())->items.empty()) {
    result = subject_slice(*s, 0, 0);
  } else {
    result = join_pieces(s->isbytes, as_list(list.get()));
  }
  if (!result) return Ref();
  if (!subn) return result;
  return tuple_of({result.get(), Value::from_small(n)});
}

Ref pattern_sub_common(Value self, const Value* args, size_t nargs, TupleObject* kw,
                       const char* name, bool subn) {
  Value a[3];
  if (!parse_method_args(name, args, nargs, kw, {"repl", "string", "count"}, 2, a)) return Ref();
  int64_t count;
  if (!ssize_arg(a[2], 0, &count)) return Ref();
  if (count < 0) count = -1;  // CPython's loop `!count || n < count` never substitutes
  return pattern_subx(self, a[0], a[1], count, subn);
}

Ref pattern_sub(Value self, const Value* args, size_t nargs, TupleObject* kw) {
  return pattern_sub_common(self, args, nargs, kw, "sub", false);
}
Ref pattern_subn(Value self, const Value* args, size_t nargs, TupleObject* kw) {
  return pattern_sub_common(self, args, nargs, kw, "subn", true);
}

Ref pattern_copy(Value self, const Value*, size_t nargs, TupleObject* kw) {
  if (!check_nargs("__copy__", nargs, kw, 0, 0)) return Ref();
  return Ref::new_ref(self);
}
Ref pattern_deepcopy(Value self, const Value*, size_t nargs, TupleObject* kw) {
  if (!check_nargs("__deepcopy__", nargs, kw, 1, 1)) return Ref();
  return Ref::new_ref(self);
}

}  // namespace

/// re.Pattern[str], re.Match[bytes]: generic aliases (PEP 585), as in CPython.
Ref class_getitem(Value cls, const Value* args, size_t nargs, TupleObject* kw) {
  if (!check_nargs("__class_getitem__", nargs, kw, 1, 1)) return Ref();
  return generic_alias_new(cls, args[0]);
}

namespace {

Ref pattern_get_pattern(Value self) {
  PatternObject* p = as_pattern(self);
  return p->pattern ? p->pattern.dup() : none_ref();
}
Ref pattern_get_flags(Value self) { return int_from_int64(as_pattern(self)->flags); }
Ref pattern_get_groups(Value self) {
  return int_from_int64(static_cast<int64_t>(as_pattern(self)->groups));
}
Ref pattern_get_groupindex(Value self) {
  // CPython returns a read-only mappingproxy; a fresh copy keeps the pattern's dict unmodifiable.
  PatternObject* p = as_pattern(self);
  if (!p->groupindex) return dict_new();
  return dict_copy(as_dict(p->groupindex.get()));
}

Ref pattern_repr(Value self) {
  static const struct {
    const char* name;
    int64_t value;
  } kFlagNames[] = {
      {"re.TEMPLATE", 1},  {"re.IGNORECASE", 2}, {"re.LOCALE", 4},
      {"re.MULTILINE", 8}, {"re.DOTALL", 16},    {"re.UNICODE", 32},
      {"re.VERBOSE", 64},  {"re.DEBUG", 128},    {"re.ASCII", 256},
  };
  PatternObject* p = as_pattern(self);
  int64_t flags = p->flags;
  // Omit re.UNICODE for str patterns, where it is the default.
  if (p->isbytes == 0 && (flags & (4 | 32 | 256)) == 32) flags &= ~int64_t{32};
  std::string text;
  if (!repr_text(p->pattern ? p->pattern.get() : None(), &text)) return Ref();
  // %.200U: at most 200 code points of the pattern's repr.
  size_t cut = 0;
  for (int i = 0; i < 200 && cut < text.size(); i++) utf8_decode(text, cut);
  text.resize(cut);
  std::string out = "re.compile(" + text;
  if (flags) {
    std::string names;
    for (const auto& f : kFlagNames) {
      if (flags & f.value) {
        if (!names.empty()) names += '|';
        names += f.name;
        flags &= ~f.value;
      }
    }
    if (flags) {
      if (!names.empty()) names += '|';
      names += fmt::format("0x{:x}", flags);
    }
    out += ", " + names;
  }
  out += ')';
  return str_new(std::move(out));
}

Ref pattern_richcompare(Value a, Value b, CmpOp op) {
  if ((op != CmpOp::Eq && op != CmpOp::Ne) || type_of(b) != &pattern_type)
    return not_implemented_ref();
  PatternObject* x = as_pattern(a);
  PatternObject* y = as_pattern(b);
  bool eq;
  if (x == y) {
    eq = true;
  } else {
    eq = x->flags == y->flags && x->isbytes == y->isbytes && x->code == y->code;
    if (eq) {
      int r = equal(x->pattern ? x->pattern.get() : None(), y->pattern ? y->pattern.get() : None());
      if (r < 0) return Ref();
      eq = r == 1;
    }
  }
  return bool_ref(op == CmpOp::Eq ? eq : !eq);
}

bool pattern_hash(Value self, int64_t* out) {
  PatternObject* p = as_pattern(self);
  int64_t h;
  if (!hash(p->pattern ? p->pattern.get() : None(), &h)) return false;
  uint64_t c = 1469598103934665603ull;  // FNV-1a over the code words
  for (Code w : p->code) c = (c ^ w) * 1099511628211ull;
  h ^= static_cast<int64_t>(c >> 1);
  if (h == -1) h = -2;
  *out = h;
  return true;
}

void pattern_dealloc(Object* o) { delete static_cast<PatternObject*>(o); }
/// A user-supplied groupindex dict can refer back to the pattern: the collector breaks such a
/// cycle here. Every method copes with the cleared (null) references.
void pattern_clear(Object* o) {
  auto* p = static_cast<PatternObject*>(o);
  Ref a = std::move(p->groupindex), b = std::move(p->indexgroup), c = std::move(p->pattern);
}
void pattern_traverse(Object* o, VisitFn visit, void* arg) {
  auto* p = static_cast<PatternObject*>(o);
  for (const Ref* r : {&p->pattern, &p->groupindex, &p->indexgroup}) {
    if (r->get().is_object()) visit(r->obj(), arg);
  }
}

// ------------------------------------------------------------------ module functions

Ref sre_compile(Value, const Value* args, size_t nargs, TupleObject* kw) {
  Value a[6];
  if (!parse_method_args("compile", args, nargs, kw,
                         {"pattern", "flags", "code", "groups", "groupindex", "indexgroup"}, 6,
                         a)) {
    return Ref();
  }
  int64_t flags, groups;
  if (!is_int(a[1]))
    return raise_fmt(&exc_TypeError, "'{}' object cannot be interpreted as an integer",
                     type_name(a[1]));
  if (!int_to_int64(a[1], &flags)) return Ref();
  if (!is_list(a[2]))
    return raise_fmt(&exc_TypeError, "compile() argument 'code' must be list, not {}",
                     type_name(a[2]));
  if (!index_int64(a[3], &groups)) return Ref();
  if (!is_dict(a[4])) {
    return raise_fmt(&exc_TypeError, "compile() argument 'groupindex' must be dict, not {}",
                     type_name(a[4]));
  }
  if (!is_tuple(a[5])) {
    return raise_fmt(&exc_TypeError, "compile() argument 'indexgroup' must be tuple, not {}",
                     type_name(a[5]));
  }
  if (groups < 0 || groups > kMaxGroups) return raise(&exc_RuntimeError, "invalid SRE code");
  Ref self = Ref::steal(Value(alloc_instance<PatternObject>(&pattern_type)));
  PatternObject* p = self.as<PatternObject>();
  ListObject* code = as_list(a[2]);
  p->code.reserve(code->items.size());
  for (size_t i = 0; i < code->items.size(); i++) {
    Value w = code->items[i];
    int64_t v;
    if (!is_int(w))
      return raise_fmt(&exc_TypeError, "an integer is required (got type {})", type_name(w));
    if (!int_to_int64(w, &v) || v < 0 || v > 0xFFFFFFFFll) {
      clear_exception();
      return raise(&exc_OverflowError, "regular expression code size limit exceeded");
    }
    p->code.push_back(static_cast<Code>(v));
  }
  if (is_none(a[0])) {
    p->isbytes = -1;
  } else if (is_str(a[0])) {
    p->isbytes = 0;
  } else if (is_bytes(a[0]) || is_bytearray(a[0])) {
    p->isbytes = 1;
  } else {
    return raise_fmt(&exc_TypeError, "expected string or bytes-like object, got '{}'",
                     type_name(a[0]));
  }
  p->pattern = Ref::new_ref(a[0]);
  p->flags = flags;
  p->groups = static_cast<size_t>(groups);
  if (dict_size(as_dict(a[4])) > 0) p->groupindex = Ref::new_ref(a[4]);
  if (as_tuple(a[5])->size > 0) p->indexgroup = Ref::new_ref(a[5]);
  if (!validate(p->code, p->groups)) return raise(&exc_RuntimeError, "invalid SRE code");
  return self;
}

Ref sre_getcodesize(Value, const Value*, size_t nargs, TupleObject* kw) {
  if (!check_nargs("getcodesize", nargs, kw, 0, 0)) return Ref();
  return Ref::small(sizeof(Code));
}

/// The character functions take one int (a code point).
bool char_arg(const char* name, const Value* args, size_t nargs, TupleObject* kw, uint32_t* out) {
  if (!check_nargs(name, nargs, kw, 1, 1)) return false;
  if (!is_int(args[0])) {
    raise_fmt(&exc_TypeError, "'{}' object cannot be interpreted as an integer",
              type_name(args[0]));
    return false;
  }
  int64_t v;
  if (!int_to_int64(args[0], &v)) return false;
  if (v < 0 || v > 0x7FFFFFFF) {
    raise(&exc_OverflowError, "signed integer is greater than maximum");
    return false;
  }
  *out = static_cast<uint32_t>(v);
  return true;
}

Ref sre_ascii_iscased(Value, const Value* args, size_t nargs, TupleObject* kw) {
  uint32_t c;
  if (!char_arg("ascii_iscased", args, nargs, kw, &c)) return Ref();
  return bool_ref(iscased_ascii(c));
}
Ref sre_unicode_iscased(Value, const Value* args, size_t nargs, TupleObject* kw) {
  uint32_t c;
  if (!char_arg("unicode_iscased", args, nargs, kw, &c)) return Ref();
  return bool_ref(iscased_unicode(c));
}
Ref sre_ascii_tolower(Value, const Value* args, size_t nargs, TupleObject* kw) {
  uint32_t c;
  if (!char_arg("ascii_tolower", args, nargs, kw, &c)) return Ref();
  return int_from_int64(lower_ascii(c));
}
Ref sre_unicode_tolower(Value, const Value* args, size_t nargs, TupleObject* kw) {
  uint32_t c;
  if (!char_arg("unicode_tolower", args, nargs, kw, &c)) return Ref();
  return int_from_int64(lower_unicode(c));
}

Ref pattern_new_slot(TypeObject*, const Value*, size_t, TupleObject*) {
  return raise(&exc_TypeError, "cannot create 're.Pattern' instances");
}

void pattern_type_init() {
  if (!pattern_type.mro.empty()) return;
  pattern_type.name = "Pattern";
  pattern_type.qualname = "Pattern";
  pattern_type.module = "re";
  pattern_type.basic_size = sizeof(PatternObject);
  pattern_type.flags = kTypeWeakrefable;  // CPython's patterns take weak references
  pattern_type.dealloc = pattern_dealloc;
  pattern_type.traverse = pattern_traverse;
  pattern_type.clear = pattern_clear;
  pattern_type.repr = pattern_repr;
  pattern_type.richcompare = pattern_richcompare;
  pattern_type.hash = pattern_hash;
  type_ready(&pattern_type, &object_type);
  pattern_type.new_ = pattern_new_slot;
  add_method(&pattern_type, "match", pattern_match);
  add_method(&pattern_type, "fullmatch", pattern_fullmatch);
  add_method(&pattern_type, "search", pattern_search);
  add_method(&pattern_type, "findall", pattern_findall);
  add_method(&pattern_type, "finditer", pattern_finditer);
  add_method(&pattern_type, "scanner", pattern_scanner);
  add_method(&pattern_type, "split", pattern_split);
  add_method(&pattern_type, "sub", pattern_sub);
  add_method(&pattern_type, "subn", pattern_subn);
  add_method(&pattern_type, "__copy__", pattern_copy);
  add_method(&pattern_type, "__deepcopy__", pattern_deepcopy);
  add_method(&pattern_type, "__class_getitem__", class_getitem, kNativeClassMethod);
  add_getset(&pattern_type, "pattern", pattern_get_pattern);
  add_getset(&pattern_type, "flags", pattern_get_flags);
  add_getset(&pattern_type, "groups", pattern_get_groups);
  add_getset(&pattern_type, "groupindex", pattern_get_groupindex);
}

}  // namespace
}  // namespace sre

bool init__sre(Value module, DictObject* ns) {
  using namespace sre;
  pattern_type_init();
  match_types_init();
  add_function(ns, module, "compile", sre_compile);
  add_function(ns, module, "getcodesize", sre_getcodesize);
  add_function(ns, module, "ascii_iscased", sre_ascii_iscased);
  add_function(ns, module, "unicode_iscased", sre_unicode_iscased);
  add_function(ns, module, "ascii_tolower", sre_ascii_tolower);
  add_function(ns, module, "unicode_tolower", sre_unicode_tolower);
  Ref v = int_from_int64(kMagic);
  dict_set_cstr(ns, "MAGIC", v.get());
  dict_set_cstr(ns, "CODESIZE", Value::from_small(sizeof(Code)));
  v = int_from_int64(kMaxRepeat);
  dict_set_cstr(ns, "MAXREPEAT", v.get());
  v = int_from_int64(kMaxGroups);
  dict_set_cstr(ns, "MAXGROUPS", v.get());
  return true;
}

}  // namespace minipy::lib
