// The abstract object protocol over type slots (CPython's abstract.c / object.c).
#include "runtime/ops.h"

#include "runtime/errors.h"
#include "runtime/objects/bytes.h"
#include "runtime/objects/generic_alias.h"
#include "runtime/names.h"
#include "runtime/objects/complex.h"
#include "runtime/objects/dict.h"
#include "runtime/objects/float.h"
#include "runtime/objects/int.h"
#include "runtime/objects/list.h"
#include "runtime/objects/misc.h"
#include "runtime/objects/native.h"
#include "runtime/objects/singletons.h"
#include "runtime/objects/str.h"
#include "runtime/objects/tuple.h"
#include "runtime/state/interpreter.h"
#include "runtime/state/thread_state.h"

namespace minipy::rt {

// ---------------------------------------------------------------- text

Ref repr(Value v) {
  TypeObject* t = type_of(v);
  if (t->repr == nullptr) return str_new(fmt::format("<{} object>", t->name));
  if (!enter_recursive_call(" while getting the repr of an object")) return Ref();
  Ref r = t->repr(v);
  leave_recursive_call();
  if (r && !is_str(r.get())) {
    return raise_fmt(&exc_TypeError, "__repr__ returned non-string (type {})", type_name(r.get()));
  }
  return r;
}

Ref to_str(Value v) {
  if (is_str_exact(v)) return Ref::new_ref(v);
  TypeObject* t = type_of(v);
  Ref r = t->str ? t->str(v) : repr(v);
  if (r && !is_str(r.get())) {
    return raise_fmt(&exc_TypeError, "__str__ returned non-string (type {})", type_name(r.get()));
  }
  return r;
}

Ref ascii(Value v) {
  Ref r = repr(v);
  if (!r) return r;
  std::string_view s = as_str(r.get())->view();
  if (as_str(r.get())->ascii) return r;
  std::string out;
  size_t pos = 0;
  while (pos < s.size()) {
    uint32_t cp = utf8_decode(s, pos);
    if (cp < 0x80) {
      out.push_back(static_cast<char>(cp));
    } else if (cp < 0x100) {
      out += fmt::format("\\x{:02x}", cp);
    } else if (cp < 0x10000) {
      out += fmt::format("\\u{:04x}", cp);
    } else {
      out += fmt::format("\\U{:08x}", cp);
    }
  }
  return str_new(std::move(out));
}

Ref format(Value v, Value spec) {
  if (is_str_exact(v) && as_str(spec)->data.empty()) return Ref::new_ref(v);
  bool found = false;
  Ref r = call_special(v, names::format, &spec, 1, &found);
  if (!found && !error_pending()) {
    return raise_fmt(&exc_TypeError, "Type {} doesn't define __format__", type_name(v));
  }
  if (r && !is_str(r.get())) {
    return raise_fmt(&exc_TypeError, "__format__ must return a str, not {}", type_name(r.get()));
  }
  return r;
}

bool repr_text(Value v, std::string* out) {
  Ref r = repr(v);
  if (!r) return false;
  *out = std::string(as_str(r.get())->view());
  return true;
}

bool str_text(Value v, std::string* out) {
  Ref r = to_str(v);
  if (!r) return false;
  *out = std::string(as_str(r.get())->view());
  return true;
}

// ---------------------------------------------------------------- hashing and truth

bool hash(Value v, int64_t* out) {
  if (v.is_small()) {
    *out = int_hash(v);
    return true;
  }
  TypeObject* t = type_of(v);
  if (t->hash == nullptr) {
    raise_fmt(&exc_TypeError, "unhashable type: '{}'", t->name);
    return false;
  }
  return t->hash(v, out);
}

int truthy(Value v) {
  if (v == True()) return 1;
  if (v == False() || v == None()) return 0;
  if (v.is_small()) return v.small() != 0;
  TypeObject* t = type_of(v);
  if (t->nb_bool) return t->nb_bool(v);
  if (t->len) {
    int64_t n;
    if (!t->len(v, &n)) return -1;
    return n != 0;
  }
  return 1;
}

// ---------------------------------------------------------------- numbers

static constexpr const char* kOpSymbols[] = {"+", "-", "*", "@", "/", "//", "%", "**", "<<", ">>", "&", "|", "^"};
static constexpr const char* kInplaceSymbols[] = {"+=", "-=", "*=", "@=", "/=", "//=", "%=",
                                                  "**=", "<<=", ">>=", "&=", "|=", "^="};

static Ref binary_op1(Value a, Value b, NumOp op) {
  int i = static_cast<int>(op);
  TypeObject* ta = type_of(a);
  TypeObject* tb = type_of(b);
  BinaryFn sa = ta->nb[i];
  BinaryFn sb = tb != ta ? tb->nb[i] : nullptr;
  if (sb == sa) sb = nullptr;
  if (sa) {
    if (sb && is_subtype(tb, ta)) {
      Ref r = sb(a, b);
      if (!r || r.get() != NotImplemented()) return r;
      sb = nullptr;
    }
    Ref r = sa(a, b);
    if (!r || r.get() != NotImplemented()) return r;
  }
  if (sb) return sb(a, b);
  return not_implemented_ref();
}

// The sequence types' concat/repeat errors, reported (as CPython's sq_concat/sq_repeat) only after
// both operands' number slots returned NotImplemented. Null when `op` is no sequence operation.
static const char* concat_type(Value v) {
  if (is_str(v)) return "str";
  if (is_list(v)) return "list";
  if (is_tuple(v)) return "tuple";
  return nullptr;
}
static Ref sequence_op_error(Value a, Value b, NumOp op) {
  if (op == NumOp::Add) {
    const char* t = concat_type(a);
    if (t == nullptr) return Ref();
    return raise_fmt(&exc_TypeError, "can only concatenate {} (not \"{}\") to {}", t, type_name(b), t);
  }
  if (op == NumOp::Mul) {
    auto repeats = [](Value v) { return concat_type(v) != nullptr || is_bytes(v) || is_bytearray(v); };
    if (repeats(a) && type_of(b)->nb_index == nullptr) {
      return raise_fmt(&exc_TypeError, "can't multiply sequence by non-int of type '{}'", type_name(b));
    }
    if (repeats(b) && type_of(a)->nb_index == nullptr) {
      return raise_fmt(&exc_TypeError, "can't multiply sequence by non-int of type '{}'", type_name(a));
    }
  }
  return Ref();
}

Ref binary_op(Value a, Value b, NumOp op) {
  if (a.is_small() && b.is_small() && op != NumOp::MatMul) return int_binary(a, b, op);
  Ref r = binary_op1(a, b, op);
  if (r.get() == NotImplemented()) {
    if (op == NumOp::Mod && is_str(a)) return r;  // str % x reports its own errors
    if (sequence_op_error(a, b, op), error_pending()) return Ref();
    return raise_type_error_unsupported(kOpSymbols[static_cast<int>(op)], a, b);
  }
  return r;
}

Ref inplace_op(Value a, Value b, NumOp op) {
  if (a.is_small() && b.is_small() && op != NumOp::MatMul) return int_binary(a, b, op);
  BinaryFn f = type_of(a)->nb_inplace[static_cast<int>(op)];
  if (f) {
    Ref r = f(a, b);
    if (!r || r.get() != NotImplemented()) return r;
  }
  Ref r = binary_op1(a, b, op);
  if (r.get() == NotImplemented()) {
    if (sequence_op_error(a, b, op), error_pending()) return Ref();
    return raise_type_error_unsupported(kInplaceSymbols[static_cast<int>(op)], a, b);
  }
  return r;
}

Ref power(Value a, Value b, Value mod) {
  if (!mod || is_none(mod)) return binary_op(a, b, NumOp::Pow);
  // Ints, unless the base's class overrides __pow__ (three-argument pow calls only the base's
  // __pow__, as CPython's slot_nb_power: pow(I(2), 3, 5) is I.__pow__'s).
  constexpr int kPow = static_cast<int>(NumOp::Pow);
  if (is_int(a) && is_int(b) && is_int(mod) && type_of(a)->nb[kPow] == int_type.nb[kPow]) {
    return int_pow_mod(a, b, mod);
  }
  // complex's ternary power only ever rejects the modulus (CPython's complex_pow).
  auto number = [](Value v) { return is_complex(v) || is_int(v) || is_float(v) || isinstance(v, &float_type); };
  if ((is_complex(a) || is_complex(b)) && number(a) && number(b)) return raise(&exc_ValueError, "complex modulo");
  bool found = false;
  Value args[2] = {b, mod};
  Ref r = call_special(a, names::pow, args, 2, &found);
  if (found || error_pending()) {
    if (r.get() != NotImplemented()) return r;
  }
  return raise_fmt(&exc_TypeError, "unsupported operand type(s) for ** or pow(): '{}', '{}', '{}'", type_name(a),
                   type_name(b), type_name(mod));
}

static Ref unary(Value v, UnaryFn f, const char* sym) {
  if (f == nullptr) return raise_fmt(&exc_TypeError, "bad operand type for {}: '{}'", sym, type_name(v));
  return f(v);
}

Ref negative(Value v) {
  if (v.is_small()) return int_from_int64(-v.small());
  return unary(v, type_of(v)->nb_neg, "unary -");
}
Ref positive(Value v) {
  if (v.is_small()) return Ref::new_ref(v);
  return unary(v, type_of(v)->nb_pos, "unary +");
}
Ref invert(Value v) {
  if (v.is_small()) return Ref::small(~v.small());
  return unary(v, type_of(v)->nb_invert, "unary ~");
}
Ref absolute(Value v) { return unary(v, type_of(v)->nb_abs, "abs()"); }

// ---------------------------------------------------------------- comparison

static constexpr CmpOp kSwapped[] = {CmpOp::Gt, CmpOp::Ge, CmpOp::Eq, CmpOp::Ne, CmpOp::Lt, CmpOp::Le};
static constexpr const char* kCmpSymbols[] = {"<", "<=", "==", "!=", ">", ">="};

Ref compare(Value a, Value b, CmpOp op) {
  if (a.is_small() && b.is_small()) {
    int64_t x = a.small(), y = b.small();
    switch (op) {
      case CmpOp::Lt: return bool_ref(x < y);
      case CmpOp::Le: return bool_ref(x <= y);
      case CmpOp::Eq: return bool_ref(x == y);
      case CmpOp::Ne: return bool_ref(x != y);
      case CmpOp::Gt: return bool_ref(x > y);
      case CmpOp::Ge: return bool_ref(x >= y);
    }
  }
  TypeObject* ta = type_of(a);
  TypeObject* tb = type_of(b);
  if (ta == tb && (ta->flags & kTypeLeaf) && ta->richcompare != nullptr) {
    // Two strs, floats, ints...: their comparison runs no Python code and cannot recurse, so
    // the recursion guard is skipped (sorting by str or tuple keys spent 2.5% in it).
    Ref r = ta->richcompare(a, b, op);
    if (!r || r.get() != NotImplemented()) return r;
  }
  if (!enter_recursive_call(" in comparison")) return Ref();
  bool checked_reverse = false;
  Ref r;
  if (ta != tb && is_subtype(tb, ta) && tb->richcompare) {
    checked_reverse = true;
    r = tb->richcompare(b, a, kSwapped[static_cast<int>(op)]);
    if (!r || r.get() != NotImplemented()) {
      leave_recursive_call();
      return r;
    }
  }
  if (ta->richcompare) {
    r = ta->richcompare(a, b, op);
    if (!r || r.get() != NotImplemented()) {
      leave_recursive_call();
      return r;
    }
  }
  if (!checked_reverse && tb->richcompare) {
    r = tb->richcompare(b, a, kSwapped[static_cast<int>(op)]);
    if (!r || r.get() != NotImplemented()) {
      leave_recursive_call();
      return r;
    }
  }
  leave_recursive_call();
  if (op == CmpOp::Eq) return bool_ref(a == b);
  if (op == CmpOp::Ne) return bool_ref(a != b);
  return raise_fmt(&exc_TypeError, "'{}' not supported between instances of '{}' and '{}'",
                   kCmpSymbols[static_cast<int>(op)], ta->name, tb->name);
}

int compare_bool(Value a, Value b, CmpOp op) {
  Ref r = compare(a, b, op);
  if (!r) return -1;
  if (r.get() == True()) return 1;
  if (r.get() == False()) return 0;
  return truthy(r.get());
}

int equal(Value a, Value b) {
  if (a == b) return 1;
  if (a.is_small() && b.is_small()) return 0;
  return compare_bool(a, b, CmpOp::Eq);
}

// ---------------------------------------------------------------- attributes

Ref getattr(Value obj, StrObject* name) {
  TypeObject* t = type_of(obj);
  if (t->getattr) return t->getattr(obj, name);
  return generic_getattr(obj, name);
}

Ref getattr(Value obj, const char* name) { return getattr(obj, intern(name)); }

Ref getattr_opt(Value obj, StrObject* name) {
  TypeObject* t = type_of(obj);
  // As CPython's _PyObject_LookupAttr: an AttributeError raised by a descriptor (a property
  // whose getter raises it) also means "missing".
  Ref r = t->getattr == generic_getattr || t->getattr == nullptr ? generic_getattr_noerror(obj, name)
                                                                 : getattr(obj, name);
  if (!r && exception_matches(&exc_AttributeError)) clear_exception();
  return r;
}

bool setattr(Value obj, StrObject* name, Value v) {
  TypeObject* t = type_of(obj);
  if (t->setattr) return t->setattr(obj, name, v);
  raise_fmt(&exc_AttributeError, "'{}' object has no attribute '{}'", t->name, name->view());
  return false;
}

bool delattr(Value obj, StrObject* name) { return setattr(obj, name, Value()); }

// ---------------------------------------------------------------- items

Ref getitem(Value obj, Value key) {
  TypeObject* t = type_of(obj);
  if (t->getitem) return t->getitem(obj, key);
  if (isinstance(obj, &type_type)) {
    // PEP 560: C[key] calls C.__class_getitem__(key); type[int] is special-cased (CPython too),
    // so that str[int] still fails.
    if (obj.obj() == &type_type) return generic_alias_new(obj, key);
    Ref f = getattr_opt(obj, intern("__class_getitem__"));
    if (!f && error_pending()) return f;
    if (f && !is_none(f.get())) return call1(f.get(), key);
    return raise_fmt(&exc_TypeError, "type '{}' is not subscriptable", static_cast<TypeObject*>(obj.obj())->name);
  }
  return raise_fmt(&exc_TypeError, "'{}' object is not subscriptable", t->name);
}

bool setitem(Value obj, Value key, Value v) {
  TypeObject* t = type_of(obj);
  if (t->setitem) return t->setitem(obj, key, v);
  if (v) {
    raise_fmt(&exc_TypeError, "'{}' object does not support item assignment", t->name);
  } else {
    raise_fmt(&exc_TypeError, "'{}' object doesn't support item deletion", t->name);
  }
  return false;
}

bool delitem(Value obj, Value key) { return setitem(obj, key, Value()); }

int contains(Value container, Value item) {
  TypeObject* t = type_of(container);
  if (t->contains) return t->contains(container, item);
  if (t->iter || (t->getitem && !(t->flags & kTypeSubscriptOnly))) {
    Ref it = get_iter(container);
    if (!it) return -1;
    for (;;) {
      Ref x = iter_next(it.get());
      if (!x) return error_pending() ? -1 : 0;
      int eq = equal(x.get(), item);
      if (eq != 0) return eq;
    }
  }
  raise_fmt(&exc_TypeError, "argument of type '{}' is not iterable", t->name);
  return -1;
}

bool length(Value v, int64_t* out) {
  TypeObject* t = type_of(v);
  if (t->len) return t->len(v, out);
  raise_fmt(&exc_TypeError, "object of type '{}' has no len()", t->name);
  return false;
}

// ---------------------------------------------------------------- iteration

Ref get_iter(Value v) {
  TypeObject* t = type_of(v);
  if (t->iter) {
    Ref it = t->iter(v);
    if (it && type_of(it.get())->iternext == nullptr) {
      return raise_fmt(&exc_TypeError, "iter() returned non-iterator of type '{}'", type_name(it.get()));
    }
    return it;
  }
  if (t->getitem && !is_dict(v) && !(t->flags & kTypeSubscriptOnly)) {
    auto* it = alloc_instance<SeqIterObject>(&seq_iter_type);
    it->seq = Ref::new_ref(v);
    it->index = 0;
    return Ref::steal(Value(it));
  }
  return raise_fmt(&exc_TypeError, "'{}' object is not iterable", t->name);
}

Ref iter_next(Value it) {
  TypeObject* t = type_of(it);
  if (t->iternext == nullptr) return raise_fmt(&exc_TypeError, "'{}' object is not an iterator", t->name);
  Ref r = t->iternext(it);
  // Exhaustion may come as a StopIteration (a generator returning a value, a user __next__):
  // callers see only "null, nothing pending", as with CPython's PyIter_Next.
  if (!r && error_pending() && exception_matches(&exc_StopIteration)) clear_exception();
  return r;
}

// ---------------------------------------------------------------- conversions

Ref number_index(Value v) {
  if (is_int_exact(v)) return Ref::new_ref(v);
  if (is_int(v)) return int_from_bigint(int_to_bigint(v));
  TypeObject* t = type_of(v);
  if (t->nb_index == nullptr) {
    return raise_fmt(&exc_TypeError, "'{}' object cannot be interpreted as an integer", t->name);
  }
  Ref r = t->nb_index(v);
  if (r && !is_int(r.get())) {
    return raise_fmt(&exc_TypeError, "__index__ returned non-int (type {})", type_name(r.get()));
  }
  if (r && !is_int_exact(r.get())) {
    // bpo-17576, as CPython 3.11's PyNumber_Index: a strict subclass of int (True) from
    // __index__ is deprecated; the caller gets an exact int.
    if (!warn(&exc_DeprecationWarning,
              fmt::format("__index__ returned non-int (type {}).  The ability to return an "
                          "instance of a strict subclass of int is deprecated, and may be "
                          "removed in a future version of Python.",
                          type_name(r.get())))) {
      return Ref();
    }
    return int_from_bigint(int_to_bigint(r.get()));
  }
  return r;
}

bool index_int64(Value v, int64_t* out) {
  if (v.is_small()) {
    *out = v.small();
    return true;
  }
  Ref i = number_index(v);
  if (!i) return false;
  if (!int_to_int64(i.get(), out)) {
    clear_exception();
    raise_fmt(&exc_OverflowError, "Python int too large to convert to C ssize_t");
    return false;
  }
  return true;
}

bool index_size(Value v, int64_t* out) {
  if (v.is_small()) {
    *out = v.small();
    return true;
  }
  Ref i = number_index(v);
  if (!i) return false;
  if (!int_to_int64(i.get(), out)) {
    clear_exception();
    raise_fmt(&exc_OverflowError, "cannot fit '{}' into an index-sized integer", type_name(v));
    return false;
  }
  return true;
}

Ref number_int(Value v) {
  if (is_int_exact(v)) return Ref::new_ref(v);
  TypeObject* t = type_of(v);
  if (t->nb_int) {
    Ref r = t->nb_int(v);
    if (r && !is_int(r.get())) {
      return raise_fmt(&exc_TypeError, "__int__ returned non-int (type {})", type_name(r.get()));
    }
    if (r && !is_int_exact(r.get())) {
      // bpo-17576: a strict subclass of int from __int__ is deprecated (CPython 3.11's warning).
      if (!warn(&exc_DeprecationWarning,
                fmt::format(
                    "__int__ returned non-int (type {}).  The ability to return an instance of a "
                    "strict subclass of int is deprecated, and may be removed in a future version "
                    "of Python.",
                    type_name(r.get())))) {
        return Ref();
      }
      return int_from_bigint(int_to_bigint(r.get()));
    }
    return r;
  }
  if (t->nb_index) return number_index(v);
  if (type_lookup(t, "__trunc__")) {
    // int(x) through __trunc__ is deprecated in 3.11 (removed in 3.14); its result must be an
    // int or have __index__.
    if (!warn(&exc_DeprecationWarning, "The delegation of int() to __trunc__ is deprecated."))
      return Ref();
    bool found = false;
    Ref r = call_special(v, intern("__trunc__"), nullptr, 0, &found);
    if (!r || is_int_exact(r.get())) return r;
    if (is_int(r.get())) return int_from_bigint(int_to_bigint(r.get()));
    if (!type_of(r.get())->nb_index) {
      return raise_fmt(&exc_TypeError, "__trunc__ returned non-Integral (type {})",
                       type_name(r.get()));
    }
    return number_index(r.get());
  }
  return raise_fmt(&exc_TypeError, "int() argument must be a string, a bytes-like object or a real number, not '{}'",
                   t->name);
}

Ref number_float(Value v) {
  if (is_float(v)) return Ref::new_ref(v);
  TypeObject* t = type_of(v);
  if (t->nb_float) {
    Ref r = t->nb_float(v);
    if (r && !isinstance(r.get(), &float_type)) {
      return raise_fmt(&exc_TypeError, "{}.__float__ returned non-float (type {})", t->name, type_name(r.get()));
    }
    return r;
  }
  if (t->nb_index) {
    Ref i = number_index(v);
    if (!i) return i;
    return int_type.nb_float(i.get());
  }
  // A str subclass without __float__, bytes, bytearray, any buffer: parsed as text (CPython's
  // PyFloat_FromString).
  if (is_str(v)) return float_from_string(as_str(v)->view());
  std::string_view data;
  if (bytes_like_data(v, &data)) return float_from_string(data, v);
  if (error_pending()) return Ref();
  return raise_fmt(&exc_TypeError, "float() argument must be a string or a real number, not '{}'", t->name);
}

// ---------------------------------------------------------------- calls

Ref call(Value f, const Value* args, size_t nargs, TupleObject* kwnames) {
  TypeObject* t = type_of(f);
  if (t->call == nullptr) return raise_fmt(&exc_TypeError, "'{}' object is not callable", t->name);
  ThreadState* ts = tstate();
  if (++ts->recursion_depth > ts->interp->recursion_limit || stack_exhausted(ts)) {
    --ts->recursion_depth;
    return raise(&exc_RecursionError, "maximum recursion depth exceeded");
  }
  Ref r = t->call(f, args, nargs, kwnames);
  --ts->recursion_depth;
  return r;
}

Ref call_tuple_dict(Value f, Value args_tuple, Value kwargs_dict) {
  TupleObject* a = as_tuple(args_tuple);
  if (!kwargs_dict || is_none(kwargs_dict) || as_dict(kwargs_dict)->used == 0) {
    return call(f, a->items(), a->size, nullptr);
  }
  DictObject* kw = as_dict(kwargs_dict);
  std::vector<Value> all(a->items(), a->items() + a->size);
  Ref names = tuple_new(kw->used);
  size_t pos = 0, i = 0;
  Value k, v;
  while (dict_next(kw, &pos, &k, &v)) {
    if (!is_str(k)) return raise(&exc_TypeError, "keywords must be strings");
    incref(k);
    tuple_set_steal(as_tuple(names.get()), i++, k);
    all.push_back(v);
  }
  return call(f, all.data(), a->size, as_tuple(names.get()));
}

Ref call_with_self(Value f, Value self, const Value* args, size_t nargs, TupleObject* kwnames) {
  size_t total = nargs + (kwnames ? kwnames->size : 0);
  Value small[8];
  std::vector<Value> big;
  Value* full = small;
  if (total + 1 > 8) {
    big.resize(total + 1);
    full = big.data();
  }
  full[0] = self;
  std::copy(args, args + total, full + 1);
  return call(f, full, nargs + 1, kwnames);
}

Ref call_method(Value obj, StrObject* name, const Value* args, size_t nargs) {
  Ref m = getattr(obj, name);
  if (!m) return m;
  return call(m.get(), args, nargs);
}

Ref call_special(Value self, StrObject* name, const Value* args, size_t nargs, bool* found) {
  Value f = type_lookup(type_of(self), name);
  if (!f) {
    *found = false;
    return Ref();
  }
  *found = true;
  TypeObject* ft = type_of(f);
  if (ft->flags & kTypeMethodLike) {
    bool plain = true;
    if (ft == &method_descr_type) {
      auto* d = static_cast<MethodDescrObject*>(f.obj());
      plain = !(d->flags & (kNativeClassMethod | kNativeStaticMethod));
    }
    if (plain) return call_with_self(f, self, args, nargs);
  }
  Ref bound;
  if (ft->descr_get) {
    bound = ft->descr_get(f, self, Value(type_of(self)));
    if (!bound) return bound;
  } else {
    bound = Ref::new_ref(f);
  }
  return call(bound.get(), args, nargs);
}

bool callable(Value v) { return type_of(v)->call != nullptr; }

bool repr_enter(Object* o) {
  std::vector<Object*>& stack = tstate()->repr_stack;
  for (Object* x : stack) {
    if (x == o) return false;
  }
  stack.push_back(o);
  return true;
}

void repr_leave(Object* o) {
  std::vector<Object*>& stack = tstate()->repr_stack;
  for (size_t i = stack.size(); i > 0; i--) {
    if (stack[i - 1] == o) {
      stack.erase(stack.begin() + static_cast<long>(i - 1));
      return;
    }
  }
}

bool enter_recursive_call(const char* where) {
  ThreadState* ts = tstate();
  if (++ts->recursion_depth > ts->interp->recursion_limit || stack_exhausted(ts)) {
    --ts->recursion_depth;
    raise_fmt(&exc_RecursionError, "maximum recursion depth exceeded{}", where);
    return false;
  }
  return true;
}

void leave_recursive_call() { --tstate()->recursion_depth; }

}  // namespace minipy::rt
