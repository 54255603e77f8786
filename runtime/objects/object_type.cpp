// `object` (the root of every class) and the singletons None, NotImplemented, Ellipsis.
#include <atomic>
#include <cstddef>

#include "runtime/errors.h"
#include "runtime/hash.h"
#include "runtime/names.h"
#include "runtime/objects/dict.h"
#include "runtime/objects/int.h"
#include "runtime/objects/list.h"
#include "runtime/objects/misc.h"
#include "runtime/objects/native.h"
#include "runtime/objects/singletons.h"
#include "runtime/objects/str.h"
#include "runtime/objects/tuple.h"
#include "runtime/ops.h"
#include "runtime/state/delayed_release.h"
#include "runtime/type.h"

namespace minipy::rt {

TypeObject object_type;
TypeObject none_type;
TypeObject not_implemented_type;
TypeObject ellipsis_type;
Object none_object;
Object not_implemented_object;
Object ellipsis_object;

DictObject* instance_dict_ensure(Object* owner, DictObject** slot);  // type.cpp

bool setattr_hackcheck(Value self, SetAttrFn func, const char* what);  // type_slots.cpp
bool same_slot_layout(const TypeObject* a, const TypeObject* b);        // type.cpp

namespace {

bool object_init(Value self, const Value* args, size_t nargs, TupleObject* kwnames);

/// "Can't instantiate abstract class C with abstract methods a, b" (sorted, as CPython's).
Ref raise_abstract_instantiation(TypeObject* type) {
  Ref methods = getattr_opt(Value(type), intern("__abstractmethods__"));
  if (!methods) {
    if (error_pending()) return Ref();
    return raise_fmt(&exc_TypeError, "Can't instantiate abstract class {}", type->name);
  }
  Ref sorted = list_from_iterable(methods.get());
  if (!sorted || !list_sort(as_list(sorted.get()), Value(), false)) return Ref();
  std::string joined;
  for (Value m : as_list(sorted.get())->items) {
    std::string item;
    if (!str_text(m, &item)) return Ref();
    joined += (joined.empty() ? "" : ", ") + item;
  }
  return raise_fmt(&exc_TypeError, "Can't instantiate abstract class {} with abstract method{} {}",
                   type->name, as_list(sorted.get())->items.size() > 1 ? "s" : "", joined);
}

Ref object_new(TypeObject* type, const Value* args, size_t nargs, TupleObject* kwnames) {
  size_t nkw = kwnames ? kwnames->size : 0;
  if ((nargs + nkw) > 0 && type->init == object_init) {
    return raise_fmt(&exc_TypeError, "{}() takes no arguments", type->name);
  }
  if (type->flags & kTypeAbstract) return raise_abstract_instantiation(type);
  if (type->flags & kTypeHeap) return Ref::steal(Value(alloc_instance<InstanceObject>(type)));
  return Ref::steal(Value(alloc_instance<Object>(type)));
}

bool object_init(Value self, const Value* args, size_t nargs, TupleObject* kwnames) {
  size_t nkw = kwnames ? kwnames->size : 0;
  TypeObject* t = type_of(self);
  if (nargs + nkw == 0) return true;
  // CPython's excess_args rule: extra arguments are an error when __init__ is object's own
  // only if __new__ is too; an overriding __init__ that passes them on is always wrong.
  if (t->init != object_init) {
    raise(&exc_TypeError,
          "object.__init__() takes exactly one argument (the instance to initialize)");
    return false;
  }
  if (t->new_ == object_new) {
    raise_fmt(&exc_TypeError, "{}.__init__() takes exactly one argument (the instance to initialize)", t->name);
    return false;
  }
  return true;
}

void object_dealloc(Object* o) {
  if (o->type->flags & kTypeHeap) {
    delete static_cast<InstanceObject*>(o);
  } else {
    delete o;
  }
}

Ref object_repr(Value self) {
  TypeObject* t = type_of(self);
  if (t->module == "builtins") return str_new(fmt::format("<{} object at {:#x}>", t->qualname, self.bits()));
  return str_new(fmt::format("<{}.{} object at {:#x}>", t->module, t->qualname, self.bits()));
}

Ref object_str(Value self) { return type_of(self)->repr(self); }

bool object_hash(Value self, int64_t* out) {
  // CPython's _Py_HashPointer; object.__hash__(5) reaches here with a tagged int.
  *out = hash_pointer(self.is_object() ? static_cast<const void*>(self.obj())
                                       : reinterpret_cast<const void*>(self.bits()));
  return true;
}

Ref object_richcompare(Value a, Value b, CmpOp op) {
  if (op == CmpOp::Eq) return (a == b) ? bool_ref(true) : not_implemented_ref();
  if (op == CmpOp::Ne) {
    // Defer to __eq__ and invert (object.__ne__).
    TypeObject* t = type_of(a);
    if (t->richcompare != object_richcompare) {
      Ref r = t->richcompare(a, b, CmpOp::Eq);
      if (!r || r.get() == NotImplemented()) return r;
      int v = truthy(r.get());
      if (v < 0) return Ref();
      return bool_ref(!v);
    }
    return (a == b) ? bool_ref(false) : not_implemented_ref();
  }
  return not_implemented_ref();
}

Ref object_get_class(Value self) { return Ref::new_ref(Value(type_of(self))); }

bool object_set_class(Value self, Value v) {
  if (!v || !isinstance(v, &type_type)) {
    raise(&exc_TypeError, "__class__ must be set to a class");
    return false;
  }
  auto* nt = static_cast<TypeObject*>(v.obj());
  TypeObject* ot = type_of(self);
  // Heap types, or module and its subclasses (a module may become an instance of a ModuleType
  // subclass and back: CPython's object_set_class).
  bool modules = is_subtype(nt, &module_type) && is_subtype(ot, &module_type);
  if (!modules && (!(nt->flags & kTypeHeap) || !(ot->flags & kTypeHeap))) {
    raise(&exc_TypeError,
          "__class__ assignment only supported for mutable types or ModuleType subclasses");
    return false;
  }
  if (nt->basic_size != ot->basic_size || nt->dict_offset != ot->dict_offset ||
      !same_slot_layout(nt, ot)) {
    raise_fmt(&exc_TypeError, "__class__ assignment: '{}' object layout differs from '{}'", nt->name, ot->name);
    return false;
  }
  // Only heap types are reference-counted by their instances.
  if (nt->flags & kTypeHeap) incref(nt);
#ifdef MINIPY_FREE_THREADING
  // Swapped atomically: of two threads assigning at once, each drops the type it replaced
  // (a load and a store would let both drop `ot`). Another thread may have loaded the old type a
  // moment ago (type_of) and be about to look up in it: its reference goes through delayed
  // release, as a replaced __dict__'s does.
  TypeObject* old =
      std::atomic_ref<TypeObject*>(self.obj()->type).exchange(nt, std::memory_order_acq_rel);
  if (old->flags & kTypeHeap) delayed_release(Ref::steal(Value(old)));
#else
  self.obj()->type = nt;
  if (ot->flags & kTypeHeap) decref(ot);
#endif
  return true;
}

Ref object_get_dict(Value self) {
  DictObject** slot = instance_dict_slot(self);
  if (slot == nullptr) {
    return raise_fmt(&exc_AttributeError, "'{}' object has no attribute '__dict__'", type_name(self));
  }
  return Ref::new_ref(Value(instance_dict_ensure(self.obj(), slot)));
}

bool object_set_dict(Value self, Value v) {
  DictObject** slot = instance_dict_slot(self);
  if (slot == nullptr) {
    raise(&exc_TypeError, "__dict__ must be set to a dictionary");
    return false;
  }
  // `del obj.__dict__` empties it: a new dict is made when next needed (CPython's
  // subtype_setdict stores NULL).
  if (v && !is_dict(v)) {
    raise_fmt(&exc_TypeError, "__dict__ must be set to a dictionary, not a '{}'", type_name(v));
    return false;
  }
  if (v) incref(v);
#ifdef MINIPY_FREE_THREADING
  // Under the owner's lock, as instance_dict_ensure creates the first dict (one of two racing
  // stores must not be lost); published with a release store for the lock-free loads.
  DictObject* old;
  {
    CriticalSection cs(self.obj());
    old = std::atomic_ref<DictObject*>(*slot).exchange(v ? as_dict(v) : nullptr,
                                                       std::memory_order_acq_rel);
  }
  // Another thread may have loaded the old pointer and be about to search it.
  delayed_release(Ref::steal(Value(old)));
#else
  DictObject* old = *slot;
  *slot = v ? as_dict(v) : nullptr;
  if (old) decref(old);
#endif
  return true;
}

#define OBJ_METHOD(name) Ref name(Value self, const Value* args, size_t nargs, TupleObject* kw)

OBJ_METHOD(m_new) {
  if (nargs < 1) return raise(&exc_TypeError, "object.__new__(): not enough arguments");
  if (!isinstance(args[0], &type_type))
    return raise_fmt(&exc_TypeError, "object.__new__(X): X is not a type object ({})", type_name(args[0]));
  auto* t = static_cast<TypeObject*>(args[0].obj());
  // A builtin type's instances need their own new (object.__new__(list) would be a list without
  // storage). A class is let through to its builtin base's new below: builtin types without a
  // __new__ of their own in their dict (type) are reached from super().__new__ this way.
  if (!(t->flags & kTypeHeap) && !check_new_is_safe(&object_type, t)) return Ref();
  if (t->flags & kTypeAbstract) return raise_abstract_instantiation(t);
  if (t->flags & kTypeHeap) {
    TypeObject* base = t;
    while (base->flags & kTypeHeap) base = base->base;
    if (base != &object_type) return base->new_(t, args + 1, nargs - 1, kw);
    // CPython's excess_args rule in object_new: extra arguments are an error unless the class
    // overrides __init__ and not __new__ (then its __init__ takes them).
    if (nargs > 1 || (kw != nullptr && kw->size > 0)) {
      if (t->new_ != object_new) {
        return raise(&exc_TypeError,
                     "object.__new__() takes exactly one argument (the type to instantiate)");
      }
      if (t->init == object_init) return raise_fmt(&exc_TypeError, "{}() takes no arguments", t->name);
    }
    return Ref::steal(Value(alloc_instance<InstanceObject>(t)));
  }
  return object_new(t, nullptr, 0, nullptr);
}

OBJ_METHOD(m_cmp_ni) { return not_implemented_ref(); }
OBJ_METHOD(m_getattribute) {
  if (!check_nargs("__getattribute__", nargs, kw, 1, 1)) return Ref();
  if (!is_str(args[0])) return raise(&exc_TypeError, "attribute name must be string");
  Ref name = intern_ref(Ref::new_ref(args[0]));
  return generic_getattr(self, as_str(name.get()));
}
OBJ_METHOD(m_setattr) {
  if (!check_nargs("__setattr__", nargs, kw, 2, 2)) return Ref();
  if (!setattr_hackcheck(self, generic_setattr, "__setattr__")) return Ref();
  if (!is_str(args[0])) return raise(&exc_TypeError, "attribute name must be string");
  Ref name = intern_ref(Ref::new_ref(args[0]));
  if (!generic_setattr(self, as_str(name.get()), args[1])) return Ref();
  return none_ref();
}
OBJ_METHOD(m_delattr) {
  if (!check_nargs("__delattr__", nargs, kw, 1, 1)) return Ref();
  if (!setattr_hackcheck(self, generic_setattr, "__delattr__")) return Ref();
  if (!is_str(args[0])) return raise(&exc_TypeError, "attribute name must be string");
  Ref name = intern_ref(Ref::new_ref(args[0]));
  if (!generic_setattr(self, as_str(name.get()), Value())) return Ref();
  return none_ref();
}
OBJ_METHOD(m_format) {
  if (!check_nargs("__format__", nargs, kw, 1, 1)) return Ref();
  if (!is_str(args[0])) return raise(&exc_TypeError, "format spec must be str");
  if (!as_str(args[0])->data.empty()) {
    return raise_fmt(&exc_TypeError, "unsupported format string passed to {}.__format__", type_name(self));
  }
  return to_str(self);
}
OBJ_METHOD(m_dir) {
  Ref names = dict_new();
  if (DictObject** slot = instance_dict_slot(self); slot && *slot) {
    if (!dict_update(as_dict(names.get()), Value(*slot))) return Ref();
  }
  TypeObject* t = isinstance(self, &type_type) ? static_cast<TypeObject*>(self.obj()) : type_of(self);
  for (TypeObject* m : t->mro) {
    if (m->dict && !dict_update(as_dict(names.get()), Value(m->dict))) return Ref();
  }
  Ref l = list_from_iterable(names.get());
  if (!l) return l;
  return l;
}
OBJ_METHOD(m_init_subclass) { return none_ref(); }

Ref none_repr(Value) { return str_new("None"); }
int none_bool(Value) { return 0; }

/// bool(NotImplemented): True, with CPython 3.9+'s DeprecationWarning (a binary dunder whose
/// NotImplemented is tested for truth is usually a bug).
static int ni_bool(Value) {
  if (!warn(&exc_DeprecationWarning, "NotImplemented should not be used in a boolean context"))
    return -1;
  return 1;
}
/// The singletons' types take no arguments, with CPython's message (none_new, notimplemented_new,
/// ellipsis_new).
static bool singleton_no_args(const char* tname, size_t nargs, TupleObject* kw) {
  if (nargs == 0 && (kw == nullptr || kw->size == 0)) return true;
  raise_fmt(&exc_TypeError, "{} takes no arguments", tname);
  return false;
}
Ref none_new(TypeObject*, const Value*, size_t nargs, TupleObject* kw) {
  if (!singleton_no_args("NoneType", nargs, kw)) return Ref();
  return none_ref();
}
// type(NotImplemented)() and type(...)() give the singletons back, as NoneType() does.
static Ref ni_new(TypeObject*, const Value*, size_t nargs, TupleObject* kw) {
  if (!singleton_no_args("NotImplementedType", nargs, kw)) return Ref();
  return not_implemented_ref();
}
static Ref ellipsis_new(TypeObject*, const Value*, size_t nargs, TupleObject* kw) {
  if (!singleton_no_args("EllipsisType", nargs, kw)) return Ref();
  return Ref::new_ref(Ellipsis());
}
// CPython 3.11 hashes None by its address, so where None lands in a set depends on the build.
// minipy keeps the address but fixes its low 7 bits to those of Debian's python3.11
// (id(None) % 128 == 64): sets holding None then print in CPython's order whatever our layout.
bool none_hash(Value self, int64_t* out) {
  uintptr_t a = reinterpret_cast<uintptr_t>(self.obj());
  *out = hash_pointer(reinterpret_cast<const void*>((a & ~uintptr_t{127}) | 64));
  return true;
}
Ref ni_repr(Value) { return str_new("NotImplemented"); }
Ref ellipsis_repr(Value) { return str_new("Ellipsis"); }
// __reduce__: the name of the builtin, so that pickle saves the singleton as a global (CPython's
// ellipsis_reduce / notimplemented_reduce).
Ref ni_reduce(Value, const Value*, size_t nargs, TupleObject* kw) {
  if (!check_nargs("__reduce__", nargs, kw, 0, 0)) return Ref();
  return str_new("NotImplemented");
}
Ref ellipsis_reduce(Value, const Value*, size_t nargs, TupleObject* kw) {
  if (!check_nargs("__reduce__", nargs, kw, 0, 0)) return Ref();
  return str_new("Ellipsis");
}

}  // namespace

void type_type_init();

void object_type_init() {
  object_type.name = "object";
  object_type.text_signature = "()";
  object_type.flags = kTypeBaseType;
  object_type.basic_size = sizeof(Object);
  object_type.subclass_dict_offset = offsetof(InstanceObject, dict);
  object_type.dealloc = object_dealloc;
  object_type.repr = object_repr;
  object_type.str = object_str;
  object_type.hash = object_hash;
  object_type.richcompare = object_richcompare;
  object_type.getattr = generic_getattr;
  object_type.setattr = generic_setattr;
  object_type.new_ = object_new;
  object_type.init = object_init;
  type_ready(&object_type, nullptr);
  type_type_init();
  add_getset(&object_type, "__class__", object_get_class, object_set_class);
  // __init__, __repr__, __str__, __hash__ and the comparisons are slot wrappers of object's own
  // slots (types.WrapperDescriptorType / MethodWrapperType are their types, as in CPython).
  // As CPython's tp_new_wrapper: a builtin bound to object, stored as is (object.__new__ is
  // object.__new__; inspect.signature relies on it).
  Ref new_fn = native_function_new("__new__", m_new, Value(&object_type), "object.__new__");
  dict_set_str(object_type.dict, intern("__new__"), new_fn.get());
  add_method(&object_type, "__getattribute__", m_getattribute);
  add_method(&object_type, "__setattr__", m_setattr);
  add_method(&object_type, "__delattr__", m_delattr);
  add_method(&object_type, "__format__", m_format);
  add_method(&object_type, "__dir__", m_dir);
  add_method(&object_type, "__init_subclass__", m_init_subclass, kNativeClassMethod);
  // object.__subclasshook__(subclass): NotImplemented, so ABCMeta falls back to the usual check.
  add_method(&object_type, "__subclasshook__", m_cmp_ni, kNativeClassMethod);
  // __reduce_ex__, __reduce__ and __getstate__ come from vm/object_reduce.cpp (they import copyreg).

  none_type.name = "NoneType";
  none_type.repr = none_repr;
  none_type.nb_bool = none_bool;
  none_type.hash = none_hash;
  none_type.new_ = none_new;
  type_ready(&none_type, &object_type);
  none_object.type = &none_type;
  make_immortal(&none_object);
  not_implemented_type.name = "NotImplementedType";
  not_implemented_type.repr = ni_repr;
  not_implemented_type.nb_bool = ni_bool;
  not_implemented_type.new_ = ni_new;
  type_ready(&not_implemented_type, &object_type);
  add_method(&not_implemented_type, "__reduce__", ni_reduce);
  not_implemented_object.type = &not_implemented_type;
  make_immortal(&not_implemented_object);
  ellipsis_type.name = "ellipsis";
  ellipsis_type.repr = ellipsis_repr;
  ellipsis_type.new_ = ellipsis_new;
  type_ready(&ellipsis_type, &object_type);
  add_method(&ellipsis_type, "__reduce__", ellipsis_reduce);
  ellipsis_object.type = &ellipsis_type;
  make_immortal(&ellipsis_object);
}

void add_dict_descriptor(TypeObject* t) {
  if (t->dict_offset == 0) return;
  StrObject* name = intern("__dict__");
  for (TypeObject* m : t->mro) {
    if (m->dict != nullptr && dict_get_str(m->dict, name)) return;
  }
  add_getset(t, "__dict__", object_get_dict, object_set_dict);
}

}  // namespace minipy::rt
