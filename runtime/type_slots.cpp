// Slots of user classes: each forwards to the dunder method found on the class's MRO, so the
// VM and native code see one slot interface for builtin and user types alike (CPython's
// typeobject.c slot_* functions). type_fixup_slots() installs a forwarding slot wherever a
// heap class on the MRO defines the dunder.
#include <array>
#include <cstring>

#include "runtime/errors.h"
#include "runtime/names.h"
#include "runtime/objects/dict.h"
#include "runtime/objects/int.h"
#include "runtime/objects/native.h"
#include "runtime/objects/singletons.h"
#include "runtime/objects/str.h"
#include "runtime/objects/tuple.h"
#include "runtime/ops.h"
#include "runtime/type.h"

namespace minipy::rt {

namespace {

Ref call_dunder(Value self, StrObject* name, const Value* args, size_t nargs) {
  bool found = false;
  Ref r = call_special(self, name, args, nargs, &found);
  if (!found && !error_pending()) return raise_attribute_error(self, name);
  return r;
}

Ref slot_repr(Value self) { return call_dunder(self, names::repr, nullptr, 0); }
Ref slot_str(Value self) { return call_dunder(self, names::str, nullptr, 0); }

bool slot_hash(Value self, int64_t* out) {
  Ref r = call_dunder(self, names::hash, nullptr, 0);
  if (!r) return false;
  if (!is_int(r.get())) {
    raise(&exc_TypeError, "__hash__ method should return an integer");
    return false;
  }
  // As CPython's slot_tp_hash: a result that fits a hash value is used as it is; only a larger
  // one is hashed again.
  if (r.get().is_small()) {
    *out = r.get().small();
  } else if (!int_to_int64(r.get(), out)) {
    clear_exception();
    *out = int_hash(r.get());
  }
  if (*out == -1) *out = -2;
  return true;
}

constexpr std::array<StrObject** const, 6> kCmpNames = {&names::lt, &names::le, &names::eq,
                                                        &names::ne, &names::gt, &names::ge};

Ref slot_richcompare(Value a, Value b, CmpOp op) {
  bool found = false;
  Value arg = b;
  Ref r = call_special(a, *kCmpNames[static_cast<int>(op)], &arg, 1, &found);
  if (found || error_pending()) return r;
  // `!=` defaults to the inverse of `==` (object.__ne__).
  if (op == CmpOp::Ne) {
    Ref eq = call_special(a, names::eq, &arg, 1, &found);
    if (!found) {
      if (error_pending()) return Ref();
      return not_implemented_ref();
    }
    if (!eq || eq.get() == NotImplemented()) return eq;
    int t = truthy(eq.get());
    if (t < 0) return Ref();
    return bool_ref(!t);
  }
  if (op == CmpOp::Eq) return (a == b) ? bool_ref(true) : not_implemented_ref();
  return not_implemented_ref();
}

static Ref getattr_hook_lookup(Value self, StrObject* name);

// CPython's set_attribute_error_context: an AttributeError out of a Python-level lookup (a
// __getattr__ raising a bare AttributeError()) learns the name and the object, for "Did you
// mean" suggestions, unless it has either already. Only here, on the failure of classes with
// such hooks: the generic lookup's own errors carry them already (raise_attribute_error).
Ref slot_getattr_hook(Value self, StrObject* name) {
  Ref r = getattr_hook_lookup(self, name);
  if (!r) {
    Value e = pending_exception();
    if (e && isinstance(e, &exc_AttributeError) && !exc_field(e, "name") && !exc_field(e, "obj")) {
      exc_set_field(e, "name", Value(name));
      exc_set_field(e, "obj", self);
    }
  }
  return r;
}

static Ref getattr_hook_lookup(Value self, StrObject* name) {
  // A user __getattribute__ replaces the generic lookup entirely.
  TypeObject* t = type_of(self);
  // Only a __getattribute__ written in Python (defined by a heap class) replaces the lookup; an
  // inherited builtin one (object's, type's wrapper) means the base slot's lookup.
  TypeObject* owner = nullptr;
  for (TypeObject* b : t->mro) {
    if (b->dict && dict_get_str(b->dict, names::getattribute)) {
      owner = b;
      break;
    }
  }
  Value ga = owner ? type_lookup(t, names::getattribute) : Value();
  Ref r;
  // Any object may be that __getattribute__: a descriptor is bound first, as CPython's
  // call_attribute (a plain function is the usual case).
  if (ga && (owner->flags & kTypeHeap)) {
    Value nm(name);
    bool found;
    r = call_special(self, names::getattribute, &nm, 1, &found);
  } else {
    // The lookup __getattr__ falls back from is the base's own: a metaclass's instances are
    // classes, looked up through their MRO (type's slot), not as plain instances.
    GetAttrFn base = nullptr;
    for (TypeObject* b : t->mro) {
      if (b->getattr && b->getattr != slot_getattr_hook) {
        base = b->getattr;
        break;
      }
    }
    if (base && base != generic_getattr) {
      r = base(self, name);
    } else {
      r = generic_getattr_noerror(self, name);
      if (!r && !error_pending()) {
        if (!type_lookup(t, names::getattr)) return raise_attribute_error(self, name);
      }
    }
  }
  if (r || (!exception_matches(&exc_AttributeError) && error_pending())) return r;
  if (!type_lookup(t, names::getattr)) return r;
  clear_exception();
  Value nm(name);
  bool found;
  return call_special(self, names::getattr, &nm, 1, &found);
}

bool slot_setattr(Value self, StrObject* name, Value v) {
  bool found = false;
  Ref r;
  if (v) {
    Value args[2] = {Value(name), v};
    r = call_special(self, names::setattr, args, 2, &found);
  } else {
    Value nm(name);
    r = call_special(self, names::delattr, &nm, 1, &found);
  }
  if (!found && !error_pending()) {
    // No Python-level hook after all: the base's own slot (type's for a metaclass).
    TypeObject* t = type_of(self);
    for (TypeObject* b : t->mro) {
      if (b->setattr && b->setattr != slot_setattr) return b->setattr(self, name, v);
    }
    return generic_setattr(self, name, v);
  }
  return static_cast<bool>(r);
}

Ref slot_call(Value self, const Value* args, size_t nargs, TupleObject* kwnames) {
  Value f = type_lookup(type_of(self), names::call);
  if (!f) return raise_fmt(&exc_TypeError, "'{}' object is not callable", type_name(self));
  if (type_of(f)->flags & kTypeMethodLike) return call_with_self(f, self, args, nargs, kwnames);
  Ref bound = getattr(self, names::call);
  if (!bound) return bound;
  return call(bound.get(), args, nargs, kwnames);
}

Ref slot_iter(Value self) { return call_dunder(self, names::iter, nullptr, 0); }

Ref slot_iternext(Value self) {
  Ref r = call_dunder(self, names::next, nullptr, 0);
  if (!r && exception_matches(&exc_StopIteration)) {
    clear_exception();
  }
  return r;
}

Ref slot_descr_get(Value descr, Value obj, Value type) {
  Value args[2] = {obj ? obj : None(), type ? type : None()};
  return call_dunder(descr, names::get, args, 2);
}

bool slot_descr_set(Value descr, Value obj, Value v) {
  bool found = false;
  Ref r;
  if (v) {
    Value args[2] = {obj, v};
    r = call_special(descr, names::set, args, 2, &found);
  } else {
    r = call_special(descr, names::delete_, &obj, 1, &found);
  }
  if (!found && !error_pending()) {
    raise(&exc_AttributeError, v ? "__set__" : "__delete__");
    return false;
  }
  return static_cast<bool>(r);
}

Ref slot_new(TypeObject* type, const Value* args, size_t nargs, TupleObject* kwnames) {
  Value f = type_lookup(type, names::new_);
  if (!f) return raise(&exc_TypeError, "no __new__");
  Ref fn = getattr(Value(type), names::new_);  // staticmethod unwraps to the function
  if (!fn) return fn;
  return call_with_self(fn.get(), Value(type), args, nargs, kwnames);
}

bool slot_init(Value self, const Value* args, size_t nargs, TupleObject* kwnames) {
  Value f = type_lookup(type_of(self), names::init);
  if (!f) return true;
  Ref r;
  if (type_of(f)->flags & kTypeMethodLike) {
    r = call_with_self(f, self, args, nargs, kwnames);
  } else {
    Ref bound = getattr(self, names::init);
    if (!bound) return false;
    r = call(bound.get(), args, nargs, kwnames);
  }
  if (!r) return false;
  if (!is_none(r.get())) {
    raise_fmt(&exc_TypeError, "__init__() should return None, not '{}'", type_name(r.get()));
    return false;
  }
  return true;
}

struct BinNames {
  StrObject** fwd;
  StrObject** rev;
  StrObject** inplace;
};
const std::array<BinNames, static_cast<int>(NumOp::kCount)> kBinNames = {{
    {&names::add, &names::radd, &names::iadd},
    {&names::sub, &names::rsub, &names::isub},
    {&names::mul, &names::rmul, &names::imul},
    {&names::matmul, &names::rmatmul, &names::imatmul},
    {&names::truediv, &names::rtruediv, &names::itruediv},
    {&names::floordiv, &names::rfloordiv, &names::ifloordiv},
    {&names::mod, &names::rmod, &names::imod},
    {&names::pow, &names::rpow, &names::ipow},
    {&names::lshift, &names::rlshift, &names::ilshift},
    {&names::rshift, &names::rrshift, &names::irshift},
    {&names::and_, &names::rand_, &names::iand},
    {&names::or_, &names::ror_, &names::ior},
    {&names::xor_, &names::rxor_, &names::ixor},
}};

template <int kOp>
Ref slot_binary(Value a, Value b) {
  const BinNames& n = kBinNames[kOp];
  bool found = false;
  TypeObject* ta = type_of(a);
  TypeObject* tb = type_of(b);
  bool do_other = ta != tb && tb->nb[kOp] == &slot_binary<kOp>;
  if (ta->nb[kOp] == &slot_binary<kOp>) {
    // CPython's SLOT1BINFULL: a subclass on the right that overrides the reflected method goes first.
    if (do_other && is_subtype(tb, ta) && type_lookup(tb, *n.rev) != type_lookup(ta, *n.rev)) {
      Ref r = call_special(b, *n.rev, &a, 1, &found);
      if (!r && error_pending()) return r;
      if (found && r.get() != NotImplemented()) return r;
      do_other = false;
    }
    Ref r = call_special(a, *n.fwd, &b, 1, &found);
    if (!r && error_pending()) return r;
    if (found && r.get() != NotImplemented()) return r;
  }
  if (do_other) {
    Ref r = call_special(b, *n.rev, &a, 1, &found);
    if (!r && error_pending()) return r;
    if (found) return r;
  }
  return not_implemented_ref();
}

template <int kOp>
Ref slot_inplace(Value a, Value b) {
  bool found = false;
  Ref r = call_special(a, *kBinNames[kOp].inplace, &b, 1, &found);
  if (!found && !error_pending()) return not_implemented_ref();
  return r;
}

template <int... I>
constexpr std::array<BinaryFn, sizeof...(I)> make_binary_slots(std::integer_sequence<int, I...>) {
  return {&slot_binary<I>...};
}
template <int... I>
constexpr std::array<BinaryFn, sizeof...(I)> make_inplace_slots(std::integer_sequence<int, I...>) {
  return {&slot_inplace<I>...};
}
const auto kBinarySlots = make_binary_slots(std::make_integer_sequence<int, static_cast<int>(NumOp::kCount)>());
const auto kInplaceSlots = make_inplace_slots(std::make_integer_sequence<int, static_cast<int>(NumOp::kCount)>());

Ref slot_neg(Value v) { return call_dunder(v, names::neg, nullptr, 0); }
Ref slot_pos(Value v) { return call_dunder(v, names::pos, nullptr, 0); }
Ref slot_invert(Value v) { return call_dunder(v, names::invert, nullptr, 0); }
Ref slot_abs(Value v) { return call_dunder(v, names::abs, nullptr, 0); }
Ref slot_int(Value v) { return call_dunder(v, names::int_, nullptr, 0); }
Ref slot_float(Value v) { return call_dunder(v, names::float_, nullptr, 0); }
Ref slot_index(Value v) { return call_dunder(v, names::index, nullptr, 0); }

/// __len__'s result as a size, as CPython's slot_sq_length: through __index__, the sign checked
/// before the size (a huge negative length is ValueError, not OverflowError), then
/// PyNumber_AsSsize_t's OverflowError.
static bool len_result(Value r, int64_t* out) {
  Ref n = number_index(r);
  if (!n) return false;
  if (int_sign(n.get()) < 0) {
    raise(&exc_ValueError, "__len__() should return >= 0");
    return false;
  }
  return index_size(n.get(), out);
}

int slot_bool(Value v) {
  bool found = false;
  Ref r = call_special(v, names::bool_, nullptr, 0, &found);
  if (!found) {
    if (error_pending()) return -1;
    // Fall back to __len__.
    r = call_special(v, names::len, nullptr, 0, &found);
    if (!found) return error_pending() ? -1 : 1;
    if (!r) return -1;
    int64_t n;  // checked as len() checks it: the class's length slot is its __len__
    if (!len_result(r.get(), &n)) return -1;
    return n != 0;
  }
  if (!r) return -1;
  if (!isinstance(r.get(), &bool_type)) {
    raise_fmt(&exc_TypeError, "__bool__ should return bool, returned {}", type_name(r.get()));
    return -1;
  }
  return r.get() == True();
}

bool slot_len(Value v, int64_t* out) {
  Ref r = call_dunder(v, names::len, nullptr, 0);
  if (!r) return false;
  return len_result(r.get(), out);
}

Ref slot_getitem(Value v, Value key) { return call_dunder(v, names::getitem, &key, 1); }

bool slot_setitem(Value v, Value key, Value value) {
  Ref r;
  if (value) {
    Value args[2] = {key, value};
    r = call_dunder(v, names::setitem, args, 2);
  } else {
    r = call_dunder(v, names::delitem, &key, 1);
  }
  return static_cast<bool>(r);
}

int slot_contains(Value v, Value item) {
  bool found = false;
  Ref r = call_special(v, names::contains, &item, 1, &found);
  if (!found) {
    if (error_pending()) return -1;
    // Fall back to iteration (like CPython's _PySequence_IterSearch).
    Ref it = get_iter(v);
    if (!it) return -1;
    for (;;) {
      Ref x = iter_next(it.get());
      if (!x) return error_pending() ? -1 : 0;
      int eq = equal(x.get(), item);
      if (eq != 0) return eq;
    }
  }
  if (!r) return -1;
  return truthy(r.get());
}

/// The class on t's MRO whose own dict defines `name`, or null.
TypeObject* definer(TypeObject* t, StrObject* name) {
  for (TypeObject* m : t->mro) {
    if (m->dict && dict_get_str(m->dict, name)) return m;
  }
  return nullptr;
}

// PEP 442 finalizer of user classes: __del__, errors reported as unraisable.
void slot_finalize(Object* o) {
  Value del = type_lookup(o->type, names::del);
  if (!del) return;
  Ref keep = Ref::new_ref(del);
  Ref r = call_with_self(keep.get(), Value(o), nullptr, 0);
  if (!r) write_unraisable(keep.get(), nullptr);
}

bool heap_defines(TypeObject* t, StrObject* name) {
  TypeObject* d = definer(t, name);
  return d != nullptr && (d->flags & kTypeHeap);
}

/// Whether a class's __new__ is a builtin type's own (`__new__ = object.__new__` in a class
/// body): CPython's update_one_slot then keeps the inherited native new instead of dispatching
/// through Python, so that assignment changes nothing.
bool is_builtin_new(TypeObject* t) {
  TypeObject* d = definer(t, names::new_);
  Value v = d != nullptr ? dict_get_str(d->dict, names::new_) : Value();
  if (v && type_of(v) == &method_descr_type) {  // object.__new__, a static method descriptor
    auto* m = static_cast<MethodDescrObject*>(v.obj());
    return std::strcmp(m->name, "__new__") == 0 && (m->flags & kNativeStaticMethod) != 0;
  }
  if (!v || type_of(v) != &native_function_type) return false;
  auto* f = static_cast<NativeFunctionObject*>(v.obj());
  if (std::strcmp(f->name, "__new__") != 0) return false;
  if (f->self && isinstance(f->self.get(), &type_type)) return true;  // T.__new__ of builtin types
  // object.__new__ as read from the class (the static method's function, unbound)
  Value o = dict_get_str(object_type.dict, names::new_);
  return o && type_of(o) == &method_descr_type && f->fn != nullptr &&
         f->fn == static_cast<MethodDescrObject*>(o.obj())->fn;
}

}  // namespace

/// CPython's hackcheck (Carlo Verre's hack): object.__setattr__ / type.__setattr__ (and the
/// __delattr__s) called on an object whose class, or a C-level base between that class and the
/// one defining `func`, has a setattr of its own is refused: object.__setattr__(str, 'x', 1)
/// must not bypass type's checks. Python classes (slot_setattr) are transparent, and so are
/// builtin types whose setattr is no __setattr__ of their own (module's is a fast form of the
/// generic one; _thread._local and weakref proxies expose none, so super().__setattr__ in their
/// subclasses reaches object's).
bool setattr_hackcheck(Value self, SetAttrFn func, const char* what) {
  TypeObject* type = type_of(self);
  TypeObject* defining = type;
  for (auto it = type->mro.rbegin(); it != type->mro.rend(); ++it) {
    if ((*it)->setattr == slot_setattr) continue;
    if ((*it)->setattr == type->setattr) {
      defining = *it;
      break;
    }
  }
  for (TypeObject* b = defining; b != nullptr; b = b->base) {
    if (b->setattr == func) break;
    if (b->setattr != slot_setattr && b->dict != nullptr && dict_get_str(b->dict, names::setattr)) {
      raise_fmt(&exc_TypeError, "can't apply this {} to {} object", what, type_tp_name(type));
      return false;
    }
  }
  return true;
}

bool check_new_is_safe(TypeObject* owner, TypeObject* sub) {
  TypeObject* base = sub;
  while (base != nullptr && base->new_ == slot_new) base = base->base;
  if (base == nullptr || base->new_ == owner->new_) return true;
  raise_fmt(&exc_TypeError, "{}.__new__({}) is not safe, use {}.__new__()",
            type_tp_name(owner), type_tp_name(sub), type_tp_name(base));
  return false;
}

void type_fixup_slots(TypeObject* t) {
  // A class that defines __eq__ without __hash__ becomes unhashable (CPython sets __hash__ = None).
  if (dict_get_str(t->dict, names::eq) && !dict_get_str(t->dict, names::hash)) {
    dict_set_str(t->dict, names::hash, None());
  }
  if (heap_defines(t, names::del)) t->finalize = slot_finalize;
  if (heap_defines(t, names::repr)) t->repr = slot_repr;
  if (heap_defines(t, names::str)) t->str = slot_str;
  if (TypeObject* d = definer(t, names::hash); d && (d->flags & kTypeHeap)) {
    Value h = dict_get_str(d->dict, names::hash);
    t->hash = is_none(h) ? nullptr : slot_hash;
  }
  for (StrObject** n : kCmpNames) {
    if (heap_defines(t, *n)) t->richcompare = slot_richcompare;
  }
  if (heap_defines(t, names::getattr) || heap_defines(t, names::getattribute)) {
    t->getattr = slot_getattr_hook;
  }
  if (heap_defines(t, names::setattr) || heap_defines(t, names::delattr)) t->setattr = slot_setattr;
  if (heap_defines(t, names::call)) t->call = slot_call;
  if (heap_defines(t, names::iter)) t->iter = slot_iter;
  if (heap_defines(t, names::next)) t->iternext = slot_iternext;
  if (heap_defines(t, names::get)) t->descr_get = slot_descr_get;
  if (heap_defines(t, names::set) || heap_defines(t, names::delete_)) t->descr_set = slot_descr_set;
  if (heap_defines(t, names::new_) && !is_builtin_new(t)) t->new_ = slot_new;
  if (heap_defines(t, names::init)) t->init = slot_init;
  for (int i = 0; i < static_cast<int>(NumOp::kCount); i++) {
    if (heap_defines(t, *kBinNames[i].fwd) || heap_defines(t, *kBinNames[i].rev)) t->nb[i] = kBinarySlots[i];
    if (heap_defines(t, *kBinNames[i].inplace)) t->nb_inplace[i] = kInplaceSlots[i];
  }
  if (heap_defines(t, names::neg)) t->nb_neg = slot_neg;
  if (heap_defines(t, names::pos)) t->nb_pos = slot_pos;
  if (heap_defines(t, names::invert)) t->nb_invert = slot_invert;
  if (heap_defines(t, names::abs)) t->nb_abs = slot_abs;
  if (heap_defines(t, names::int_)) t->nb_int = slot_int;
  if (heap_defines(t, names::float_)) t->nb_float = slot_float;
  if (heap_defines(t, names::index)) t->nb_index = slot_index;
  if (heap_defines(t, names::bool_) || heap_defines(t, names::len)) t->nb_bool = slot_bool;
  if (heap_defines(t, names::len)) t->len = slot_len;
  if (heap_defines(t, names::getitem)) t->getitem = slot_getitem;
  if (heap_defines(t, names::setitem) || heap_defines(t, names::delitem)) t->setitem = slot_setitem;
  if (heap_defines(t, names::contains) || heap_defines(t, names::iter) ||
      heap_defines(t, names::getitem)) {
    if (heap_defines(t, names::contains) || t->contains == nullptr) t->contains = slot_contains;
  }
  type_modified(t);
}

}  // namespace minipy::rt
