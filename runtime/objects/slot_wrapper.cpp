// Slot wrappers: the dunder methods of builtin types (`int.__add__`, `dict.__init__`,
// `list.__getitem__`), each a descriptor in the type's dict that calls the owner type's C++ slot
// (CPython's wrapper_descriptor / add_operators). They make `super().__init__(...)` in a dict
// subclass, `(12).__add__(3)` and `BaseException.__init__(self, msg)` reach the builtin code.
// User classes never get them: their slots forward to dunders found on the MRO (type_slots.cpp),
// and a wrapper found there calls its owner's slot directly, so there is no forwarding loop.
#include <array>
#include <string>
#include <vector>

#include "runtime/errors.h"
#include "runtime/hash.h"
#include "runtime/objects/dict.h"
#include "runtime/objects/int.h"
#include "runtime/objects/iter_reduce.h"
#include "runtime/objects/misc.h"
#include "runtime/objects/native.h"
#include "runtime/objects/singletons.h"
#include "runtime/objects/str.h"
#include "runtime/objects/tuple.h"
#include "runtime/ops.h"
#include "runtime/type.h"

namespace minipy::rt {

namespace {

enum class Kind : uint8_t {
  Repr, Str, Hash, Cmp, Call, Iter, Next, Get, Set, Delete, Init, Binary, RBinary, Inplace,
  Neg, Pos, Invert, Abs, Bool, Int, Float, Index, Len, GetItem, SetItem, DelItem, Contains,
};

struct SlotWrapperObject : Object {
  const char* name;
  TypeObject* owner;
  Kind kind;
  uint8_t op;  // CmpOp or NumOp
};

TypeObject slot_wrapper_type;
bool g_installed = false;            // after slot_wrappers_init(), type_ready adds them at once
std::vector<TypeObject*> g_pending;  // builtin types readied before that

constexpr std::array<const char*, 6> kCmpNames = {"__lt__", "__le__", "__eq__", "__ne__", "__gt__", "__ge__"};
struct NumNames {
  const char* op;
  const char* rop;
  const char* iop;
};
constexpr std::array<NumNames, static_cast<int>(NumOp::kCount)> kNumNames = {{
    {"__add__", "__radd__", "__iadd__"},
    {"__sub__", "__rsub__", "__isub__"},
    {"__mul__", "__rmul__", "__imul__"},
    {"__matmul__", "__rmatmul__", "__imatmul__"},
    {"__truediv__", "__rtruediv__", "__itruediv__"},
    {"__floordiv__", "__rfloordiv__", "__ifloordiv__"},
    {"__mod__", "__rmod__", "__imod__"},
    {"__pow__", "__rpow__", "__ipow__"},
    {"__lshift__", "__rlshift__", "__ilshift__"},
    {"__rshift__", "__rrshift__", "__irshift__"},
    {"__and__", "__rand__", "__iand__"},
    {"__or__", "__ror__", "__ior__"},
    {"__xor__", "__rxor__", "__ixor__"},
}};

bool want_args(const SlotWrapperObject* w, size_t nargs, TupleObject* kwnames, size_t min, size_t max) {
  if (kwnames != nullptr && kwnames->size > 0) {
    raise_fmt(&exc_TypeError, "{}() takes no keyword arguments", w->name);
    return false;
  }
  if (nargs < min || nargs > max) {
    if (min == max) {
      raise_fmt(&exc_TypeError, "expected {} argument{}, got {}", min, min == 1 ? "" : "s", nargs);
    } else {
      raise_fmt(&exc_TypeError, "expected at most {} arguments, got {}", max, nargs);
    }
    return false;
  }
  return true;
}

// A hash is any int64 (outside the small-int range too): int_from_int64, not Ref::small.
Ref int_result(bool ok, int64_t v) { return ok ? int_from_int64(v) : Ref(); }

// Calls w's slot with `self` and the remaining arguments (already type-checked).
Ref call_slot(const SlotWrapperObject* w, Value self, const Value* a, size_t n, TupleObject* kw) {
  TypeObject* t = w->owner;
  switch (w->kind) {
    case Kind::Init:
      return t->init(self, a, n, kw) ? none_ref() : Ref();
    case Kind::Call:
      return t->call(self, a, n, kw);
    default:
      break;
  }
  size_t nkw = kw ? kw->size : 0;
  (void)nkw;
  switch (w->kind) {
    case Kind::Repr: return want_args(w, n, kw, 0, 0) ? t->repr(self) : Ref();
    case Kind::Str: return want_args(w, n, kw, 0, 0) ? t->str(self) : Ref();
    case Kind::Iter: return want_args(w, n, kw, 0, 0) ? t->iter(self) : Ref();
    case Kind::Neg: return want_args(w, n, kw, 0, 0) ? t->nb_neg(self) : Ref();
    case Kind::Pos: return want_args(w, n, kw, 0, 0) ? t->nb_pos(self) : Ref();
    case Kind::Invert: return want_args(w, n, kw, 0, 0) ? t->nb_invert(self) : Ref();
    case Kind::Abs: return want_args(w, n, kw, 0, 0) ? t->nb_abs(self) : Ref();
    case Kind::Int: return want_args(w, n, kw, 0, 0) ? t->nb_int(self) : Ref();
    case Kind::Float: return want_args(w, n, kw, 0, 0) ? t->nb_float(self) : Ref();
    case Kind::Index: return want_args(w, n, kw, 0, 0) ? t->nb_index(self) : Ref();
    case Kind::Hash: {
      if (!want_args(w, n, kw, 0, 0)) return Ref();
      int64_t h = 0;
      bool ok = t->hash(self, &h);  // before reading h: argument order is unspecified
      return int_result(ok, h);
    }
    case Kind::Len: {
      if (!want_args(w, n, kw, 0, 0)) return Ref();
      int64_t len = 0;
      bool ok = t->len(self, &len);
      return int_result(ok, len);
    }
    case Kind::Bool: {
      if (!want_args(w, n, kw, 0, 0)) return Ref();
      int r = t->nb_bool(self);
      return r < 0 ? Ref() : bool_ref(r != 0);
    }
    case Kind::Next: {
      if (!want_args(w, n, kw, 0, 0)) return Ref();
      Ref r = t->iternext(self);
      if (!r && !error_pending()) return raise(&exc_StopIteration, "");
      return r;
    }
    case Kind::Cmp:
      return want_args(w, n, kw, 1, 1) ? t->richcompare(self, a[0], static_cast<CmpOp>(w->op)) : Ref();
    case Kind::Binary:
      // __pow__ also takes an optional modulus; only the two-argument form is a slot here.
      if (!want_args(w, n, kw, 1, static_cast<NumOp>(w->op) == NumOp::Pow ? 2 : 1)) return Ref();
      if (n == 2 && !is_none(a[1])) return not_implemented_ref();
      return t->nb[w->op](self, a[0]);
    case Kind::RBinary:
      if (!want_args(w, n, kw, 1, static_cast<NumOp>(w->op) == NumOp::Pow ? 2 : 1)) return Ref();
      if (n == 2 && !is_none(a[1])) return not_implemented_ref();
      return t->nb[w->op](a[0], self);
    case Kind::Inplace:
      return want_args(w, n, kw, 1, 1) ? t->nb_inplace[w->op](self, a[0]) : Ref();
    case Kind::GetItem:
      return want_args(w, n, kw, 1, 1) ? t->getitem(self, a[0]) : Ref();
    case Kind::SetItem:
      if (!want_args(w, n, kw, 2, 2)) return Ref();
      return t->setitem(self, a[0], a[1]) ? none_ref() : Ref();
    case Kind::DelItem:
      if (!want_args(w, n, kw, 1, 1)) return Ref();
      return t->setitem(self, a[0], Value()) ? none_ref() : Ref();
    case Kind::Contains: {
      if (!want_args(w, n, kw, 1, 1)) return Ref();
      int r = t->contains(self, a[0]);
      return r < 0 ? Ref() : bool_ref(r != 0);
    }
    case Kind::Get: {
      if (!want_args(w, n, kw, 1, 2)) return Ref();
      Value obj = is_none(a[0]) ? Value() : a[0];
      Value type = (n > 1 && !is_none(a[1])) ? a[1] : Value();
      if (!obj && !type) return raise(&exc_TypeError, "__get__(None, None) is invalid");
      return t->descr_get(self, obj, type);
    }
    case Kind::Set:
      if (!want_args(w, n, kw, 2, 2)) return Ref();
      return t->descr_set(self, a[0], a[1]) ? none_ref() : Ref();
    case Kind::Delete:
      if (!want_args(w, n, kw, 1, 1)) return Ref();
      return t->descr_set(self, a[0], Value()) ? none_ref() : Ref();
    default:
      return raise(&exc_SystemError, "bad slot wrapper");
  }
}

// Called unbound (`int.__add__(1, 2)`) or by call_special with self prepended.
Ref wrapper_call(Value callable, const Value* args, size_t nargs, TupleObject* kwnames) {
  auto* w = static_cast<SlotWrapperObject*>(callable.obj());
  if (nargs < 1) {
    return raise_fmt(&exc_TypeError, "descriptor '{}' of '{}' object needs an argument", w->name, w->owner->name);
  }
  if (!isinstance(args[0], w->owner)) {
    return raise_fmt(&exc_TypeError, "descriptor '{}' requires a '{}' object but received a '{}'", w->name,
                     w->owner->name, type_name(args[0]));
  }
  return call_slot(w, args[0], args + 1, nargs - 1, kwnames);
}

/// A slot wrapper bound to an instance (CPython's method-wrapper: `object().__str__`,
/// `(42).__lt__`): calling it calls the owner's slot on `self`.
struct MethodWrapperObject : Object {
  Ref descr;  // the SlotWrapperObject
  Ref self;
};

TypeObject method_wrapper_type;

SlotWrapperObject* descr_of(Value mw) {
  return static_cast<SlotWrapperObject*>(
      static_cast<MethodWrapperObject*>(mw.obj())->descr.get().obj());
}
Value self_of(Value mw) { return static_cast<MethodWrapperObject*>(mw.obj())->self.get(); }

Ref wrapper_get(Value descr, Value obj, Value) {
  if (!obj) return Ref::new_ref(descr);
  auto* w = static_cast<SlotWrapperObject*>(descr.obj());
  if (!descr_check(w->owner, w->name, obj)) return Ref();
  auto* mw = alloc_instance<MethodWrapperObject>(&method_wrapper_type);
  mw->descr = Ref::new_ref(descr);
  mw->self = Ref::new_ref(obj);
  return Ref::steal(Value(mw));
}

Ref mw_call(Value callable, const Value* args, size_t nargs, TupleObject* kwnames) {
  return call_slot(descr_of(callable), self_of(callable), args, nargs, kwnames);
}
void mw_dealloc(Object* o) { delete static_cast<MethodWrapperObject*>(o); }
void mw_traverse(Object* o, VisitFn visit, void* arg) {
  auto* mw = static_cast<MethodWrapperObject*>(o);
  visit_value(mw->descr, visit, arg);
  visit_value(mw->self, visit, arg);
}
Ref mw_repr(Value v) {
  Value self = self_of(v);
  return str_new(fmt::format("<method-wrapper '{}' of {} object at {:#x}>", descr_of(v)->name,
                             type_name(self), self.bits()));
}
// Equal when they wrap the same slot of the same object (identity, as CPython's
// wrapper_richcompare).
Ref mw_richcompare(Value a, Value b, CmpOp op) {
  if ((op != CmpOp::Eq && op != CmpOp::Ne) || type_of(b) != &method_wrapper_type)
    return not_implemented_ref();
  bool eq = descr_of(a) == descr_of(b) && self_of(a) == self_of(b);
  return bool_ref(op == CmpOp::Eq ? eq : !eq);
}
// Identity-based like CPython's wrapper_hash: an unhashable self still hashes.
bool mw_hash(Value v, int64_t* out) {
  Value self = self_of(v);
  const void* p = self.is_object() ? static_cast<const void*>(self.obj())
                                   : reinterpret_cast<const void*>(self.bits());
  *out = hash_pointer(p) ^ hash_pointer(descr_of(v));
  if (*out == -1) *out = -2;
  return true;
}
Ref mw_get_self(Value v) { return Ref::new_ref(self_of(v)); }
Ref mw_get_name(Value v) { return str_new(descr_of(v)->name); }
Ref mw_get_qualname(Value v) { return str_new(descr_of(v)->owner->name + "." + descr_of(v)->name); }
Ref mw_get_objclass(Value v) { return Ref::new_ref(Value(descr_of(v)->owner)); }

/// The signature CPython's slotdefs give each kind of slot (without the `$self, ` in front).
const char* text_signature_tail(const SlotWrapperObject* w) {
  switch (w->kind) {
    case Kind::Init:
    case Kind::Call:
      return "/, *args, **kwargs";
    case Kind::Cmp:
    case Kind::Binary:
    case Kind::RBinary:
    case Kind::Inplace:
      if (static_cast<NumOp>(w->op) == NumOp::Pow && w->kind != Kind::Inplace &&
          w->kind != Kind::Cmp) {
        return "value, mod=None, /";
      }
      return "value, /";
    case Kind::Get:
      return "instance, owner=None, /";
    case Kind::Set:
      return "instance, value, /";
    case Kind::Delete:
      return "instance, /";
    case Kind::GetItem:
    case Kind::DelItem:
    case Kind::Contains:
      return "key, /";
    case Kind::SetItem:
      return "key, value, /";
    default:
      return "/";
  }
}
Ref wrapper_get_text_signature(Value v) {
  return str_new(
      fmt::format("($self, {})", text_signature_tail(static_cast<SlotWrapperObject*>(v.obj()))));
}
Ref mw_get_text_signature(Value v) {
  return str_new(fmt::format("($self, {})", text_signature_tail(descr_of(v))));
}

Ref wrapper_repr(Value v) {
  auto* w = static_cast<SlotWrapperObject*>(v.obj());
  return str_new(fmt::format("<slot wrapper '{}' of '{}' objects>", w->name, w->owner->name));
}

Ref wrapper_get_name(Value v) { return str_new(static_cast<SlotWrapperObject*>(v.obj())->name); }
Ref wrapper_get_qualname(Value v) {
  auto* w = static_cast<SlotWrapperObject*>(v.obj());
  return str_new(w->owner->name + "." + w->name);
}
Ref wrapper_get_objclass(Value v) { return Ref::new_ref(Value(static_cast<SlotWrapperObject*>(v.obj())->owner)); }

void wrapper_dealloc(Object* o) { delete static_cast<SlotWrapperObject*>(o); }

void add_one(TypeObject* t, const char* name, Kind kind, int op = 0) {
  StrObject* key = intern(name);
  if (dict_get_str(t->dict, key)) return;  // an explicit method (or a __hash__ = None) wins
  auto* w = alloc_instance<SlotWrapperObject>(&slot_wrapper_type);
  w->name = name;
  w->owner = t;
  w->kind = kind;
  w->op = static_cast<uint8_t>(op);
  dict_set_str(t->dict, key, Value(w));
  decref(w);
}

/// int.__new__(cls, ...) (CPython's tp_new_wrapper): a builtin bound to its type that checks
/// `cls` and calls the owner's own new slot, so super().__new__(cls) in a subclass reaches it.
Ref tp_new_wrapper(Value self, const Value* args, size_t nargs, TupleObject* kw) {
  auto* type = static_cast<TypeObject*>(self.obj());
  if (nargs < 1) return raise_fmt(&exc_TypeError, "{}.__new__(): not enough arguments", type->name);
  Value sub = args[0];
  if (!isinstance(sub, &type_type)) {
    return raise_fmt(&exc_TypeError, "{}.__new__(X): X is not a type object ({})", type->name, type_name(sub));
  }
  auto* st = static_cast<TypeObject*>(sub.obj());
  if (!is_subtype(st, type)) {
    return raise_fmt(&exc_TypeError, "{}.__new__({}): {} is not a subtype of {}", type->name, st->name, st->name,
                     type->name);
  }
  if (!check_new_is_safe(type, st)) return Ref();
  return type->new_(st, args + 1, nargs - 1, kw);
}

void add_new_wrapper(TypeObject* t) {
  StrObject* key = intern("__new__");
  if (dict_get_str(t->dict, key)) return;
  Ref f = native_function_new("__new__", tp_new_wrapper, Value(t), t->name + ".__new__");
  dict_set_str(t->dict, key, f.get());
}

// Adds a wrapper for each slot `t` defines itself (not inherited unchanged from its base).
void add_wrappers(TypeObject* t) {
  const TypeObject* b = t->base;
#define OWN(slot) (t->slot != nullptr && (b == nullptr || t->slot != b->slot))
  if (OWN(repr)) add_one(t, "__repr__", Kind::Repr);
  if (OWN(str)) add_one(t, "__str__", Kind::Str);
  if (OWN(hash)) add_one(t, "__hash__", Kind::Hash);
  if (OWN(richcompare)) {
    for (int i = 0; i < 6; i++) add_one(t, kCmpNames[i], Kind::Cmp, i);
  }
  if (OWN(call)) add_one(t, "__call__", Kind::Call);
  if (OWN(iter)) add_one(t, "__iter__", Kind::Iter);
  if (OWN(iternext)) add_one(t, "__next__", Kind::Next);
  if (OWN(descr_get)) add_one(t, "__get__", Kind::Get);
  if (OWN(descr_set)) {
    add_one(t, "__set__", Kind::Set);
    add_one(t, "__delete__", Kind::Delete);
  }
  if (OWN(init)) add_one(t, "__init__", Kind::Init);
  // A sequence's + is concatenation (CPython's sq_concat): __add__ without a __radd__. minipy
  // keeps concatenation in nb[Add]; a type with a length and + but no - is such a sequence.
  bool concat = t->len != nullptr && t->nb[static_cast<int>(NumOp::Sub)] == nullptr;
  for (int i = 0; i < static_cast<int>(NumOp::kCount); i++) {
    if (OWN(nb[i])) {
      add_one(t, kNumNames[i].op, Kind::Binary, i);
      if (!(concat && i == static_cast<int>(NumOp::Add))) add_one(t, kNumNames[i].rop, Kind::RBinary, i);
    }
    if (OWN(nb_inplace[i])) add_one(t, kNumNames[i].iop, Kind::Inplace, i);
  }
  if (OWN(nb_neg)) add_one(t, "__neg__", Kind::Neg);
  if (OWN(nb_pos)) add_one(t, "__pos__", Kind::Pos);
  if (OWN(nb_invert)) add_one(t, "__invert__", Kind::Invert);
  if (OWN(nb_abs)) add_one(t, "__abs__", Kind::Abs);
  if (OWN(nb_bool)) add_one(t, "__bool__", Kind::Bool);
  if (OWN(nb_int)) add_one(t, "__int__", Kind::Int);
  if (OWN(nb_float)) add_one(t, "__float__", Kind::Float);
  if (OWN(nb_index)) add_one(t, "__index__", Kind::Index);
  if (OWN(len)) add_one(t, "__len__", Kind::Len);
  if (OWN(getitem)) add_one(t, "__getitem__", Kind::GetItem);
  if (OWN(setitem)) {
    add_one(t, "__setitem__", Kind::SetItem);
    add_one(t, "__delitem__", Kind::DelItem);
  }
  if (OWN(contains)) add_one(t, "__contains__", Kind::Contains);
  // type's own __new__ stays object's path (metaclass creation goes through it today).
  if (OWN(new_) && t != &type_type) add_new_wrapper(t);
#undef OWN
}

}  // namespace

void slot_wrappers_note_type(TypeObject* t) {
  if (t == &slot_wrapper_type) return;
  if (g_installed) {
    add_wrappers(t);
  } else {
    g_pending.push_back(t);
  }
}

namespace {

/// wrapper_descriptor.__reduce__ (getattr(owning class, name)) and method-wrapper.__reduce__
/// (getattr(receiver, name)), as CPython's.
Ref wrapper_reduce(Value self, NativeArgs&) {
  auto* w = static_cast<SlotWrapperObject*>(self.obj());
  return reduce_getattr(Value(w->owner), w->name);
}
Ref mw_reduce(Value self, NativeArgs&) {
  auto* m = static_cast<MethodWrapperObject*>(self.obj());
  return reduce_getattr(m->self.get(), descr_of(self)->name);
}
const NativeDef kWrapperReduce[] = {{"__reduce__($self, /)", wrapper_reduce}};
const NativeDef kMethodWrapperReduce[] = {{"__reduce__($self, /)", mw_reduce}};

}  // namespace

void slot_wrappers_init() {
  slot_wrapper_type.name = "wrapper_descriptor";
  slot_wrapper_type.flags = kTypeMethodLike;
  slot_wrapper_type.basic_size = sizeof(SlotWrapperObject);
  slot_wrapper_type.dealloc = wrapper_dealloc;
  slot_wrapper_type.call = wrapper_call;
  slot_wrapper_type.descr_get = wrapper_get;
  slot_wrapper_type.repr = wrapper_repr;
  type_ready(&slot_wrapper_type, &object_type);
  add_getset(&slot_wrapper_type, "__name__", wrapper_get_name);
  add_getset(&slot_wrapper_type, "__qualname__", wrapper_get_qualname);
  add_getset(&slot_wrapper_type, "__objclass__", wrapper_get_objclass);
  add_getset(&slot_wrapper_type, "__text_signature__", wrapper_get_text_signature);
  add_methods(&slot_wrapper_type, kWrapperReduce);

  method_wrapper_type.name = "method-wrapper";
  method_wrapper_type.basic_size = sizeof(MethodWrapperObject);
  method_wrapper_type.dealloc = mw_dealloc;
  method_wrapper_type.traverse = mw_traverse;
  method_wrapper_type.call = mw_call;
  method_wrapper_type.repr = mw_repr;
  method_wrapper_type.richcompare = mw_richcompare;
  method_wrapper_type.hash = mw_hash;
  type_ready(&method_wrapper_type, &object_type);
  add_getset(&method_wrapper_type, "__self__", mw_get_self);
  add_getset(&method_wrapper_type, "__name__", mw_get_name);
  add_getset(&method_wrapper_type, "__qualname__", mw_get_qualname);
  add_getset(&method_wrapper_type, "__objclass__", mw_get_objclass);
  add_getset(&method_wrapper_type, "__text_signature__", mw_get_text_signature);
  add_methods(&method_wrapper_type, kMethodWrapperReduce);
  // Methods added by add_method after type_ready are in the dicts by now and take precedence.
  g_installed = true;
  for (TypeObject* t : g_pending) add_wrappers(t);
  g_pending.clear();
  add_wrappers(&slot_wrapper_type);  // object.__init__.__get__ is a method-wrapper too
}

}  // namespace minipy::rt
