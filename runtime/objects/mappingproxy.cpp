// types.MappingProxyType: a read-only view of a mapping (CPython's descrobject.c mappingproxy).
// type.__dict__ is one over the class dict, so code cannot change a class behind setattr's back
// (which keeps caches and slots right), and pprint and others can tell it from a dict.
#include "runtime/objects/mappingproxy.h"

#include "runtime/errors.h"
#include "runtime/objects/dict.h"
#include "runtime/objects/generic_alias.h"
#include "runtime/objects/list.h"
#include "runtime/objects/native.h"
#include "runtime/objects/singletons.h"
#include "runtime/objects/str.h"
#include "runtime/objects/tuple.h"
#include "runtime/ops.h"

namespace minipy::rt {

TypeObject mappingproxy_type;

namespace {

struct MappingProxyObject : Object {
  Ref mapping;
};

Value target(Value v) { return static_cast<MappingProxyObject*>(v.obj())->mapping.get(); }

void mp_dealloc(Object* o) { delete static_cast<MappingProxyObject*>(o); }
void mp_traverse(Object* o, VisitFn visit, void* arg) {
  visit_value(static_cast<MappingProxyObject*>(o)->mapping, visit, arg);
}

/// CPython's mappingproxy_check_mapping: anything with __getitem__ except lists and tuples.
Ref mp_new(TypeObject*, const Value* args, size_t nargs, TupleObject* kw) {
  if (nargs != 1 || (kw != nullptr && kw->size > 0)) {
    if (!check_nargs("mappingproxy", nargs, kw, 1, 1)) return Ref();
  }
  Value m = args[0];
  TypeObject* t = type_of(m);
  if (t->getitem == nullptr || isinstance(m, &list_type) || isinstance(m, &tuple_type))
    return raise_fmt(&exc_TypeError, "mappingproxy() argument must be a mapping, not {}",
                     type_name(m));
  return mappingproxy_new(m);
}

Ref mp_getitem(Value self, Value key) { return getitem(target(self), key); }
bool mp_len(Value self, int64_t* out) { return length(target(self), out); }
int mp_contains(Value self, Value key) { return contains(target(self), key); }
Ref mp_iter(Value self) { return get_iter(target(self)); }
Ref mp_str(Value self) { return to_str(target(self)); }
Ref mp_repr(Value self) {
  Ref r = repr(target(self));
  if (!r) return r;
  return str_new("mappingproxy(" + std::string(as_str(r.get())->view()) + ")");
}
Ref mp_richcompare(Value a, Value b, CmpOp op) { return compare(target(a), b, op); }
Ref mp_or(Value a, Value b) {
  Value l = type_of(a) == &mappingproxy_type ? target(a) : a;
  Value r = type_of(b) == &mappingproxy_type ? target(b) : b;
  return binary_op(l, r, NumOp::Or);
}
Ref mp_ior(Value a, Value) {
  return raise_fmt(&exc_TypeError, "'|=' is not supported by {}; use '|' instead", type_name(a));
}

Ref forward(Value self, const char* name, const Value* args, size_t nargs) {
  return call_method(target(self), intern(name), args, nargs);
}

Ref mp_get(Value self, const Value* args, size_t nargs, TupleObject* kw) {
  if (!check_nargs("get", nargs, kw, 1, 2)) return Ref();
  return forward(self, "get", args, nargs);
}
#define MP_FORWARD0(fn, name)                                       \
  Ref fn(Value self, const Value*, size_t nargs, TupleObject* kw) { \
    if (!check_nargs(name, nargs, kw, 0, 0)) return Ref();          \
    return forward(self, name, nullptr, 0);                         \
  }
MP_FORWARD0(mp_keys, "keys")
MP_FORWARD0(mp_values, "values")
MP_FORWARD0(mp_items, "items")
MP_FORWARD0(mp_copy, "copy")
MP_FORWARD0(mp_reversed, "__reversed__")
#undef MP_FORWARD0

}  // namespace

Ref mappingproxy_new(Value mapping) {
  auto* mp = alloc_instance<MappingProxyObject>(&mappingproxy_type);
  mp->mapping = Ref::new_ref(mapping);
  return Ref::steal(Value(mp));
}

void mappingproxy_types_init() {
  TypeObject* t = &mappingproxy_type;
  t->name = "mappingproxy";
  t->basic_size = sizeof(MappingProxyObject);
  t->dealloc = mp_dealloc;
  t->traverse = mp_traverse;
  t->new_ = mp_new;
  t->getitem = mp_getitem;
  t->len = mp_len;
  t->contains = mp_contains;
  t->iter = mp_iter;
  t->str = mp_str;
  t->repr = mp_repr;
  t->richcompare = mp_richcompare;
  t->nb[static_cast<int>(NumOp::Or)] = mp_or;
  t->nb_inplace[static_cast<int>(NumOp::Or)] = mp_ior;
  t->flags |= kTypeMapping;
  type_ready(t, &object_type);
  add_method(t, "get", mp_get);
  add_method(t, "keys", mp_keys);
  add_method(t, "values", mp_values);
  add_method(t, "items", mp_items);
  add_method(t, "copy", mp_copy);
  add_method(t, "__reversed__", mp_reversed);
  add_class_getitem(t);
}

}  // namespace minipy::rt
