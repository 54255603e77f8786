// Struct sequences (see structseq.h): the tuple layout with hidden trailing fields, a property
// per named field (a native getter bound to the field index), CPython's repr and constructor.
#include "stdlib/native/structseq.h"

#include <string>
#include <vector>

#include "runtime/errors.h"
#include "runtime/names.h"
#include "runtime/objects/dict.h"
#include "runtime/objects/list.h"
#include "runtime/objects/misc.h"
#include "runtime/objects/native.h"
#include "runtime/objects/singletons.h"
#include "runtime/objects/str.h"
#include "runtime/objects/tuple.h"
#include "runtime/ops.h"

namespace minipy::lib {

using namespace rt;

namespace {

StructSeqType* seq_type_of(Value v) { return static_cast<StructSeqType*>(v.obj()->type); }

void structseq_dealloc(Object* o) {
  auto* t = static_cast<TupleObject*>(o);
  auto* st = static_cast<StructSeqType*>(o->type);
  for (size_t i = st->n_visible; i < st->n_total; i++) decref(t->items()[i]);
  tuple_type.dealloc(o);
}

// Getter bound (as `self`) to the small-int field index; args[0] is the instance.
Ref field_getter(Value self, const Value* args, size_t nargs, TupleObject*) {
  if (nargs != 1 || !is_tuple(args[0])) return raise(&exc_TypeError, "bad struct sequence access");
  return Ref::new_ref(as_tuple(args[0])->items()[self.small()]);
}

/// CPython's tp_name: "module.name", or the bare name for a type with no module (builtins).
std::string full_name(const StructSeqType* st) {
  return st->module.empty() || st->module == "builtins" ? st->name : st->module + "." + st->name;
}

Ref structseq_repr(Value v) {
  StructSeqType* st = seq_type_of(v);
  TupleObject* t = as_tuple(v);
  std::string out = full_name(st) + "(";
  size_t named = 0;  // CPython pairs visible values with the i-th *named* field
  for (size_t i = 0; i < st->n_visible; i++) {
    while (named < st->n_total && st->fields[named] == nullptr) named++;
    std::string r;
    if (!repr_text(t->at(i), &r)) return Ref();
    if (i) out += ", ";
    out += std::string(named < st->n_total ? st->fields[named] : "?") + "=" + r;
    named++;
  }
  out += ")";
  return str_new(out);
}

Ref structseq_new_slot(TypeObject* type, const Value* args, size_t nargs, TupleObject* kw) {
  auto* st = static_cast<StructSeqType*>(type);
  std::string fname = full_name(st);
  Value a[2] = {};
  if (!parse_args(fname.c_str(), args, nargs, kw, {"sequence", "dict"}, 1, a)) return Ref();
  Ref seq = list_from_iterable(a[0]);
  if (!seq) return seq;
  auto& items = as_list(seq.get())->items;
  size_t n = items.size();
  if (n < st->n_visible) {
    if (st->n_visible == st->n_total) {
      return raise_fmt(&exc_TypeError, "{}() takes a {}-sequence ({}-sequence given)", fname, st->n_visible, n);
    }
    return raise_fmt(&exc_TypeError, "{}() takes an at least {}-sequence ({}-sequence given)", fname,
                     st->n_visible, n);
  }
  if (n > st->n_total) {
    if (st->n_visible == st->n_total) {
      return raise_fmt(&exc_TypeError, "{}() takes a {}-sequence ({}-sequence given)", fname, st->n_visible, n);
    }
    return raise_fmt(&exc_TypeError, "{}() takes an at most {}-sequence ({}-sequence given)", fname,
                     st->n_total, n);
  }
  Value dict = a[1] && !is_none(a[1]) ? a[1] : Value();
  if (dict && !is_dict(dict)) {
    return raise_fmt(&exc_TypeError, "{}() takes a dict as second arg, if any", fname);
  }
  std::vector<Ref> vals(st->n_total);
  for (size_t i = 0; i < st->n_total; i++) {
    if (i < n) {
      vals[i] = Ref::new_ref(items[i]);
      continue;
    }
    // The fields the sequence leaves out come from the dict by name (what __reduce__ gives).
    Value v = dict && st->fields[i] != nullptr ? dict_get_cstr(as_dict(dict), st->fields[i])
                                               : Value();
    vals[i] = Ref::new_ref(v ? v : None());
  }
  return structseq_new(st, vals.data());
}

/// (type, (visible items, {hidden field: value})), as CPython's structseq_reduce: pickle and
/// copy rebuild the instance through the constructor, hidden fields included.
Ref structseq_reduce(Value self, NativeArgs&) {
  StructSeqType* st = seq_type_of(self);
  TupleObject* t = as_tuple(self);
  Ref visible = tuple_from(t->items(), st->n_visible);
  Ref hidden = dict_new();
  for (size_t i = st->n_visible; i < st->n_total; i++) {
    if (st->fields[i] == nullptr) continue;
    if (!dict_set_cstr(as_dict(hidden.get()), st->fields[i], t->items()[i])) return Ref();
  }
  Ref args = tuple_of({visible.get(), hidden.get()});
  return tuple_of({Value(st), args.get()});
}

const NativeDef kStructSeqMethods[] = {
    {"__reduce__($self, /)", structseq_reduce},
};

}  // namespace

void structseq_init_type(StructSeqType* t, const char* module, const char* name,
                         const char* const* fields, size_t n_visible, size_t n_total) {
  if (t->dict != nullptr) return;
  t->name = name;
  t->qualname = name;
  t->module = module;
  t->fields = fields;
  t->n_visible = n_visible;
  t->n_total = n_total;
  type_ready(t, &tuple_type);
  t->flags |= kTypeTupleSubclass;
  t->flags &= ~kTypeBaseType;
  t->dealloc = structseq_dealloc;
  t->repr = structseq_repr;
  t->new_ = structseq_new_slot;
  for (size_t i = 0; i < n_total; i++) {
    if (fields[i] == nullptr) continue;
    Ref getter = native_function_new(fields[i], field_getter, Value::from_small(static_cast<int64_t>(i)));
    Ref prop = call1(Value(&property_type), getter.get());
    if (prop) add_attr(t, fields[i], prop.get());
  }
  add_methods(t, kStructSeqMethods);
  add_attr(t, "n_sequence_fields", Value::from_small(static_cast<int64_t>(n_visible)));
  add_attr(t, "n_fields", Value::from_small(static_cast<int64_t>(n_total)));
  size_t unnamed = 0;
  for (size_t i = 0; i < n_total; i++) unnamed += fields[i] == nullptr;
  add_attr(t, "n_unnamed_fields", Value::from_small(static_cast<int64_t>(unnamed)));
  // `case os.stat_result(mode, ino, ...)`: the named fields of the sequence part, in order.
  std::vector<Value> match_args;
  std::vector<Ref> names;
  for (size_t i = 0; i < n_visible; i++) {
    if (fields[i] == nullptr) continue;
    names.push_back(str_new(fields[i]));
    match_args.push_back(names.back().get());
  }
  Ref tuple = tuple_from(match_args.data(), match_args.size());
  add_attr(t, "__match_args__", tuple.get());
  // sys's are static types in CPython (PyStructSequence_InitType2); an extension module's are
  // heap types (PyStructSequence_NewType) with __module__ in their dict.
  if (std::string_view(module) != "sys" && *module != '\0') type_add_module_attr(t);
}

void structseq_forbid_new(StructSeqType* t) {
  t->new_ = nullptr;
  if (dict_get_str(t->dict, names::new_) && !dict_del(t->dict, Value(names::new_))) clear_exception();
  type_modified(t);
}

Ref structseq_new(StructSeqType* t, Ref* items) {
  // Allocate a plain tuple with room for every field, then narrow its visible size: the hidden
  // fields live past `size` and are released by structseq_dealloc.
  Ref r = tuple_new(t->n_total);
  auto* tup = as_tuple(r.get());
  for (size_t i = 0; i < t->n_total; i++) tuple_set_steal(tup, i, items[i].release());
  tup->size = t->n_visible;
  tup->type = t;  // static type: immortal, not counted
  return r;
}

}  // namespace minipy::lib
