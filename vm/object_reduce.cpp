// object.__reduce_ex__, object.__reduce__ and object.__getstate__: the default reduction that
// copy.copy/deepcopy and pickle use for instances of classes that define none of their own
// (CPython's typeobject.c: object___reduce_ex___impl, reduce_newobj, object_getstate).
//
// Protocol 2 and above: (copyreg.__newobj__, (cls, *args), state, listitems, dictitems), with
// args from __getnewargs_ex__/__getnewargs__ (copyreg.__newobj_ex__ when there are keyword
// arguments); state is __getstate__(): the instance __dict__ (None when empty), paired with a
// dict of __slots__ values when the class has slots. Protocols 0 and 1: copyreg._reduce_ex.
// Lives in vm/ because it imports copyreg.
#include <array>

#include "runtime/errors.h"
#include "runtime/objects/dict.h"
#include "runtime/objects/list.h"
#include "runtime/objects/native.h"
#include "runtime/objects/singletons.h"
#include "runtime/objects/str.h"
#include "runtime/objects/tuple.h"
#include "runtime/ops.h"
#include "vm/import.h"

namespace minipy::vm {

using namespace rt;

namespace {

Ref copyreg_attr(const char* name) {
  Ref copyreg = import_module_absolute("copyreg");
  if (!copyreg) return copyreg;
  return getattr(copyreg.get(), intern(name));
}

/// The solid base of `t`: the builtin type whose instance layout its instances have.
TypeObject* solid_base(TypeObject* t) {
  while (t->base != nullptr && (t->flags & kTypeHeap)) t = t->base;
  return t;
}

/// __getnewargs_ex__ or __getnewargs__ (CPython's _PyObject_GetNewArguments); both null when
/// the class defines neither.
bool new_arguments(Value obj, Ref* args, Ref* kwargs) {
  TypeObject* t = type_of(obj);
  if (type_lookup(t, "__getnewargs_ex__")) {
    Ref r = call_method(obj, intern("__getnewargs_ex__"), nullptr, 0);
    if (!r) return false;
    if (!is_tuple(r.get())) {
      raise_fmt(&exc_TypeError, "__getnewargs_ex__ should return a tuple, not '{}'",
                type_name(r.get()));
      return false;
    }
    TupleObject* pair = as_tuple(r.get());
    if (pair->size != 2) {
      raise_fmt(&exc_ValueError, "__getnewargs_ex__ should return a tuple of length 2, not {}",
                pair->size);
      return false;
    }
    if (!is_tuple(pair->at(0))) {
      raise_fmt(&exc_TypeError,
                "first item of the tuple returned by __getnewargs_ex__ must be a tuple, not '{}'",
                type_name(pair->at(0)));
      return false;
    }
    if (!is_dict(pair->at(1))) {
      raise_fmt(&exc_TypeError,
                "second item of the tuple returned by __getnewargs_ex__ must be a dict, not '{}'",
                type_name(pair->at(1)));
      return false;
    }
    *args = Ref::new_ref(pair->at(0));
    *kwargs = Ref::new_ref(pair->at(1));
    return true;
  }
  if (type_lookup(t, "__getnewargs__")) {
    Ref r = call_method(obj, intern("__getnewargs__"), nullptr, 0);
    if (!r) return false;
    if (!is_tuple(r.get())) {
      raise_fmt(&exc_TypeError, "__getnewargs__ should return a tuple, not '{}'",
                type_name(r.get()));
      return false;
    }
    *args = std::move(r);
  }
  return true;
}

/// object.__getstate__'s work. `required`: the state must capture everything (no new-args and
/// not a list or dict), so an instance whose builtin base holds native state cannot be reduced.
Ref default_state(Value obj, bool required) {
  TypeObject* t = type_of(obj);
  if (required && solid_base(t) != &object_type)
    return raise_fmt(&exc_TypeError, "cannot pickle '{}' object", type_name(obj));
  Ref state = none_ref();
  if (DictObject** slot = instance_dict_slot(obj); slot && *slot && (*slot)->used > 0)
    state = Ref::new_ref(Value(*slot));
  Ref slotnames_fn = copyreg_attr("_slotnames");
  if (!slotnames_fn) return slotnames_fn;
  Value cls = Value(t);
  Ref slotnames = call(slotnames_fn.get(), &cls, 1);
  if (!slotnames) return slotnames;
  if (is_none(slotnames.get())) return state;
  if (!is_list(slotnames.get()))
    return raise(&exc_TypeError, "copyreg._slotnames didn't return a list or None");
  Ref names =
      tuple_from(as_list(slotnames.get())->items.data(), as_list(slotnames.get())->items.size());
  Ref slots = dict_new();
  for (size_t i = 0; i < as_tuple(names.get())->size; i++) {
    Value name = as_tuple(names.get())->at(i);
    if (!is_str(name)) return raise(&exc_TypeError, "__slotnames__ should be a list of strings");
    Ref value = getattr(obj, as_str(name));
    if (!value) {
      if (!exception_matches(&exc_AttributeError)) return Ref();
      clear_exception();  // an unset slot is left out
      continue;
    }
    if (!dict_set(as_dict(slots.get()), name, value.get())) return Ref();
  }
  if (as_dict(slots.get())->used > 0) return tuple_of({state.get(), slots.get()});
  return state;
}

/// The state through __getstate__ when a class overrides it, else the default.
Ref object_state(Value obj, bool required) {
  Value own = type_lookup(type_of(obj), "__getstate__");
  Value base = type_lookup(&object_type, "__getstate__");
  if (own != base) return call_method(obj, intern("__getstate__"), nullptr, 0);
  return default_state(obj, required);
}

Ref reduce_newobj(Value obj) {
  TypeObject* t = type_of(obj);
  if (t->new_ == nullptr)
    return raise_fmt(&exc_TypeError, "cannot pickle '{}' object", type_name(obj));
  Ref args, kwargs;
  if (!new_arguments(obj, &args, &kwargs)) return Ref();
  bool has_args = static_cast<bool>(args);
  Ref newobj, newargs;
  if (!kwargs || as_dict(kwargs.get())->used == 0) {
    newobj = copyreg_attr("__newobj__");
    if (!newobj) return newobj;
    TupleObject* a = has_args ? as_tuple(args.get()) : nullptr;
    size_t n = a != nullptr ? a->size : 0;
    newargs = tuple_new(n + 1);
    incref(Value(t));
    tuple_set_steal(as_tuple(newargs.get()), 0, Value(t));
    for (size_t i = 0; i < n; i++) {
      incref(a->at(i));
      tuple_set_steal(as_tuple(newargs.get()), i + 1, a->at(i));
    }
  } else {
    newobj = copyreg_attr("__newobj_ex__");
    if (!newobj) return newobj;
    newargs = tuple_of({Value(t), args.get(), kwargs.get()});
  }
  bool is_list_like = isinstance(obj, &list_type);
  bool is_dict_like = isinstance(obj, &dict_type);
  Ref state = object_state(obj, !(has_args || is_list_like || is_dict_like));
  if (!state) return state;
  Ref listitems = is_list_like ? get_iter(obj) : none_ref();
  if (!listitems) return listitems;
  Ref dictitems = none_ref();
  if (is_dict_like) {
    Ref items = call_method(obj, intern("items"), nullptr, 0);
    if (!items) return items;
    dictitems = get_iter(items.get());
    if (!dictitems) return dictitems;
  }
  return tuple_of({newobj.get(), newargs.get(), state.get(), listitems.get(), dictitems.get()});
}

Ref common_reduce(Value self, int64_t protocol) {
  if (protocol >= 2) return reduce_newobj(self);
  Ref reduce_ex = copyreg_attr("_reduce_ex");
  if (!reduce_ex) return reduce_ex;
  Ref proto = Ref::small(protocol);
  std::array<Value, 2> args{self, proto.get()};
  return call(reduce_ex.get(), args.data(), 2);
}

Ref object_reduce_ex(Value self, NativeArgs& a) {
  // A class that overrides __reduce__ (and not __reduce_ex__) is reduced by its __reduce__.
  Value own = type_lookup(type_of(self), "__reduce__");
  Value base = type_lookup(&object_type, "__reduce__");
  if (own && own != base) return call_method(self, intern("__reduce__"), nullptr, 0);
  return common_reduce(self, a.i64(0));
}

Ref object_reduce(Value self, NativeArgs&) { return common_reduce(self, 0); }

Ref object_getstate(Value self, NativeArgs&) { return default_state(self, false); }

const NativeDef kObjectReduceMethods[] = {
    {"__reduce_ex__($self, protocol: int, /)", object_reduce_ex, 0, "Helper for pickle."},
    {"__reduce__($self, /)", object_reduce, 0, "Helper for pickle."},
    {"__getstate__($self, /)", object_getstate, 0, "Helper for pickle."},
};

}  // namespace

void object_reduce_init() { add_methods(&object_type, kObjectReduceMethods); }

}  // namespace minipy::vm
