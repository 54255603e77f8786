// types.SimpleNamespace: construction from keywords only, repr "namespace(a=1, ...)" in
// insertion order (the subclass's name for subclasses, "namespace(...)" when it contains
// itself), equality by __dict__ between any two SimpleNamespace instances, unhashable, and
// pickled as (type, (), __dict__).
#include "runtime/objects/namespace.h"

#include <string>

#include "runtime/errors.h"
#include "runtime/objects/native.h"
#include "runtime/objects/singletons.h"
#include "runtime/objects/str.h"
#include "runtime/objects/tuple.h"
#include "runtime/ops.h"

namespace minipy::rt {

TypeObject namespace_type;

namespace {

NamespaceObject* as_ns(Value v) { return static_cast<NamespaceObject*>(v.obj()); }

void ns_dealloc(Object* o) {
  auto* ns = static_cast<NamespaceObject*>(o);
  if (ns->dict != nullptr) decref(ns->dict);
  delete ns;
}

void ns_traverse(Object* o, VisitFn visit, void* arg) {
  if (DictObject* d = static_cast<NamespaceObject*>(o)->dict) visit(d, arg);
}

void ns_clear(Object* o) {
  auto* ns = static_cast<NamespaceObject*>(o);
  if (DictObject* d = ns->dict) {
    ns->dict = nullptr;
    decref(d);
  }
}

Ref ns_alloc(TypeObject* type) {
  auto* ns = alloc_instance<NamespaceObject>(type);
  ns->dict = static_cast<DictObject*>(dict_new().release().obj());
  return Ref::steal(Value(ns));
}

Ref ns_new_slot(TypeObject* type, const Value*, size_t, TupleObject*) { return ns_alloc(type); }

bool ns_init(Value self, const Value* args, size_t nargs, TupleObject* kwnames) {
  if (nargs > 0) {
    raise(&exc_TypeError, "no positional arguments expected");
    return false;
  }
  for (size_t i = 0; kwnames != nullptr && i < kwnames->size; i++) {
    if (!dict_set(as_ns(self)->dict, kwnames->at(i), args[nargs + i])) return false;
  }
  return true;
}

Ref ns_repr(Value v) {
  TypeObject* t = type_of(v);
  std::string name = t == &namespace_type ? "namespace" : t->name;
  ReprGuard guard(v.obj());
  if (!guard.entered()) return str_new(name + "(...)");
  Ref d = Ref::new_ref(Value(as_ns(v)->dict));
  std::string out = name + "(";
  bool first = true;
  size_t pos = 0;
  Value key, value;
  while (dict_next(as_dict(d.get()), &pos, &key, &value)) {
    if (!is_str(key) || as_str(key)->length == 0) continue;
    Ref keep = Ref::new_ref(value);  // the repr may change the dict
    Ref r = repr(keep.get());
    if (!r) return r;
    if (!first) out += ", ";
    first = false;
    out += as_str(key)->view();
    out += "=";
    out += as_str(r.get())->view();
  }
  return str_new(out + ")");
}

Ref ns_richcompare(Value a, Value b, CmpOp op) {
  if ((op != CmpOp::Eq && op != CmpOp::Ne) || !isinstance(a, &namespace_type) ||
      !isinstance(b, &namespace_type))
    return Ref::new_ref(NotImplemented());
  return compare(Value(as_ns(a)->dict), Value(as_ns(b)->dict), op);
}

Ref ns_reduce(Value self, const Value*, size_t nargs, TupleObject* kw) {
  if (!check_nargs("__reduce__", nargs, kw, 0, 0)) return Ref();
  Ref args = tuple_empty();
  return tuple_of({Value(type_of(self)), args.get(), Value(as_ns(self)->dict)});
}

}  // namespace

Ref namespace_new(DictObject* attrs) {
  Ref ns = ns_alloc(&namespace_type);
  if (attrs != nullptr && !dict_update(as_ns(ns.get())->dict, Value(attrs))) return Ref();
  return ns;
}

void namespace_types_init() {
  TypeObject* t = &namespace_type;
  t->name = "types.SimpleNamespace";  // CPython's tp_name, in messages
  t->qualname = "SimpleNamespace";
  t->module = "types";
  t->flags = kTypeBaseType;
  t->basic_size = sizeof(NamespaceObject);
  t->dict_offset = offsetof(NamespaceObject, dict);
  t->subclass_dict_offset = offsetof(NamespaceObject, dict);
  t->dealloc = ns_dealloc;
  t->traverse = ns_traverse;
  t->clear = ns_clear;
  t->repr = ns_repr;
  t->richcompare = ns_richcompare;
  t->new_ = ns_new_slot;
  t->init = ns_init;
  type_ready(t, &object_type);
  add_dict_descriptor(t);
  add_method(t, "__reduce__", ns_reduce);
  dict_set_cstr(t->dict, "__doc__",
                str_new("A simple attribute-based namespace.\n\nSimpleNamespace(**kwargs)").get());
}

}  // namespace minipy::rt
