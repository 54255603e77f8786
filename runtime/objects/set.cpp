// set and frozenset over a private dict table (keys -> None), with the set algebra.
#include "runtime/objects/set.h"

#include <cstddef>

#include "runtime/errors.h"
#include "runtime/objects/list.h"
#include "runtime/objects/native.h"
#include "runtime/objects/singletons.h"
#include "runtime/objects/tuple.h"
#include "runtime/ops.h"

namespace minipy::rt {

TypeObject set_type;
TypeObject frozenset_type;
TypeObject set_iter_type;

Ref set_new(TypeObject* type) {
  auto* s = alloc_instance<SetObject>(type);
  s->table = static_cast<DictObject*>(dict_new().release().obj());
  return Ref::steal(Value(s));
}

bool set_add(SetObject* s, Value key) { return dict_set(s->table, key, None()); }

int set_contains(SetObject* s, Value key) {
  if (dict_get(s->table, key)) return 1;
  if (error_pending()) {
    // An unhashable set used as a key is looked up as a frozenset (CPython does the same).
    if (is_set(key) && exception_matches(&exc_TypeError)) {
      clear_exception();
      Ref f = set_from_iterable(key, &frozenset_type);
      if (!f) return -1;
      return set_contains(s, f.get());
    }
    return -1;
  }
  return 0;
}

int set_discard(SetObject* s, Value key) { return dict_del(s->table, key); }

bool set_update(SetObject* s, Value iterable) {
  if (is_set(iterable)) {
    DictObject* t = as_set(iterable)->table;
    size_t pos = 0;
    Value k;
    std::vector<Value> keys;
    while (dict_next(t, &pos, &k, nullptr)) keys.push_back(k);
    for (Value key : keys) {
      if (!set_add(s, key)) return false;
    }
    return true;
  }
  if (is_dict(iterable)) {
    size_t pos = 0;
    Value k;
    while (dict_next(as_dict(iterable), &pos, &k, nullptr)) {
      if (!set_add(s, k)) return false;
    }
    return true;
  }
  Ref it = get_iter(iterable);
  if (!it) return false;
  for (;;) {
    Ref x = iter_next(it.get());
    if (!x) return !error_pending();
    if (!set_add(s, x.get())) return false;
  }
}

Ref set_from_iterable(Value iterable, TypeObject* type) {
  Ref r = set_new(type);
  if (!set_update(as_set(r.get()), iterable)) return Ref();
  return r;
}

static std::vector<Value> keys_of(SetObject* s) {
  std::vector<Value> keys;
  size_t pos = 0;
  Value k;
  while (dict_next(s->table, &pos, &k, nullptr)) keys.push_back(k);
  return keys;
}

static void set_dealloc(Object* o) {
  auto* s = static_cast<SetObject*>(o);
  decref(s->table);
  delete s;
}

static void set_traverse(Object* o, VisitFn visit, void* arg) {
  // The keys live in a private dict, tracked on its own: the collector clears it there.
  if (DictObject* t = static_cast<SetObject*>(o)->table) visit(t, arg);
}

static Ref set_repr(Value v) {
  SetObject* s = as_set(v);
  const std::string& tn = type_of(v)->name;
  if (set_size(s) == 0) return str_new(tn + "()");
  if (!repr_enter(v.obj())) return str_new("{...}");
  struct ReprGuard {
    Object* o;
    ~ReprGuard() { repr_leave(o); }
  } repr_guard{v.obj()};
  if (!enter_recursive_call(" while getting the repr of an object")) return Ref();
  std::string out = "{";
  bool first = true;
  for (Value k : keys_of(s)) {
    std::string r;
    if (!repr_text(k, &r)) {
      leave_recursive_call();
      return Ref();
    }
    if (!first) out += ", ";
    first = false;
    out += r;
  }
  leave_recursive_call();
  out += "}";
  if (type_of(v) != &set_type) out = tn + "(" + out + ")";
  return str_new(std::move(out));
}

static bool set_len(Value v, int64_t* out) {
  *out = static_cast<int64_t>(set_size(as_set(v)));
  return true;
}

static int set_contains_slot(Value v, Value key) { return set_contains(as_set(v), key); }

/// Is a a subset of b?
static int subset(SetObject* a, SetObject* b) {
  if (set_size(a) > set_size(b)) return 0;
  for (Value k : keys_of(a)) {
    int c = set_contains(b, k);
    if (c <= 0) return c;
  }
  return 1;
}

static Ref set_richcompare(Value a, Value b, CmpOp op) {
  if (!is_set(b)) return not_implemented_ref();
  SetObject* x = as_set(a);
  SetObject* y = as_set(b);
  int r = 0;
  switch (op) {
    case CmpOp::Eq:
    case CmpOp::Ne:
      r = set_size(x) == set_size(y) ? subset(x, y) : 0;
      if (r < 0) return Ref();
      return bool_ref(op == CmpOp::Eq ? r : !r);
    case CmpOp::Le:
      r = subset(x, y);
      break;
    case CmpOp::Ge:
      r = subset(y, x);
      break;
    case CmpOp::Lt:
      r = set_size(x) < set_size(y) ? subset(x, y) : 0;
      break;
    case CmpOp::Gt:
      r = set_size(x) > set_size(y) ? subset(y, x) : 0;
      break;
  }
  if (r < 0) return Ref();
  return bool_ref(r);
}

static bool frozenset_hash(Value v, int64_t* out) {
  uint64_t h = 0;
  for (Value k : keys_of(as_set(v))) {
    int64_t kh;
    if (!hash(k, &kh)) return false;
    uint64_t x = static_cast<uint64_t>(kh);
    h ^= ((x ^ 89869747ull) ^ (x << 16)) * 3644798167ull;
  }
  h ^= (set_size(as_set(v)) + 1) * 1927868237ull;
  h = h * 69069ull + 907133923ull;
  auto r = static_cast<int64_t>(h);
  *out = r == -1 ? 590923713 : r;
  return true;
}

static TypeObject* result_type(Value a) { return isinstance(a, &frozenset_type) ? &frozenset_type : &set_type; }

static Ref set_union(Value a, Value b) {
  Ref r = set_from_iterable(a, result_type(a));
  if (!r || !set_update(as_set(r.get()), b)) return Ref();
  return r;
}

static Ref set_intersection(Value a, Value b) {
  Ref r = set_new(result_type(a));
  Ref other = is_set(b) ? Ref::new_ref(b) : set_from_iterable(b);
  if (!other) return other;
  for (Value k : keys_of(as_set(a))) {
    int c = set_contains(as_set(other.get()), k);
    if (c < 0) return Ref();
    if (c && !set_add(as_set(r.get()), k)) return Ref();
  }
  return r;
}

static Ref set_difference(Value a, Value b) {
  Ref r = set_new(result_type(a));
  Ref other = is_set(b) ? Ref::new_ref(b) : set_from_iterable(b);
  if (!other) return other;
  for (Value k : keys_of(as_set(a))) {
    int c = set_contains(as_set(other.get()), k);
    if (c < 0) return Ref();
    if (!c && !set_add(as_set(r.get()), k)) return Ref();
  }
  return r;
}

static Ref set_symdiff(Value a, Value b) {
  Ref other = is_set(b) ? Ref::new_ref(b) : set_from_iterable(b);
  if (!other) return other;
  Ref r = set_difference(a, other.get());
  if (!r) return r;
  for (Value k : keys_of(as_set(other.get()))) {
    int c = set_contains(as_set(a), k);
    if (c < 0) return Ref();
    if (!c && !set_add(as_set(r.get()), k)) return Ref();
  }
  return r;
}

template <Ref (*F)(Value, Value)>
static Ref set_binop(Value a, Value b) {
  if (!is_set(a) || !is_set(b)) return not_implemented_ref();
  return F(a, b);
}

/// In-place forms mutate the left set (set only; frozenset falls back to the binary form).
template <Ref (*F)(Value, Value)>
static Ref set_inplace(Value a, Value b) {
  if (!is_set(b) || isinstance(a, &frozenset_type)) return not_implemented_ref();
  Ref r = F(a, b);
  if (!r) return r;
  DictObject* old = as_set(a)->table;
  as_set(a)->table = as_set(r.get())->table;
  as_set(r.get())->table = old;
  return Ref::new_ref(a);
}

struct SetIterObject : Object {
  Ref set;
  size_t pos;
  size_t expected;
};

static Ref set_iter(Value v) {
  auto* it = alloc_instance<SetIterObject>(&set_iter_type);
  it->set = Ref::new_ref(v);
  it->pos = 0;
  it->expected = set_size(as_set(v));
  return Ref::steal(Value(it));
}

static Ref set_iter_next(Value v) {
  auto* it = static_cast<SetIterObject*>(v.obj());
  if (!it->set) return Ref();
  SetObject* s = as_set(it->set.get());
  if (set_size(s) != it->expected) {
    it->expected = SIZE_MAX;
    return raise(&exc_RuntimeError, "Set changed size during iteration");
  }
  Value k;
  if (!dict_next(s->table, &it->pos, &k, nullptr)) {
    it->set.reset();
    return Ref();
  }
  return Ref::new_ref(k);
}

static bool set_init(Value self, const Value* args, size_t nargs, TupleObject* kwnames) {
  if (!check_nargs(type_of(self)->name.c_str(), nargs, kwnames, 0, 1)) return false;
  if (isinstance(self, &frozenset_type)) return true;
  dict_clear(as_set(self)->table);
  if (nargs == 1) return set_update(as_set(self), args[0]);
  return true;
}

static Ref set_new_slot(TypeObject* type, const Value* args, size_t nargs, TupleObject* kwnames) {
  Ref r = set_new(type);
  if (is_subtype(type, &frozenset_type)) {
    if (!check_nargs(type->name.c_str(), nargs, kwnames, 0, 1)) return Ref();
    if (nargs == 1 && !set_update(as_set(r.get()), args[0])) return Ref();
  }
  return r;
}

#define SET_METHOD(name) static Ref name(Value self, const Value* args, size_t nargs, TupleObject* kw)

SET_METHOD(m_add) {
  if (!check_nargs("add", nargs, kw, 1, 1)) return Ref();
  if (!set_add(as_set(self), args[0])) return Ref();
  return none_ref();
}
SET_METHOD(m_discard) {
  if (!check_nargs("discard", nargs, kw, 1, 1)) return Ref();
  if (set_discard(as_set(self), args[0]) < 0) return Ref();
  return none_ref();
}
SET_METHOD(m_remove) {
  if (!check_nargs("remove", nargs, kw, 1, 1)) return Ref();
  int r = set_discard(as_set(self), args[0]);
  if (r < 0) return Ref();
  if (r == 0) return raise_with_value(&exc_KeyError, args[0]);
  return none_ref();
}
SET_METHOD(m_pop) {
  if (!check_nargs("pop", nargs, kw, 0, 0)) return Ref();
  SetObject* s = as_set(self);
  size_t pos = 0;
  Value k;
  if (!dict_next(s->table, &pos, &k, nullptr)) return raise(&exc_KeyError, "pop from an empty set");
  Ref r = Ref::new_ref(k);
  set_discard(s, k);
  return r;
}
SET_METHOD(m_clear) {
  dict_clear(as_set(self)->table);
  return none_ref();
}
SET_METHOD(m_copy) { return set_from_iterable(self, result_type(self)); }

template <Ref (*F)(Value, Value)>
static Ref multi_arg(Value self, const Value* args, size_t nargs, TupleObject* kw) {
  Ref acc = set_from_iterable(self, result_type(self));
  for (size_t i = 0; acc && i < nargs; i++) acc = F(acc.get(), args[i]);
  return acc;
}

template <Ref (*F)(Value, Value)>
static Ref multi_arg_update(Value self, const Value* args, size_t nargs, TupleObject* kw) {
  Ref r = multi_arg<F>(self, args, nargs, kw);
  if (!r) return r;
  DictObject* old = as_set(self)->table;
  as_set(self)->table = as_set(r.get())->table;
  as_set(r.get())->table = old;
  return none_ref();
}

SET_METHOD(m_issubset) {
  if (!check_nargs("issubset", nargs, kw, 1, 1)) return Ref();
  Ref other = is_set(args[0]) ? Ref::new_ref(args[0]) : set_from_iterable(args[0]);
  if (!other) return other;
  int r = subset(as_set(self), as_set(other.get()));
  return r < 0 ? Ref() : bool_ref(r);
}
SET_METHOD(m_issuperset) {
  if (!check_nargs("issuperset", nargs, kw, 1, 1)) return Ref();
  Ref other = is_set(args[0]) ? Ref::new_ref(args[0]) : set_from_iterable(args[0]);
  if (!other) return other;
  int r = subset(as_set(other.get()), as_set(self));
  return r < 0 ? Ref() : bool_ref(r);
}
SET_METHOD(m_isdisjoint) {
  if (!check_nargs("isdisjoint", nargs, kw, 1, 1)) return Ref();
  Ref i = set_intersection(self, args[0]);
  if (!i) return i;
  return bool_ref(set_size(as_set(i.get())) == 0);
}

static void set_iter_dealloc(Object* o) { delete static_cast<SetIterObject*>(o); }
static void set_iter_traverse(Object* o, VisitFn visit, void* arg) {
  visit_value(static_cast<SetIterObject*>(o)->set, visit, arg);
}
static Ref self_iter(Value v) { return Ref::new_ref(v); }

void set_types_init() {
  for (TypeObject* t : {&set_type, &frozenset_type}) {
    t->name = t == &set_type ? "set" : "frozenset";
    t->flags = kTypeBaseType | kTypeWeakrefable;
    t->basic_size = sizeof(SetObject);
    t->subclass_dict_offset = offsetof(SetObject, dict);
    t->dealloc = set_dealloc;
    t->traverse = set_traverse;
    t->repr = set_repr;
    t->richcompare = set_richcompare;
    t->len = set_len;
    t->contains = set_contains_slot;
    t->iter = set_iter;
    t->init = set_init;
    t->new_ = set_new_slot;
    t->nb[static_cast<int>(NumOp::Or)] = set_binop<set_union>;
    t->nb[static_cast<int>(NumOp::And)] = set_binop<set_intersection>;
    t->nb[static_cast<int>(NumOp::Sub)] = set_binop<set_difference>;
    t->nb[static_cast<int>(NumOp::Xor)] = set_binop<set_symdiff>;
    type_ready(t, &object_type);
    add_method(t, "copy", m_copy);
    add_method(t, "union", multi_arg<set_union>);
    add_method(t, "intersection", multi_arg<set_intersection>);
    add_method(t, "difference", multi_arg<set_difference>);
    add_method(t, "symmetric_difference", multi_arg<set_symdiff>);
    add_method(t, "issubset", m_issubset);
    add_method(t, "issuperset", m_issuperset);
    add_method(t, "isdisjoint", m_isdisjoint);
  }
  set_type.hash = nullptr;
  add_attr(&set_type, "__hash__", None());
  frozenset_type.hash = frozenset_hash;
  set_type.nb_inplace[static_cast<int>(NumOp::Or)] = set_inplace<set_union>;
  set_type.nb_inplace[static_cast<int>(NumOp::And)] = set_inplace<set_intersection>;
  set_type.nb_inplace[static_cast<int>(NumOp::Sub)] = set_inplace<set_difference>;
  set_type.nb_inplace[static_cast<int>(NumOp::Xor)] = set_inplace<set_symdiff>;
  add_method(&set_type, "add", m_add);
  add_method(&set_type, "discard", m_discard);
  add_method(&set_type, "remove", m_remove);
  add_method(&set_type, "pop", m_pop);
  add_method(&set_type, "clear", m_clear);
  add_method(&set_type, "update", multi_arg_update<set_union>);
  add_method(&set_type, "intersection_update", multi_arg_update<set_intersection>);
  add_method(&set_type, "difference_update", multi_arg_update<set_difference>);
  add_method(&set_type, "symmetric_difference_update", multi_arg_update<set_symdiff>);

  set_iter_type.name = "set_iterator";
  set_iter_type.basic_size = sizeof(SetIterObject);
  set_iter_type.dealloc = set_iter_dealloc;
  set_iter_type.traverse = set_iter_traverse;
  set_iter_type.iter = self_iter;
  set_iter_type.iternext = set_iter_next;
  type_ready(&set_iter_type, &object_type);
}

}  // namespace minipy::rt
