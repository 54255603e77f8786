// types.UnionType: `int | str`, `int | None`, as CPython 3.11's Objects/unionobject.c: members
// flattened and de-duplicated in order, None stored as NoneType, a single member returned as
// itself; repr `int | None`; equality and hash ignore order; isinstance()/issubclass() treat a
// union as the tuple of its members (stdlib/native/builtins_functions.cpp).
#include "runtime/errors.h"
#include "runtime/objects/generic_alias.h"
#include "runtime/objects/list.h"
#include "runtime/objects/native.h"
#include "runtime/objects/set.h"
#include "runtime/objects/singletons.h"
#include "runtime/objects/str.h"
#include "runtime/objects/tuple.h"
#include "runtime/ops.h"

namespace minipy::rt {

TypeObject union_type;

namespace {

UnionObject* as_union(Value v) { return static_cast<UnionObject*>(v.obj()); }

bool is_unionable(Value v) {
  return is_none(v) || isinstance(v, &type_type) || is_generic_alias(v) || is_union(v);
}

/// The members of a | b in order, unions flattened, repeats dropped (aliases by ==, others by
/// identity, as CPython), None as NoneType.
Ref dedup_and_flatten(Value a, Value b) {
  std::vector<Value> flat;
  for (Value v : {a, b}) {
    if (is_union(v)) {
      TupleObject* t = union_args(v);
      for (size_t i = 0; i < t->size; i++) flat.push_back(t->at(i));
    } else {
      flat.push_back(is_none(v) ? Value(&none_type) : v);
    }
  }
  std::vector<Value> out;
  for (Value v : flat) {
    bool dup = false;
    for (Value w : out) {
      if (is_generic_alias(v) && is_generic_alias(w)) {
        int eq = equal(v, w);
        if (eq < 0) return Ref();
        dup = eq != 0;
      } else {
        dup = v == w;
      }
      if (dup) break;
    }
    if (!dup) out.push_back(v);
  }
  Ref t = tuple_new(out.size());
  for (size_t i = 0; i < out.size(); i++)
    tuple_set_steal(as_tuple(t.get()), i, Ref::new_ref(out[i]).release());
  return t;
}

Ref union_from_args(Ref args) {
  if (as_tuple(args.get())->size == 1) return Ref::new_ref(as_tuple(args.get())->at(0));
  auto* u = alloc_instance<UnionObject>(&union_type);
  u->args = std::move(args);
  return Ref::steal(Value(u));
}

void union_dealloc(Object* o) { delete static_cast<UnionObject*>(o); }

void union_traverse(Object* o, VisitFn visit, void* arg) {
  auto* u = static_cast<UnionObject*>(o);
  for (const Ref* r : {&u->args, &u->parameters}) {
    if (*r && r->get().is_object()) visit(r->get().obj(), arg);
  }
}

Ref union_repr(Value v) {
  TupleObject* args = union_args(v);
  std::string out;
  for (size_t i = 0; i < args->size; i++) {
    if (i) out += " | ";
    Value a = args->at(i);
    if (a == Value(&none_type)) {
      out += "None";
      continue;
    }
    std::string item;
    if (!type_repr_item(a, &item)) return Ref();
    out += item;
  }
  return str_new(std::move(out));
}

Ref members_as_frozenset(Value u) {
  return set_from_iterable(Value(union_args(u)), &frozenset_type);
}

Ref union_richcompare(Value a, Value b, CmpOp op) {
  if (!is_union(b) || (op != CmpOp::Eq && op != CmpOp::Ne)) return not_implemented_ref();
  Ref x = members_as_frozenset(a);
  if (!x) return x;
  Ref y = members_as_frozenset(b);
  if (!y) return y;
  return compare(x.get(), y.get(), op);
}

bool union_hash(Value v, int64_t* out) {
  Ref f = members_as_frozenset(v);
  return f && hash(f.get(), out);
}

/// __module__ reads the type's ('types'); everything else is ordinary.
Ref union_getattr(Value v, StrObject* name) {
  if (name->view() == "__module__") return str_new("types");
  return generic_getattr(v, name);
}

Ref union_getitem(Value self, Value item) {
  UnionObject* u = as_union(self);
  if (!u->parameters) {
    u->parameters = make_parameters(union_args(self));
    if (!u->parameters) return Ref();
  }
  Ref newargs = subs_parameters(self, union_args(self), as_tuple(u->parameters.get()), item);
  if (!newargs) return newargs;
  TupleObject* t = as_tuple(newargs.get());
  Ref res = Ref::new_ref(t->at(0));
  for (size_t i = 1; i < t->size && res; i++) res = binary_op(res.get(), t->at(i), NumOp::Or);
  return res;
}

Ref get_args(Value self) { return Ref::new_ref(Value(union_args(self))); }
Ref get_parameters(Value self) {
  UnionObject* u = as_union(self);
  if (!u->parameters) {
    u->parameters = make_parameters(union_args(self));
    if (!u->parameters) return Ref();
  }
  return Ref::new_ref(u->parameters.get());
}

}  // namespace

TupleObject* union_args(Value u) { return as_tuple(as_union(u)->args.get()); }

Ref union_or(Value a, Value b) {
  if (!is_unionable(a) || !is_unionable(b)) return not_implemented_ref();
  Ref args = dedup_and_flatten(a, b);
  if (!args) return args;
  return union_from_args(std::move(args));
}

void union_type_init() {
  TypeObject* t = &union_type;
  t->name = "types.UnionType";  // as CPython's tp_name, in messages
  t->qualname = "UnionType";
  t->module = "types";
  t->basic_size = sizeof(UnionObject);
  t->dealloc = union_dealloc;
  t->traverse = union_traverse;
  t->repr = union_repr;
  t->richcompare = union_richcompare;
  t->hash = union_hash;
  t->getattr = union_getattr;
  t->getitem = union_getitem;
  t->flags |= kTypeSubscriptOnly;  // (int | T)[str] substitutes: no iteration
  t->nb[static_cast<int>(NumOp::Or)] = union_or;
  type_ready(t, &object_type);
  add_getset(t, "__args__", get_args);
  add_getset(t, "__parameters__", get_parameters);
  // type | type: the metatype's __or__ / __ror__.
  type_type.nb[static_cast<int>(NumOp::Or)] = union_or;
}

}  // namespace minipy::rt
