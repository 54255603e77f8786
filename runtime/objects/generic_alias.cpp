// types.GenericAlias: origin[args] as CPython 3.11's Objects/genericaliasobject.c behaves
// (repr, attribute forwarding to the origin, calling, equality and hashing, __mro_entries__,
// refusing isinstance, substituting type variables). Also the helpers unions share.
#include "runtime/objects/generic_alias.h"

#include "runtime/errors.h"
#include "runtime/objects/dict.h"
#include "runtime/objects/list.h"
#include "runtime/objects/native.h"
#include "runtime/objects/set.h"
#include "runtime/objects/singletons.h"
#include "runtime/objects/str.h"
#include "runtime/objects/tuple.h"
#include "runtime/ops.h"
#include "runtime/state/interpreter.h"

namespace minipy::rt {

TypeObject generic_alias_type;

namespace {

GenericAliasObject* as_ga(Value v) { return static_cast<GenericAliasObject*>(v.obj()); }

Ref as_tuple_ref(Value args) {
  if (is_tuple(args)) return Ref::new_ref(args);
  Ref t = tuple_new(1);
  tuple_set_steal(as_tuple(t.get()), 0, Ref::new_ref(args).release());
  return t;
}

bool has_attr(Value v, const char* name, bool* out) {
  Ref r = getattr_opt(v, intern(name));
  if (!r && error_pending()) return false;
  *out = static_cast<bool>(r);
  return true;
}

bool is_typevar_like(Value v, bool* out) {
  if (isinstance(v, &type_type)) {
    *out = false;
    return true;
  }
  return has_attr(v, "__typing_subst__", out);
}

}  // namespace

bool type_repr_item(Value p, std::string* out) {
  if (p == Ellipsis()) {
    *out = "...";
    return true;
  }
  if (isinstance(p, &type_type)) {  // a class: its own module and qualname fields
    auto* t = static_cast<TypeObject*>(p.obj());
    if (!(t->flags & kTypeHeap)) {
      const std::string& q = t->qualname.empty() ? t->name : t->qualname;
      *out = t->module == "builtins" || t->module.empty() ? q : t->module + "." + q;
      return true;
    }
  }
  bool origin = false, args = false;
  if (!has_attr(p, "__origin__", &origin)) return false;
  if (origin && !has_attr(p, "__args__", &args)) return false;
  if (!(origin && args)) {
    Ref qualname = getattr_opt(p, intern("__qualname__"));
    if (!qualname && error_pending()) return false;
    if (qualname) {
      Ref module = getattr_opt(p, intern("__module__"));
      if (!module && error_pending()) return false;
      if (module && !is_none(module.get())) {
        std::string q, m;
        if (!str_text(qualname.get(), &q)) return false;
        if (is_str(module.get()) && as_str(module.get())->view() == "builtins") {
          *out = q;
          return true;
        }
        if (!str_text(module.get(), &m)) return false;
        *out = m + "." + q;
        return true;
      }
    }
  }
  return repr_text(p, out);
}

Ref make_parameters(TupleObject* args) {
  Ref params = list_new();
  auto add = [&](Value v) -> bool {
    ListObject* l = as_list(params.get());
    for (Value x : l->items) {
      if (x == v) return true;
    }
    list_append(l, v);
    return true;
  };
  for (size_t i = 0; i < args->size; i++) {
    Value t = args->at(i);
    if (isinstance(t, &type_type)) continue;
    bool tv = false;
    if (!is_typevar_like(t, &tv)) return Ref();
    if (tv) {
      add(t);
      continue;
    }
    Ref sub = getattr_opt(t, intern("__parameters__"));
    if (!sub && error_pending()) return Ref();
    if (sub && is_tuple(sub.get())) {
      TupleObject* st = as_tuple(sub.get());
      for (size_t j = 0; j < st->size; j++) add(st->at(j));
    }
  }
  ListObject* l = as_list(params.get());
  Ref t = tuple_new(l->items.size());
  for (size_t i = 0; i < l->items.size(); i++)
    tuple_set_steal(as_tuple(t.get()), i, Ref::new_ref(l->items[i]).release());
  return t;
}

Ref subs_parameters(Value obj, TupleObject* args, TupleObject* parameters, Value item) {
  std::string self_repr;
  if (!repr_text(obj, &self_repr)) return Ref();
  if (parameters->size == 0)
    return raise_fmt(&exc_TypeError, "{} is not a generic class", self_repr);
  Ref items = as_tuple_ref(item);
  TupleObject* argitems = as_tuple(items.get());
  if (argitems->size != parameters->size) {
    return raise_fmt(&exc_TypeError, "Too {} arguments for {}; actual {}, expected {}",
                     argitems->size > parameters->size ? "many" : "few", self_repr, argitems->size,
                     parameters->size);
  }
  Ref newargs = tuple_new(args->size);
  for (size_t i = 0; i < args->size; i++) {
    Value arg = args->at(i);
    Ref replaced;
    bool tv = false;
    if (!is_typevar_like(arg, &tv)) return Ref();
    if (tv) {
      size_t k = 0;
      while (k < parameters->size && parameters->at(k) != arg) k++;
      Ref subst = getattr(arg, "__typing_subst__");
      if (!subst) return subst;
      replaced = call1(subst.get(), argitems->at(k < parameters->size ? k : 0));
    } else {
      Ref sub = getattr_opt(arg, intern("__parameters__"));
      if (!sub && error_pending()) return Ref();
      if (sub && is_tuple(sub.get()) && as_tuple(sub.get())->size > 0) {
        TupleObject* sp = as_tuple(sub.get());
        Ref subargs = tuple_new(sp->size);
        for (size_t j = 0; j < sp->size; j++) {
          size_t k = 0;
          while (k < parameters->size && parameters->at(k) != sp->at(j)) k++;
          Value v = k < parameters->size ? argitems->at(k) : sp->at(j);
          tuple_set_steal(as_tuple(subargs.get()), j, Ref::new_ref(v).release());
        }
        replaced = getitem(arg, subargs.get());
      } else {
        replaced = Ref::new_ref(arg);
      }
    }
    if (!replaced) return replaced;
    tuple_set_steal(as_tuple(newargs.get()), i, replaced.release());
  }
  return newargs;
}

Ref generic_alias_new(Value origin, Value args) {
  auto* ga = alloc_instance<GenericAliasObject>(&generic_alias_type);
  ga->origin = Ref::new_ref(origin);
  ga->args = as_tuple_ref(args);
  return Ref::steal(Value(ga));
}

namespace {

void ga_dealloc(Object* o) { delete static_cast<GenericAliasObject*>(o); }

void ga_traverse(Object* o, VisitFn visit, void* arg) {
  auto* ga = static_cast<GenericAliasObject*>(o);
  for (const Ref* r : {&ga->origin, &ga->args, &ga->parameters}) {
    if (*r && r->get().is_object()) visit(r->get().obj(), arg);
  }
}

Ref ga_repr(Value v) {
  GenericAliasObject* ga = as_ga(v);
  std::string out = ga->starred ? "*" : "";
  std::string item;
  if (!type_repr_item(ga->origin.get(), &item)) return Ref();
  out += item + "[";
  TupleObject* args = as_tuple(ga->args.get());
  for (size_t i = 0; i < args->size; i++) {
    if (i) out += ", ";
    Value a = args->at(i);
    if (!type_repr_item(a, &item)) return Ref();
    out += item;
  }
  if (args->size == 0) out += "()";
  out += "]";
  return str_new(std::move(out));
}

/// Attribute reads other than the alias's own go to the origin: list[int].append is list.append.
Ref ga_getattr(Value v, StrObject* name) {
  static const char* const kOwn[] = {
      "__class__",       "__origin__",     "__args__",
      "__unpacked__",    "__parameters__", "__typing_unpacked_tuple_args__",
      "__mro_entries__", "__reduce_ex__",  "__reduce__",
      "__copy__",        "__deepcopy__"};
  for (const char* own : kOwn) {
    if (name->view() == own) return generic_getattr(v, name);
  }
  return getattr(as_ga(v)->origin.get(), name);
}

Ref ga_richcompare(Value a, Value b, CmpOp op) {
  if ((op != CmpOp::Eq && op != CmpOp::Ne) || !is_generic_alias(b)) return not_implemented_ref();
  GenericAliasObject* x = as_ga(a);
  GenericAliasObject* y = as_ga(b);
  if (x->starred != y->starred) return bool_ref(op == CmpOp::Ne);
  int eq = equal(x->origin.get(), y->origin.get());
  if (eq < 0) return Ref();
  if (eq) eq = equal(x->args.get(), y->args.get());
  if (eq < 0) return Ref();
  return bool_ref(op == CmpOp::Eq ? eq != 0 : eq == 0);
}

bool ga_hash(Value v, int64_t* out) {
  int64_t h0, h1;
  if (!hash(as_ga(v)->origin.get(), &h0) || !hash(as_ga(v)->args.get(), &h1)) return false;
  *out = h0 ^ h1;
  if (*out == -1) *out = -2;
  return true;
}

/// Calling an alias calls its origin, then records the alias on the result when it can.
Ref ga_call(Value self, const Value* args, size_t nargs, TupleObject* kwnames) {
  Ref obj = call(as_ga(self)->origin.get(), args, nargs, kwnames);
  if (!obj) return obj;
  if (!setattr(obj.get(), intern("__orig_class__"), self)) {
    if (!exception_matches(&exc_AttributeError) && !exception_matches(&exc_TypeError)) return Ref();
    clear_exception();
  }
  return obj;
}

Ref ga_getitem(Value self, Value item) {
  GenericAliasObject* ga = as_ga(self);
  if (!ga->parameters) {
    ga->parameters = make_parameters(as_tuple(ga->args.get()));
    if (!ga->parameters) return Ref();
  }
  Ref newargs =
      subs_parameters(self, as_tuple(ga->args.get()), as_tuple(ga->parameters.get()), item);
  if (!newargs) return newargs;
  Ref r = generic_alias_new(ga->origin.get(), newargs.get());
  as_ga(r.get())->starred = ga->starred;
  return r;
}

/// iter(tuple[int]) (CPython's generic_alias_iterator) yields the alias unpacked, once: what
/// `*tuple[int]` in a subscript or a tuple display evaluates to (PEP 646).
struct GaIterObject : Object {
  Ref obj;  // the alias to unpack; null once yielded
};
TypeObject ga_iter_type;

Ref ga_iter(Value self) {
  auto* it = alloc_instance<GaIterObject>(&ga_iter_type);
  it->obj = Ref::new_ref(self);
  return Ref::steal(Value(it));
}
Ref ga_iter_next(Value self) {
  auto* it = static_cast<GaIterObject*>(self.obj());
  if (!it->obj) return Ref();  // exhausted
  GenericAliasObject* ga = as_ga(it->obj.get());
  Ref starred = generic_alias_new(ga->origin.get(), ga->args.get());
  as_ga(starred.get())->starred = true;
  it->obj = Ref();
  return starred;
}
Ref builtin(const char* name) { return Ref::new_ref(dict_get_cstr(interp().builtins_dict(), name)); }
/// (iter, (alias,)) while the item is due, (iter, ((),)) after.
Ref ga_iter_reduce(Value self, const Value*, size_t nargs, TupleObject* kw) {
  if (!check_nargs("__reduce__", nargs, kw, 0, 0)) return Ref();
  auto* it = static_cast<GaIterObject*>(self.obj());
  Ref arg = it->obj ? Ref::new_ref(it->obj.get()) : tuple_new(0);
  Ref args = tuple_of({arg.get()});
  Ref fn = builtin("iter");
  return tuple_of({fn.get(), args.get()});
}
void ga_iter_dealloc(Object* o) { delete static_cast<GaIterObject*>(o); }
void ga_iter_traverse(Object* o, VisitFn visit, void* arg) {
  visit_value(static_cast<GaIterObject*>(o)->obj, visit, arg);
}

Ref ga_new(TypeObject* type, const Value* args, size_t nargs, TupleObject* kwnames) {
  if (!check_nargs("GenericAlias", nargs, kwnames, 2, 2)) return Ref();
  return generic_alias_new(args[0], args[1]);
}

Ref ga_or(Value a, Value b) { return union_or(a, b); }

#define GA_METHOD(name) Ref name(Value self, const Value* args, size_t nargs, TupleObject* kw)

GA_METHOD(m_mro_entries) {
  if (!check_nargs("__mro_entries__", nargs, kw, 1, 1)) return Ref();
  Ref t = tuple_new(1);
  tuple_set_steal(as_tuple(t.get()), 0, Ref::new_ref(as_ga(self)->origin.get()).release());
  return t;
}
GA_METHOD(m_instancecheck) {
  return raise(&exc_TypeError, "isinstance() argument 2 cannot be a parameterized generic");
}
GA_METHOD(m_subclasscheck) {
  return raise(&exc_TypeError, "issubclass() argument 2 cannot be a parameterized generic");
}
GA_METHOD(m_reduce) {
  if (!check_nargs("__reduce__", nargs, kw, 0, 0)) return Ref();
  if (as_ga(self)->starred) {
    // *tuple[int] is rebuilt as next(iter(tuple[int])).
    Ref plain = generic_alias_new(as_ga(self)->origin.get(), as_ga(self)->args.get());
    Ref it = ga_iter(plain.get());
    Ref args = tuple_of({it.get()});
    Ref fn = builtin("next");
    return tuple_of({fn.get(), args.get()});
  }
  Ref inner = tuple_new(2);
  tuple_set_steal(as_tuple(inner.get()), 0, Ref::new_ref(as_ga(self)->origin.get()).release());
  tuple_set_steal(as_tuple(inner.get()), 1, Ref::new_ref(as_ga(self)->args.get()).release());
  Ref r = tuple_new(2);
  tuple_set_steal(as_tuple(r.get()), 0, Ref::new_ref(Value(type_of(self))).release());
  tuple_set_steal(as_tuple(r.get()), 1, inner.release());
  return r;
}

Ref get_origin(Value self) { return Ref::new_ref(as_ga(self)->origin.get()); }
Ref get_args(Value self) { return Ref::new_ref(as_ga(self)->args.get()); }
Ref get_unpacked(Value self) { return bool_ref(as_ga(self)->starred); }
Ref get_parameters(Value self) {
  GenericAliasObject* ga = as_ga(self);
  if (!ga->parameters) {
    ga->parameters = make_parameters(as_tuple(ga->args.get()));
    if (!ga->parameters) return Ref();
  }
  return Ref::new_ref(ga->parameters.get());
}
Ref get_unpacked_tuple_args(Value self) {
  GenericAliasObject* ga = as_ga(self);
  if (ga->starred && ga->origin.get() == Value(&tuple_type)) return Ref::new_ref(ga->args.get());
  return none_ref();
}

/// list[int], dict[str, int], ...: the __class_getitem__ of builtin generic classes.
Ref class_getitem(Value cls, const Value* args, size_t nargs, TupleObject* kw) {
  if (!check_nargs("__class_getitem__", nargs, kw, 1, 1)) return Ref();
  return generic_alias_new(cls, args[0]);
}

}  // namespace

void generic_alias_types_init() {
  TypeObject* t = &generic_alias_type;
  t->name = "types.GenericAlias";  // as CPython's tp_name, in messages
  t->qualname = "GenericAlias";
  t->module = "types";
  t->flags = kTypeBaseType | kTypeWeakrefable;
  t->basic_size = sizeof(GenericAliasObject);
  t->dealloc = ga_dealloc;
  t->traverse = ga_traverse;
  t->repr = ga_repr;
  t->getattr = ga_getattr;
  t->richcompare = ga_richcompare;
  t->hash = ga_hash;
  t->call = ga_call;
  t->getitem = ga_getitem;
  t->iter = ga_iter;
  t->new_ = ga_new;
  t->nb[static_cast<int>(NumOp::Or)] = ga_or;
  type_ready(t, &object_type);
  add_method(t, "__mro_entries__", m_mro_entries);
  add_method(t, "__instancecheck__", m_instancecheck);
  add_method(t, "__subclasscheck__", m_subclasscheck);
  add_method(t, "__reduce__", m_reduce);

  ga_iter_type.name = "generic_alias_iterator";
  ga_iter_type.basic_size = sizeof(GaIterObject);
  ga_iter_type.dealloc = ga_iter_dealloc;
  ga_iter_type.traverse = ga_iter_traverse;
  ga_iter_type.iter = [](Value v) { return Ref::new_ref(v); };
  ga_iter_type.iternext = ga_iter_next;
  type_ready(&ga_iter_type, &object_type);
  add_method(&ga_iter_type, "__reduce__", ga_iter_reduce);
  add_getset(t, "__origin__", get_origin);
  add_getset(t, "__args__", get_args);
  add_getset(t, "__parameters__", get_parameters);
  add_getset(t, "__unpacked__", get_unpacked);
  add_getset(t, "__typing_unpacked_tuple_args__", get_unpacked_tuple_args);
  for (TypeObject* g : {&list_type, &dict_type, &set_type, &frozenset_type, &tuple_type}) {
    add_class_getitem(g);
  }
}

void add_class_getitem(TypeObject* t) {
  add_method(t, "__class_getitem__", class_getitem, kNativeClassMethod);
}

}  // namespace minipy::rt
