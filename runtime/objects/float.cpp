// float: IEEE doubles with Python's division, modulo, power and comparison semantics.
#include "runtime/objects/float.h"

#include <cerrno>
#include <cmath>
#include <cstdlib>

#include "runtime/errors.h"
#include "runtime/free_list.h"
#include "runtime/hash.h"
#include "runtime/numfmt.h"
#include "runtime/objects/int.h"
#include "runtime/objects/native.h"
#include "runtime/objects/singletons.h"
#include "runtime/objects/str.h"
#include "runtime/objects/tuple.h"
#include "runtime/ops.h"

namespace minipy::rt {

TypeObject float_type;

namespace {
// Freed exact floats are kept for reuse (CPython's float free list, runtime/free_list.h): float
// arithmetic allocates a result per operation.
void delete_float(FloatObject* o) { delete o; }
thread_local FreeList<FloatObject, 100, delete_float> t_float_free;
}  // namespace

Ref float_new(double d) {
  if (FloatObject* o = t_float_free.pop()) {
    o->type = &float_type;
    init_refcount(o);
    gc_bits_store(o, 0);
    o->value = d;
    return Ref::steal(Value(o));
  }
  auto* o = alloc_instance<FloatObject>(&float_type);
  o->value = d;
  return Ref::steal(Value(o));
}

int64_t float_hash(double d) {
  if (std::isinf(d)) return d > 0 ? 314159 : -314159;
  if (std::isnan(d)) return 0;
  double intpart;
  if (std::modf(d, &intpart) == 0.0 && std::fabs(d) < 9.2e18) {
    int64_t n = static_cast<int64_t>(d);
    if (Value::fits_small(n)) return int_hash(Value::from_small(n));
  }
  // CPython's algorithm: reduce the mantissa modulo 2^61-1.
  constexpr uint64_t kP = (uint64_t{1} << 61) - 1;
  int e;
  double m = std::frexp(d, &e);
  int sign = 1;
  if (m < 0) {
    sign = -1;
    m = -m;
  }
  uint64_t x = 0;
  while (m) {
    x = ((x << 28) & kP) | x >> (61 - 28);
    m *= 268435456.0;
    e -= 28;
    uint64_t y = static_cast<uint64_t>(m);
    m -= static_cast<double>(y);
    x += y;
    if (x >= kP) x -= kP;
  }
  e = e >= 0 ? e % 61 : 61 - 1 - ((-1 - e) % 61);
  x = ((x << e) & kP) | x >> (61 - e);
  int64_t h = static_cast<int64_t>(x) * sign;
  return h == -1 ? -2 : h;
}

bool to_double(Value v, double* out) {
  if (is_float(v)) {
    *out = float_value(v);
    return true;
  }
  if (is_int(v)) {
    bool overflow;
    *out = int_to_double(v, &overflow);
    if (overflow) {
      raise(&exc_OverflowError, "int too large to convert to float");
      return false;
    }
    return true;
  }
  if (isinstance(v, &float_type)) {
    *out = static_cast<FloatObject*>(v.obj())->value;
    return true;
  }
  Ref f = number_float(v);
  if (!f) return false;
  *out = float_value(f.get());
  return true;
}

Ref float_from_string(std::string_view text, Value source) {
  std::string s;
  for (char c : text) {
    if (c != '_') s.push_back(c);
  }
  size_t b = s.find_first_not_of(" \t\n\r\f\v");
  size_t e = s.find_last_not_of(" \t\n\r\f\v");
  std::string t = b == std::string::npos ? "" : s.substr(b, e - b + 1);
  std::string lower;
  for (char c : t) lower.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  std::string_view body = lower;
  double sign = 1;
  if (!body.empty() && (body[0] == '+' || body[0] == '-')) {
    sign = body[0] == '-' ? -1 : 1;
    body.remove_prefix(1);
  }
  if (body == "inf" || body == "infinity") return float_new(sign * HUGE_VAL);
  if (body == "nan") return float_new(std::copysign(NAN, sign));
  bool ok = !t.empty() && t.find_first_of("xXpP") == std::string::npos &&
            text.find("__") == std::string_view::npos;
  if (ok) {
    char* end = nullptr;
    errno = 0;
    double d = std::strtod(t.c_str(), &end);
    if (end == t.c_str() + t.size()) return float_new(d);
  }
  if (source) {
    Ref shown = repr(source);
    if (!shown) return shown;
    return raise_fmt(&exc_ValueError, "could not convert string to float: {}",
                     as_str(shown.get())->view());
  }
  return raise_fmt(&exc_ValueError, "could not convert string to float: {}", str_repr_text(text));
}

// ---------------------------------------------------------------- arithmetic

static bool coerce(Value v, double* out, bool* ok) {
  if (is_float(v) || isinstance(v, &float_type)) {
    *out = static_cast<FloatObject*>(v.obj())->value;
    return true;
  }
  if (is_int(v)) {
    bool overflow;
    *out = int_to_double(v, &overflow);
    if (overflow) {
      raise(&exc_OverflowError, "int too large to convert to float");
      *ok = false;
    }
    return true;
  }
  return false;
}

Ref complex_float_power(double x, double y);  // complex.cpp

static Ref float_pow(double x, double y) {
  if (x == 0.0 && y < 0)
    return raise(&exc_ZeroDivisionError, "0.0 cannot be raised to a negative power");
  // A negative number to a fractional power is complex, as in CPython's float_pow.
  if (x < 0 && y != std::floor(y)) return complex_float_power(x, y);
  errno = 0;
  double r = std::pow(x, y);
  if (std::isinf(r) && !std::isinf(x) && !std::isinf(y)) {
    return raise(&exc_OverflowError, "(34, 'Numerical result out of range')");
  }
  return float_new(r);
}

template <int kOp>
static Ref float_nb(Value a, Value b) {
  double x, y;
  bool ok = true;
  if (!coerce(a, &x, &ok) || !coerce(b, &y, &ok)) return not_implemented_ref();
  if (!ok) return Ref();
  switch (static_cast<NumOp>(kOp)) {
    case NumOp::Add:
      return float_new(x + y);
    case NumOp::Sub:
      return float_new(x - y);
    case NumOp::Mul:
      return float_new(x * y);
    case NumOp::TrueDiv:
      if (y == 0) return raise(&exc_ZeroDivisionError, "float division by zero");
      return float_new(x / y);
    case NumOp::FloorDiv: {
      if (y == 0) return raise(&exc_ZeroDivisionError, "float floor division by zero");
      double mod = std::fmod(x, y);
      double div = (x - mod) / y;
      if (mod != 0 && ((y < 0) != (mod < 0))) div -= 1.0;
      double floordiv = div != 0 ? std::floor(div) : std::copysign(0.0, x / y);
      if (div - floordiv > 0.5) floordiv += 1.0;
      return float_new(floordiv);
    }
    case NumOp::Mod: {
      if (y == 0) return raise(&exc_ZeroDivisionError, "float modulo");
      double mod = std::fmod(x, y);
      if (mod != 0) {
        if ((y < 0) != (mod < 0)) mod += y;
      } else {
        mod = std::copysign(0.0, y);
      }
      return float_new(mod);
    }
    case NumOp::Pow:
      return float_pow(x, y);
    default:
      return not_implemented_ref();
  }
}

static Ref float_repr(Value v) { return str_new(float_repr(float_value(v))); }

static bool float_hash_slot(Value v, int64_t* out) {
  double d = float_value(v);
  // Since 3.10 a NaN hashes by identity, so that distinct NaNs don't all collide in one bucket.
  *out = std::isnan(d) ? hash_pointer(v.obj()) : float_hash(d);
  return true;
}

static Ref float_richcompare(Value a, Value b, CmpOp op) {
  double x = float_value(a), y;
  if (is_float(b) || isinstance(b, &float_type)) {
    y = static_cast<FloatObject*>(b.obj())->value;
  } else if (is_int(b)) {
    // Delegate to the exact int/float comparison, with the operands swapped.
    static const CmpOp kSwapped[] = {CmpOp::Gt, CmpOp::Ge, CmpOp::Eq,
                                     CmpOp::Ne, CmpOp::Lt, CmpOp::Le};
    return int_type.richcompare(b, a, kSwapped[static_cast<int>(op)]);
  } else {
    return not_implemented_ref();
  }
  switch (op) {
    case CmpOp::Lt:
      return bool_ref(x < y);
    case CmpOp::Le:
      return bool_ref(x <= y);
    case CmpOp::Eq:
      return bool_ref(x == y);
    case CmpOp::Ne:
      return bool_ref(x != y);
    case CmpOp::Gt:
      return bool_ref(x > y);
    case CmpOp::Ge:
      return bool_ref(x >= y);
  }
  return not_implemented_ref();
}

static Ref float_neg(Value v) { return float_new(-float_value(v)); }
static Ref float_pos(Value v) { return float_new(float_value(v)); }
static Ref float_abs(Value v) { return float_new(std::fabs(float_value(v))); }
static int float_bool(Value v) { return float_value(v) != 0.0; }
static Ref float_int(Value v) { return int_from_double(float_value(v)); }
static Ref float_float(Value v) {
  if (is_float(v)) return Ref::new_ref(v);
  return float_new(static_cast<FloatObject*>(v.obj())->value);
}
/// An instance of a float subclass: it has a __dict__ (an enum's float members set _value_ on
/// themselves), which exact floats, the common case, do not pay for.
struct FloatSubObject : FloatObject {
  DictObject* dict = nullptr;  // dropped by dealloc_object (subclass_dict_offset)
};

static void float_dealloc(Object* o) {
  if (o->type == &float_type) {
    t_float_free.push(static_cast<FloatObject*>(o));
    return;
  }
  delete static_cast<FloatSubObject*>(o);
}

static Ref float_new_slot(TypeObject* type, const Value* args, size_t nargs, TupleObject* kwnames) {
  if (!check_nargs("float", nargs, kwnames, 0, 1)) return Ref();
  Ref r;
  if (nargs == 0) {
    r = float_new(0.0);
  } else if (is_str_exact(args[0])) {  // a str subclass may define __float__
    r = float_from_string(as_str(args[0])->view());
  } else {
    r = number_float(args[0]);
  }
  if (!r || type == &float_type) return r;
  auto* o = alloc_instance<FloatSubObject>(type);
  o->value = float_value(r.get());
  return Ref::steal(Value(o));
}

static Ref float_is_integer(Value self, const Value*, size_t nargs, TupleObject* kw) {
  if (!check_nargs("is_integer", nargs, kw, 0, 0)) return Ref();
  double d = float_value(self);
  return bool_ref(std::isfinite(d) && d == std::floor(d));
}

static Ref float_as_integer_ratio(Value self, const Value*, size_t nargs, TupleObject* kw) {
  double d = float_value(self);
  if (std::isinf(d)) return raise(&exc_OverflowError, "cannot convert Infinity to integer ratio");
  if (std::isnan(d)) return raise(&exc_ValueError, "cannot convert NaN to integer ratio");
  int e;
  double m = std::frexp(d, &e);
  for (int i = 0; i < 300 && m != std::floor(m); i++) {
    m *= 2.0;
    e--;
  }
  BigInt num;
  BigInt::from_double(m, &num);
  BigInt den(1);
  if (e > 0) {
    num = num << static_cast<uint64_t>(e);
  } else {
    den = den << static_cast<uint64_t>(-e);
  }
  Ref n = int_from_bigint(std::move(num));
  Ref dd = int_from_bigint(std::move(den));
  return tuple_of({n.get(), dd.get()});
}

static Ref float_get_real(Value self) { return float_float(self); }
static Ref float_get_imag(Value) { return float_new(0.0); }

static Ref float_conjugate(Value self, const Value*, size_t, TupleObject*) {
  return float_float(self);
}

void float_type_init() {
  float_type.name = "float";
  float_type.text_signature = "(x=0, /)";
  float_type.flags = kTypeBaseType | kTypeLeaf;
  float_type.basic_size = sizeof(FloatObject);
  float_type.subclass_dict_offset = offsetof(FloatSubObject, dict);
  float_type.dealloc = float_dealloc;
  float_type.repr = float_repr;
  float_type.hash = float_hash_slot;
  float_type.richcompare = float_richcompare;
  float_type.new_ = float_new_slot;
#define SET_NB(op) \
  float_type.nb[static_cast<int>(NumOp::op)] = float_nb<static_cast<int>(NumOp::op)>
  SET_NB(Add);
  SET_NB(Sub);
  SET_NB(Mul);
  SET_NB(TrueDiv);
  SET_NB(FloorDiv);
  SET_NB(Mod);
  SET_NB(Pow);
#undef SET_NB
  float_type.nb_neg = float_neg;
  float_type.nb_pos = float_pos;
  float_type.nb_abs = float_abs;
  float_type.nb_bool = float_bool;
  float_type.nb_int = float_int;
  float_type.nb_float = float_float;
  float_type.flags |= kTypeMatchSelf;
  type_ready(&float_type, &object_type);
  add_method(&float_type, "is_integer", float_is_integer);
  add_method(&float_type, "as_integer_ratio", float_as_integer_ratio);
  add_method(&float_type, "conjugate", float_conjugate);
  add_getset(&float_type, "real", float_get_real);
  add_getset(&float_type, "imag", float_get_imag);
}

}  // namespace minipy::rt
