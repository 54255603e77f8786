// re.Match (the result of a successful match: groups, spans, expand) and _sre.SRE_Scanner (the
// iterator state behind Pattern.finditer and re.Scanner). See _sre.h.
#include <string>

#include "runtime/errors.h"
#include "runtime/objects/dict.h"
#include "runtime/objects/int.h"
#include "runtime/objects/native.h"
#include "runtime/objects/singletons.h"
#include "runtime/objects/str.h"
#include "runtime/objects/tuple.h"
#include "runtime/ops.h"
#include "stdlib/native/_sre.h"
#include "vm/import.h"

namespace minipy::lib::sre {

using namespace rt;

TypeObject match_type;
TypeObject scanner_type;

namespace {

MatchObject* as_match(Value v) { return static_cast<MatchObject*>(v.obj()); }
PatternObject* pattern_of(MatchObject* m) { return static_cast<PatternObject*>(m->pattern.obj()); }
size_t ngroups(MatchObject* m) { return m->marks.size() / 2; }  // including group 0

/// CPython's match_getindex: an int-like index, or a group name; IndexError "no such group".
bool group_index(MatchObject* m, Value index, size_t* out) {
  int64_t i = -1;
  if (!index) {
    i = 0;
  } else if (is_int(index) || type_lookup(type_of(index), "__index__")) {
    if (!index_int64(index, &i)) {
      if (!exception_matches(&exc_OverflowError)) return false;
      clear_exception();
      i = -1;
    }
  } else {
    PatternObject* p = pattern_of(m);
    if (p->groupindex) {
      Value v = dict_get(as_dict(p->groupindex.get()), index);
      if (!v && error_pending()) return false;
      if (v && is_int(v) && !int_to_int64(v, &i)) {
        clear_exception();
        i = -1;
      }
    }
  }
  if (i < 0 || static_cast<size_t>(i) >= ngroups(m)) {
    raise(&exc_IndexError, "no such group");
    return false;
  }
  *out = static_cast<size_t>(i);
  return true;
}

Ref group_slice(MatchObject* m, size_t g, Value dflt) {
  int64_t a = m->marks[2 * g], b = m->marks[2 * g + 1];
  if (a < 0) return Ref::new_ref(dflt);
  return subject_slice(*m->subject, a, b);
}

Ref match_group(Value self, const Value* args, size_t nargs, TupleObject* kw) {
  if (kw && kw->size) return raise(&exc_TypeError, "group() takes no keyword arguments");
  MatchObject* m = as_match(self);
  size_t g;
  if (nargs <= 1) {
    if (!group_index(m, nargs ? args[0] : Value(), &g)) return Ref();
    return group_slice(m, g, None());
  }
  Ref t = tuple_new(nargs);
  for (size_t i = 0; i < nargs; i++) {
    if (!group_index(m, args[i], &g)) return Ref();
    Ref v = group_slice(m, g, None());
    if (!v) return Ref();
    tuple_set_steal(as_tuple(t.get()), i, v.release());
  }
  return t;
}

Ref match_getitem(Value self, Value key) {
  size_t g;
  if (!group_index(as_match(self), key, &g)) return Ref();
  return group_slice(as_match(self), g, None());
}

Ref match_groups(Value self, const Value* args, size_t nargs, TupleObject* kw) {
  Value a[1];
  if (!parse_method_args("groups", args, nargs, kw, {"default"}, 0, a)) return Ref();
  Value dflt = a[0] ? a[0] : None();
  MatchObject* m = as_match(self);
  size_t n = ngroups(m) - 1;
  Ref t = tuple_new(n);
  for (size_t i = 0; i < n; i++) {
    Ref v = group_slice(m, i + 1, dflt);
    if (!v) return Ref();
    tuple_set_steal(as_tuple(t.get()), i, v.release());
  }
  return t;
}

Ref match_groupdict(Value self, const Value* args, size_t nargs, TupleObject* kw) {
  Value a[1];
  if (!parse_method_args("groupdict", args, nargs, kw, {"default"}, 0, a)) return Ref();
  Value dflt = a[0] ? a[0] : None();
  MatchObject* m = as_match(self);
  Ref d = dict_new();
  PatternObject* p = pattern_of(m);
  if (!p->groupindex) return d;
  size_t pos = 0;
  Value key, value;
  while (dict_next(as_dict(p->groupindex.get()), &pos, &key, &value)) {
    size_t g;
    if (!group_index(m, key, &g)) return Ref();
    Ref v = group_slice(m, g, dflt);
    if (!v || !dict_set(as_dict(d.get()), key, v.get())) return Ref();
  }
  return d;
}

/// start/end/span take one optional positional group argument.
bool span_arg(const char* name, MatchObject* m, const Value* args, size_t nargs, TupleObject* kw,
              size_t* g) {
  if (!check_nargs(name, nargs, kw, 0, 1)) return false;
  return group_index(m, nargs ? args[0] : Value(), g);
}

Ref match_start(Value self, const Value* args, size_t nargs, TupleObject* kw) {
  size_t g;
  if (!span_arg("start", as_match(self), args, nargs, kw, &g)) return Ref();
  return int_from_int64(as_match(self)->marks[2 * g]);
}
Ref match_end(Value self, const Value* args, size_t nargs, TupleObject* kw) {
  size_t g;
  if (!span_arg("end", as_match(self), args, nargs, kw, &g)) return Ref();
  return int_from_int64(as_match(self)->marks[2 * g + 1]);
}
Ref span_tuple(MatchObject* m, size_t g) {
  Ref a = int_from_int64(m->marks[2 * g]);
  Ref b = int_from_int64(m->marks[2 * g + 1]);
  return tuple_of({a.get(), b.get()});
}
Ref match_span(Value self, const Value* args, size_t nargs, TupleObject* kw) {
  size_t g;
  if (!span_arg("span", as_match(self), args, nargs, kw, &g)) return Ref();
  return span_tuple(as_match(self), g);
}

Ref match_expand(Value self, const Value* args, size_t nargs, TupleObject* kw) {
  Value a[1];
  if (!parse_method_args("expand", args, nargs, kw, {"template"}, 1, a)) return Ref();
  // CPython hands the template to re._expand(pattern, match, template).
  Ref re = vm::import_module_absolute("re");
  if (!re) return Ref();
  Ref fn = getattr(re.get(), "_expand");
  if (!fn) return Ref();
  Value cargs[3] = {as_match(self)->pattern.get(), self, a[0]};
  return call(fn.get(), cargs, 3);
}

Ref match_copy(Value self, const Value*, size_t nargs, TupleObject* kw) {
  if (!check_nargs("__copy__", nargs, kw, 0, 0)) return Ref();
  return Ref::new_ref(self);
}
Ref match_deepcopy(Value self, const Value*, size_t nargs, TupleObject* kw) {
  if (!check_nargs("__deepcopy__", nargs, kw, 1, 1)) return Ref();
  return Ref::new_ref(self);
}

Ref match_get_string(Value self) { return as_match(self)->subject->object.dup(); }
Ref match_get_re(Value self) { return as_match(self)->pattern.dup(); }
Ref match_get_pos(Value self) { return int_from_int64(as_match(self)->pos); }
Ref match_get_endpos(Value self) { return int_from_int64(as_match(self)->endpos); }
Ref match_get_lastindex(Value self) {
  int64_t i = as_match(self)->lastindex;
  return i < 0 ? none_ref() : int_from_int64(i);
}
Ref match_get_lastgroup(Value self) {
  MatchObject* m = as_match(self);
  PatternObject* p = pattern_of(m);
  if (!p->indexgroup || m->lastindex < 0) return none_ref();
  TupleObject* t = as_tuple(p->indexgroup.get());
  if (static_cast<size_t>(m->lastindex) >= t->size) return none_ref();
  return Ref::new_ref(t->at(static_cast<size_t>(m->lastindex)));
}
Ref match_get_regs(Value self) {
  MatchObject* m = as_match(self);
  Ref t = tuple_new(ngroups(m));
  for (size_t g = 0; g < ngroups(m); g++)
    tuple_set_steal(as_tuple(t.get()), g, span_tuple(m, g).release());
  return t;
}

Ref match_repr(Value self) {
  MatchObject* m = as_match(self);
  Ref g0 = group_slice(m, 0, None());
  if (!g0) return Ref();
  std::string text;
  if (!repr_text(g0.get(), &text)) return Ref();
  size_t cut = 0;  // %.50R: at most 50 code points of the repr
  for (int i = 0; i < 50 && cut < text.size(); i++) utf8_decode(text, cut);
  text.resize(cut);
  return str_new(
      fmt::format("<re.Match object; span=({}, {}), match={}>", m->marks[0], m->marks[1], text));
}

void match_dealloc(Object* o) { delete static_cast<MatchObject*>(o); }
void match_traverse(Object* o, VisitFn visit, void* arg) {
  auto* m = static_cast<MatchObject*>(o);
  if (m->pattern.get().is_object()) visit(m->pattern.obj(), arg);
  // The subject buffer is shared with other matches and scanners; the subject is a str or
  // bytes-like object, which never refers back to a match.
}

Ref no_new_match(TypeObject*, const Value*, size_t, TupleObject*) {
  return raise(&exc_TypeError, "cannot create 're.Match' instances");
}

// ------------------------------------------------------------------ scanner

ScannerObject* as_scanner(Value v) { return static_cast<ScannerObject*>(v.obj()); }

Ref scanner_step(Value self, bool search_mode) {
  ScannerObject* sc = as_scanner(self);
  if (sc->start < 0) return none_ref();
  if (sc->executing) return raise(&exc_ValueError, "regular expression scanner already executing");
  PatternObject* p = static_cast<PatternObject*>(sc->pattern.obj());
  SubjectRef subject = sc->subject;
  MatchState st;
  st.start = sc->start;
  st.end = sc->end;
  st.must_advance = sc->must_advance;
  sc->executing = true;
  int r = run_engine(p, *subject, st, search_mode);
  sc->executing = false;
  if (r < 0) return Ref();
  if (r == 0) {
    sc->start = -1;
    return none_ref();
  }
  sc->must_advance = st.match_end == st.match_start;
  sc->start = st.match_end;
  return match_new(sc->pattern.get(), subject, st, sc->pos0, sc->end);
}

Ref scanner_match(Value self, const Value*, size_t nargs, TupleObject* kw) {
  if (!check_nargs("match", nargs, kw, 0, 0)) return Ref();
  return scanner_step(self, false);
}
Ref scanner_search(Value self, const Value*, size_t nargs, TupleObject* kw) {
  if (!check_nargs("search", nargs, kw, 0, 0)) return Ref();
  return scanner_step(self, true);
}
Ref scanner_get_pattern(Value self) { return as_scanner(self)->pattern.dup(); }

void scanner_dealloc(Object* o) { delete static_cast<ScannerObject*>(o); }
void scanner_traverse(Object* o, VisitFn visit, void* arg) {
  auto* s = static_cast<ScannerObject*>(o);
  if (s->pattern.get().is_object()) visit(s->pattern.obj(), arg);
}

Ref no_new_scanner(TypeObject*, const Value*, size_t, TupleObject*) {
  return raise(&exc_TypeError, "cannot create '_sre.SRE_Scanner' instances");
}

}  // namespace

Ref match_new(Value pattern, const SubjectRef& s, const MatchState& st, int64_t pos,
              int64_t endpos) {
  auto* m = alloc_instance<MatchObject>(&match_type);
  Ref self = Ref::steal(Value(m));
  m->pattern = Ref::new_ref(pattern);
  m->subject = s;
  m->marks.reserve(st.marks.size() + 2);
  m->marks.push_back(st.match_start);
  m->marks.push_back(st.match_end);
  for (size_t g = 0; g + 1 < st.marks.size(); g += 2) {
    int64_t a = st.marks[g], b = st.marks[g + 1];
    if (a < 0 || b < 0) {
      a = b = -1;
    } else if (a > b) {
      return raise(&exc_SystemError,
                   "The span of capturing group is wrong, please report a bug for the re module.");
    }
    m->marks.push_back(a);
    m->marks.push_back(b);
  }
  m->pos = pos;
  m->endpos = endpos;
  m->lastindex = st.lastindex;
  return self;
}

Ref scanner_new(Value pattern, Value string, int64_t pos, int64_t endpos) {
  PatternObject* p = static_cast<PatternObject*>(pattern.obj());
  SubjectRef s = prepare_subject(p, string);
  if (!s) return Ref();
  clamp_range(*s, &pos, &endpos);
  auto* sc = alloc_instance<ScannerObject>(&scanner_type);
  Ref self = Ref::steal(Value(sc));
  sc->pattern = Ref::new_ref(pattern);
  sc->subject = s;
  sc->start = pos;
  sc->pos0 = pos;
  sc->end = endpos;
  return self;
}

void match_types_init() {
  if (!match_type.mro.empty()) return;
  match_type.name = "re.Match";  // tp_name, as in messages
  match_type.qualname = "Match";
  match_type.module = "re";
  match_type.basic_size = sizeof(MatchObject);
  match_type.dealloc = match_dealloc;
  match_type.traverse = match_traverse;
  match_type.repr = match_repr;
  match_type.getitem = match_getitem;
  match_type.flags |= kTypeSubscriptOnly;  // m[1] is a group, not an item: no iteration
  type_ready(&match_type, &object_type);
  match_type.new_ = no_new_match;
  add_method(&match_type, "group", match_group);
  add_method(&match_type, "groups", match_groups);
  add_method(&match_type, "groupdict", match_groupdict);
  add_method(&match_type, "start", match_start);
  add_method(&match_type, "end", match_end);
  add_method(&match_type, "span", match_span);
  add_method(&match_type, "expand", match_expand);
  add_method(&match_type, "__copy__", match_copy);
  add_method(&match_type, "__deepcopy__", match_deepcopy);
  add_method(&match_type, "__class_getitem__", class_getitem, kNativeClassMethod);
  add_getset(&match_type, "string", match_get_string);
  add_getset(&match_type, "re", match_get_re);
  add_getset(&match_type, "pos", match_get_pos);
  add_getset(&match_type, "endpos", match_get_endpos);
  add_getset(&match_type, "lastindex", match_get_lastindex);
  add_getset(&match_type, "lastgroup", match_get_lastgroup);
  add_getset(&match_type, "regs", match_get_regs);

  scanner_type.name = "SRE_Scanner";
  scanner_type.qualname = "SRE_Scanner";
  scanner_type.module = "_sre";
  scanner_type.basic_size = sizeof(ScannerObject);
  scanner_type.dealloc = scanner_dealloc;
  scanner_type.traverse = scanner_traverse;
  type_ready(&scanner_type, &object_type);
  scanner_type.new_ = no_new_scanner;
  add_method(&scanner_type, "match", scanner_match);
  add_method(&scanner_type, "search", scanner_search);
  add_getset(&scanner_type, "pattern", scanner_get_pattern);
}

}  // namespace minipy::lib::sre
