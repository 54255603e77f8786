// What type.__new__ does once a class exists (CPython 3.11's type_new_impl): the __class__ cell
// of its methods is filled, __set_name__ is called on its attributes, then its parent's
// __init_subclass__ (PEP 487). Here rather than in __build_class__, so that a metaclass's
// super().__new__(), type(name, bases, ns) and Enum('E', 'a b') (which calls the metaclass's
// __new__ itself) all do it, and before the metaclass's __new__ goes on with the class.
#include <utility>
#include <vector>

#include "runtime/errors.h"
#include "runtime/names.h"
#include "runtime/objects/dict.h"
#include "runtime/objects/misc.h"
#include "runtime/objects/native.h"
#include "runtime/objects/str.h"
#include "runtime/objects/tuple.h"
#include "runtime/ops.h"
#include "runtime/type.h"

namespace minipy::rt {

namespace {

/// __classcell__ (put in the namespace by __build_class__): the class body's __class__ cell
/// gets the class, and the name leaves the class dict.
bool set_classcell(TypeObject* t) {
  StrObject* key = intern("__classcell__");
  Value cell = dict_get_str(t->dict, key);
  if (!cell) return true;
  if (type_of(cell) != &cell_type) {
    raise_fmt(&exc_TypeError, "__classcell__ must be a nonlocal cell, not {}", type_name(cell));
    return false;
  }
  auto* c = static_cast<CellObject*>(cell.obj());
  Value old = c->ref;
  incref(Value(t));
  c->ref = Value(t);
  decref(old);
  return dict_del(t->dict, Value(key)) >= 0;
}

/// __set_name__(cls, name) on each attribute whose type defines it; an error is wrapped in
/// RuntimeError as CPython 3.11 does (enum's metaclass unwraps it).
bool set_names(TypeObject* t) {
  std::vector<std::pair<Ref, Ref>> items;
  size_t pos = 0;
  Value k, v;
  while (dict_next(t->dict, &pos, &k, &v)) items.emplace_back(Ref::new_ref(k), Ref::new_ref(v));
  for (auto& [key, val] : items) {
    if (!type_lookup(type_of(val.get()), names::set_name)) continue;
    bool found;
    Value a[2] = {Value(t), key.get()};
    if (call_special(val.get(), names::set_name, a, 2, &found)) continue;
    Ref cause = take_exception();
    Ref key_repr = repr(key.get());
    if (!key_repr) return false;
    Ref e = make_exception(&exc_RuntimeError,
                           fmt::format("Error calling __set_name__ on '{}' instance {} in '{}'",
                                       type_name(val.get()), as_str(key_repr.get())->view(), t->name));
    if (!e) return false;
    auto* eo = static_cast<BaseExceptionObject*>(e.get().obj());
    eo->context = cause.dup();
    eo->cause = std::move(cause);
    set_exception(std::move(e));
    return false;
  }
  return true;
}

/// super(cls, cls).__init_subclass__(**kwargs): the first definition along the MRO after cls.
bool init_subclass(TypeObject* t, const Value* kwvalues, TupleObject* kwnames) {
  if (t->mro.size() < 2) return true;
  Value isc;
  for (size_t i = 1; i < t->mro.size() && !isc; i++) isc = dict_get_str(t->mro[i]->dict, names::init_subclass);
  size_t nkw = kwnames != nullptr ? kwnames->size : 0;
  if (!isc || type_of(isc) == &method_descr_type) {
    // object.__init_subclass__ takes no keyword arguments.
    if (nkw > 0) {
      raise_fmt(&exc_TypeError, "{}.__init_subclass__() takes no keyword arguments", t->name);
      return false;
    }
    return true;
  }
  Value fn = isc;  // a user-defined __init_subclass__ is implicitly a classmethod
  if (type_of(isc) == &classmethod_type) fn = static_cast<StaticMethodObject*>(isc.obj())->func.get();
  std::vector<Value> a = {Value(t)};
  for (size_t i = 0; i < nkw; i++) a.push_back(kwvalues[i]);
  return static_cast<bool>(call(fn, a.data(), 1, nkw > 0 ? kwnames : nullptr));
}

}  // namespace

bool type_new_hooks(TypeObject* t, const Value* kwvalues, TupleObject* kwnames) {
  return set_classcell(t) && set_names(t) && init_subclass(t, kwvalues, kwnames);
}

}  // namespace minipy::rt
