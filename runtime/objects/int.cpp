// int and bool: arithmetic with a small-int fast path (no allocation while results fit in 63
// bits) and BigInt beyond, Python's floor division/modulo semantics, hashing mod 2^61-1.
#include "runtime/objects/int.h"

#include <cmath>
#include <cstdlib>
#include <type_traits>

#include "runtime/errors.h"
#include "runtime/int_str_limit.h"
#include "runtime/names.h"
#include "runtime/objects/bytes.h"
#include "runtime/objects/float.h"
#include "runtime/objects/native.h"
#include "runtime/objects/singletons.h"
#include "runtime/objects/str.h"
#include "runtime/objects/tuple.h"
#include "runtime/ops.h"

namespace minipy::rt {

TypeObject int_type;
TypeObject bool_type;

static IntObject* as_int_obj(Value v) { return static_cast<IntObject*>(v.obj()); }

Ref int_from_int64(int64_t n) {
  if (Value::fits_small(n)) return Ref::small(n);
  auto* o = alloc_instance<IntObject>(&int_type);
  o->big = BigInt(n);
  return Ref::steal(Value(o));
}

Ref int_from_bigint(BigInt&& b) {
  if (b.fits_int64()) {
    int64_t n = b.to_int64();
    if (Value::fits_small(n)) return Ref::small(n);
  }
  auto* o = alloc_instance<IntObject>(&int_type);
  o->big = std::move(b);
  return Ref::steal(Value(o));
}

Ref int_from_double(double d) {
  if (std::isinf(d)) return raise(&exc_OverflowError, "cannot convert float infinity to integer");
  if (std::isnan(d)) return raise(&exc_ValueError, "cannot convert float NaN to integer");
  double t = std::trunc(d);
  if (t >= -4.6e18 && t <= 4.6e18) return int_from_int64(static_cast<int64_t>(t));
  BigInt b;
  BigInt::from_double(t, &b);
  return int_from_bigint(std::move(b));
}

Ref int_from_string(std::string_view text, int base) {
  if (std::string error; int_from_str_exceeds(text, base, &error)) return raise(&exc_ValueError, error.c_str());
  auto b = BigInt::from_string(text, base);
  if (!b) {
    std::string r = str_repr_text(text);
    return raise_fmt(&exc_ValueError, "invalid literal for int() with base {}: {}", base, r);
  }
  return int_from_bigint(std::move(*b));
}

BigInt int_to_bigint(Value v) {
  if (v.is_small()) return BigInt(v.small());
  return as_int_obj(v)->big;
}

bool int_to_int64(Value v, int64_t* out) {
  if (v.is_small()) {
    *out = v.small();
    return true;
  }
  const BigInt& b = as_int_obj(v)->big;
  if (!b.fits_int64()) {
    raise(&exc_OverflowError, "Python int too large to convert to C long");
    return false;
  }
  *out = b.to_int64();
  return true;
}

double int_to_double(Value v, bool* overflow) {
  *overflow = false;
  if (v.is_small()) return static_cast<double>(v.small());
  return as_int_obj(v)->big.to_double(overflow);
}

std::string int_to_string(Value v, int base) {
  if (v.is_small() && base == 10) return std::to_string(v.small());
  return int_to_bigint(v).to_string(base);
}

int64_t int_hash(Value v) {
  if (v.is_small()) {
    int64_t n = v.small();
    constexpr int64_t kP = (int64_t{1} << 61) - 1;
    int64_t h = n >= 0 ? n % kP : -((-n) % kP);
    return h == -1 ? -2 : h;
  }
  int64_t h = as_int_obj(v)->big.hash();
  return h == -1 ? -2 : h;
}

int int_sign(Value v) {
  if (v.is_small()) return v.small() < 0 ? -1 : (v.small() > 0 ? 1 : 0);
  return as_int_obj(v)->big.sign();
}

int int_compare(Value a, Value b) {
  if (a.is_small() && b.is_small()) {
    return a.small() < b.small() ? -1 : (a.small() > b.small() ? 1 : 0);
  }
  if (b.is_small()) return as_int_obj(a)->big.compare(b.small());
  if (a.is_small()) return -as_int_obj(b)->big.compare(a.small());
  return as_int_obj(a)->big.compare(as_int_obj(b)->big);
}

static Ref num_error(NumError e, NumOp op) {
  switch (e) {
    case NumError::Ok:
      return Ref();
    case NumError::ZeroDivision:
      if (op == NumOp::Mod) return raise(&exc_ZeroDivisionError, "integer modulo by zero");
      if (op == NumOp::TrueDiv) return raise(&exc_ZeroDivisionError, "division by zero");
      return raise(&exc_ZeroDivisionError, "integer division or modulo by zero");
    case NumError::Overflow:
      if (op == NumOp::TrueDiv) return raise(&exc_OverflowError, "integer division result too large for a float");
      if (op == NumOp::LShift) return raise(&exc_OverflowError, "too many digits in integer");
      return raise(&exc_OverflowError, "integer result too large");
    case NumError::ValueError:
      if (op == NumOp::LShift || op == NumOp::RShift) return raise(&exc_ValueError, "negative shift count");
      return raise(&exc_ValueError, "math domain error");
  }
  return Ref();
}

static int64_t floor_div_small(int64_t a, int64_t b) {
  int64_t q = a / b;
  if ((a % b != 0) && ((a < 0) != (b < 0))) q--;
  return q;
}

static int64_t floor_mod_small(int64_t a, int64_t b) {
  int64_t r = a % b;
  if (r != 0 && ((r < 0) != (b < 0))) r += b;
  return r;
}

Ref int_binary(Value a, Value b, NumOp op) {
  if (a.is_small() && b.is_small()) {
    int64_t x = a.small(), y = b.small(), r;
    switch (op) {
      case NumOp::Add:
        return int_from_int64(x + y);  // 63-bit operands cannot overflow int64
      case NumOp::Sub:
        return int_from_int64(x - y);
      case NumOp::Mul:
        if (!__builtin_mul_overflow(x, y, &r)) return int_from_int64(r);
        break;
      case NumOp::FloorDiv:
        if (y == 0) return num_error(NumError::ZeroDivision, op);
        return int_from_int64(floor_div_small(x, y));
      case NumOp::Mod:
        if (y == 0) return num_error(NumError::ZeroDivision, op);
        return int_from_int64(floor_mod_small(x, y));
      case NumOp::TrueDiv:
        if (y == 0) return num_error(NumError::ZeroDivision, op);
        if (x > -(int64_t{1} << 53) && x < (int64_t{1} << 53) && y > -(int64_t{1} << 53) &&
            y < (int64_t{1} << 53)) {
          return float_new(static_cast<double>(x) / static_cast<double>(y));
        }
        break;
      case NumOp::And:
        return Ref::small(x & y);
      case NumOp::Or:
        return Ref::small(x | y);
      case NumOp::Xor:
        return Ref::small(x ^ y);
      case NumOp::LShift:
        if (y < 0) return num_error(NumError::ValueError, op);
        if (y < 62 && x >= -(int64_t{1} << (62 - y)) && x < (int64_t{1} << (62 - y))) {
          return Ref::small(static_cast<int64_t>(static_cast<uint64_t>(x) << y));
        }
        break;
      case NumOp::RShift:
        if (y < 0) return num_error(NumError::ValueError, op);
        return Ref::small(y >= 63 ? (x < 0 ? -1 : 0) : (x >> y));
      case NumOp::Pow:
        if (y < 0) break;
        {
          int64_t base = x, result = 1, e = y;
          bool overflow = false;
          while (e > 0 && !overflow) {
            if (e & 1) overflow = __builtin_mul_overflow(result, base, &result);
            e >>= 1;
            if (e > 0 && !overflow) overflow = __builtin_mul_overflow(base, base, &base);
          }
          if (!overflow) return int_from_int64(result);
        }
        break;
      default:
        break;
    }
  }
  if (op == NumOp::MatMul) return not_implemented_ref();
  BigInt x = int_to_bigint(a), y = int_to_bigint(b), out;
  NumError e = NumError::Ok;
  switch (op) {
    case NumOp::Add:
      return int_from_bigint(x + y);
    case NumOp::Sub:
      return int_from_bigint(x - y);
    case NumOp::Mul:
      return int_from_bigint(x * y);
    case NumOp::FloorDiv:
      e = BigInt::floordiv(x, y, &out);
      break;
    case NumOp::Mod:
      e = BigInt::mod(x, y, &out);
      break;
    case NumOp::TrueDiv: {
      double d;
      e = BigInt::true_divide(x, y, &d);
      if (e != NumError::Ok) return num_error(e, op);
      return float_new(d);
    }
    case NumOp::And:
      return int_from_bigint(x & y);
    case NumOp::Or:
      return int_from_bigint(x | y);
    case NumOp::Xor:
      return int_from_bigint(x ^ y);
    case NumOp::LShift:
      e = BigInt::lshift(x, y, &out);
      break;
    case NumOp::RShift:
      e = BigInt::rshift(x, y, &out);
      break;
    case NumOp::Pow:
      if (y.is_negative()) {
        bool o1, o2;
        double fx = x.to_double(&o1), fy = y.to_double(&o2);
        if (x.is_zero()) {
          return raise(&exc_ZeroDivisionError, "0.0 cannot be raised to a negative power");
        }
        return float_new(std::pow(fx, fy));
      }
      e = BigInt::pow(x, y, &out);
      break;
    default:
      return not_implemented_ref();
  }
  if (e != NumError::Ok) return num_error(e, op);
  return int_from_bigint(std::move(out));
}

Ref int_pow_mod(Value a, Value b, Value m) {
  BigInt out;
  NumError e = BigInt::pow_mod(int_to_bigint(a), int_to_bigint(b), int_to_bigint(m), &out);
  if (e == NumError::ValueError) {
    if (int_sign(m) == 0) return raise(&exc_ValueError, "pow() 3rd argument cannot be 0");
    return raise(&exc_ValueError, "base is not invertible for the given modulus");
  }
  if (e != NumError::Ok) return num_error(e, NumOp::Pow);
  return int_from_bigint(std::move(out));
}

// ---------------------------------------------------------------- slots

template <int kOp>
static Ref int_nb(Value a, Value b) {
  if (!is_int(a) || !is_int(b)) return not_implemented_ref();
  return int_binary(a, b, static_cast<NumOp>(kOp));
}

static Ref int_repr(Value v) {
  if (!v.is_small()) {
    if (std::string error; int_to_str_exceeds(as_int_obj(v)->big, &error)) return raise(&exc_ValueError, error.c_str());
  }
  return str_new(int_to_string(v, 10));
}

static bool int_hash_slot(Value v, int64_t* out) {
  *out = int_hash(v);
  return true;
}

static Ref int_richcompare(Value a, Value b, CmpOp op) {
  if (!is_int(b)) {
    if (is_float(b)) {
      // Exact int/float comparison (CPython's float_richcompare handles it; mirror it here).
      double fb = float_value(b);
      if (std::isnan(fb)) return bool_ref(op == CmpOp::Ne);
      if (std::isinf(fb)) {
        return bool_ref(cmp_holds(fb > 0 ? -1 : 1, op));
      }
      // Compare a with floor/ceil of fb exactly.
      double fl = std::floor(fb);
      Ref fi = int_from_double(fl);
      int c = int_compare(a, fi.get());
      if (c == 0 && fl != fb) c = -1;
      return bool_ref(cmp_holds(c, op));
    }
    return not_implemented_ref();
  }
  int c = int_compare(a, b);
  return bool_ref(cmp_holds(c, op));
}

static Ref int_neg(Value v) {
  if (v.is_small()) return int_from_int64(-v.small());
  return int_from_bigint(-as_int_obj(v)->big);
}
static Ref int_pos(Value v) {
  if (v.is_small() || v.obj()->type == &int_type) return Ref::new_ref(v);
  return int_from_bigint(int_to_bigint(v));
}
static Ref int_invert(Value v) {
  if (v.is_small()) return Ref::small(~v.small());
  return int_from_bigint(~as_int_obj(v)->big);
}
static Ref int_abs(Value v) {
  if (v.is_small()) return int_from_int64(v.small() < 0 ? -v.small() : v.small());
  return int_from_bigint(as_int_obj(v)->big.abs());
}
static int int_bool(Value v) { return int_sign(v) != 0; }
static Ref int_int(Value v) { return int_pos(v); }
static Ref int_float(Value v) {
  bool overflow;
  double d = int_to_double(v, &overflow);
  if (overflow) return raise(&exc_OverflowError, "int too large to convert to float");
  return float_new(d);
}

static void int_dealloc(Object* o) { delete static_cast<IntObject*>(o); }

static Ref int_new_slot(TypeObject* type, const Value* args, size_t nargs, TupleObject* kwnames) {
  Value a[2] = {};
  if (!parse_args("int", args, nargs, kwnames, {"", "base"}, 0, a)) return Ref();
  Ref result;
  if (!a[0]) {
    if (a[1]) return raise(&exc_TypeError, "int() missing string argument");
    result = Ref::small(0);
  } else if (a[1]) {
    // The base goes through __index__; one too big for a C ssize_t is simply out of range.
    Ref base_obj = number_index(a[1]);
    if (!base_obj) return Ref();
    int64_t base = base_obj.get().is_small() ? base_obj.get().small() : 37;
    if ((base != 0 && base < 2) || base > 36) return raise(&exc_ValueError, "int() base must be >= 2 and <= 36, or 0");
    // int(text, base) takes str, bytes and bytearray only (not memoryview or array: CPython).
    std::string_view raw;
    bool is_text = is_str(a[0]);
    if (is_text) {
      raw = as_str(a[0])->view();
    } else if (!(is_bytes(a[0]) || is_bytearray(a[0])) || !bytes_like_data(a[0], &raw)) {
      return raise(&exc_TypeError, "int() can't convert non-string with explicit base");
    }
    if (std::string error; int_from_str_exceeds(raw, static_cast<int>(base), &error)) {
      return raise(&exc_ValueError, error.c_str());
    }
    auto b = BigInt::from_string(raw, static_cast<int>(base));
    if (!b) {
      return raise_fmt(&exc_ValueError, "invalid literal for int() with base {}: {}", base,
                       is_text ? str_repr_text(raw) : bytes_repr_text(raw, is_bytearray(a[0])));
    }
    result = int_from_bigint(std::move(*b));
  } else if (is_str(a[0])) {
    result = int_from_string(as_str(a[0])->view(), 10);
  } else if (std::string_view raw; bytes_like_data(a[0], &raw)) {
    // int(b"12"): bytes are parsed like their ASCII text; the error shows the bytes repr.
    if (std::string error; int_from_str_exceeds(raw, 10, &error)) return raise(&exc_ValueError, error.c_str());
    auto b = BigInt::from_string(raw, 10);
    if (!b) return raise_fmt(&exc_ValueError, "invalid literal for int() with base 10: {}", bytes_repr_text(raw));
    result = int_from_bigint(std::move(*b));
  } else {
    result = number_int(a[0]);
  }
  if (!result || type == &int_type) return result;
  // A subclass of int: box the value in an instance of the subclass.
  auto* o = alloc_instance<IntObject>(type);
  o->big = int_to_bigint(result.get());
  return Ref::steal(Value(o));
}

static Ref int_bit_length(Value self, const Value*, size_t nargs, TupleObject* kw) {
  if (!check_nargs("bit_length", nargs, kw, 0, 0)) return Ref();
  if (self.is_small()) {
    int64_t n = self.small();
    uint64_t m = n < 0 ? static_cast<uint64_t>(-n) : static_cast<uint64_t>(n);
    return Ref::small(m == 0 ? 0 : 64 - __builtin_clzll(m));
  }
  return int_from_int64(static_cast<int64_t>(int_to_bigint(self).bit_length()));
}

static Ref int_bit_count(Value self, const Value*, size_t nargs, TupleObject* kw) {
  if (!check_nargs("bit_count", nargs, kw, 0, 0)) return Ref();
  return int_from_int64(static_cast<int64_t>(int_to_bigint(self).bit_count()));
}

static Ref int_conjugate(Value self, const Value*, size_t, TupleObject*) { return int_pos(self); }

/// int(self), for __trunc__/__floor__/__ceil__/__round__-like methods of an integral value.
static Ref int_exact(Value self, const Value*, size_t nargs, TupleObject* kw) {
  if (!check_nargs("__trunc__", nargs, kw, 0, 0)) return Ref();
  return int_pos(self);
}

/// (int(self), 1): an int is its own numerator.
static Ref int_as_integer_ratio(Value self, const Value*, size_t nargs, TupleObject* kw) {
  if (!check_nargs("as_integer_ratio", nargs, kw, 0, 0)) return Ref();
  Ref n = int_pos(self);
  if (!n) return n;
  Ref t = tuple_new(2);
  tuple_set_steal(as_tuple(t.get()), 0, n.release());
  tuple_set_steal(as_tuple(t.get()), 1, Ref::small(1).release());
  return t;
}

static Ref int_getnewargs(Value self, const Value*, size_t nargs, TupleObject* kw) {
  if (!check_nargs("__getnewargs__", nargs, kw, 0, 0)) return Ref();
  Ref n = int_pos(self);
  if (!n) return n;
  Ref t = tuple_new(1);
  tuple_set_steal(as_tuple(t.get()), 0, n.release());
  return t;
}

static Ref int_to_bytes(Value self, const Value* args, size_t nargs, TupleObject* kw) {
  Value a[3] = {};
  if (!parse_args("to_bytes", args, nargs, kw, {"length", "byteorder", "*", "signed"}, 0, a)) return Ref();
  int64_t length = 1;
  if (a[0] && !index_int64(a[0], &length)) return Ref();
  bool little = false;
  if (a[1]) {
    if (!is_str(a[1])) return raise(&exc_TypeError, "to_bytes() argument 'byteorder' must be str");
    std::string_view bo = as_str(a[1])->view();
    if (bo == "little") little = true;
    else if (bo != "big") return raise(&exc_ValueError, "byteorder must be either 'little' or 'big'");
  }
  if (length < 0) return raise(&exc_ValueError, "length argument must be non-negative");
  int sgn = a[2] ? truthy(a[2]) : 0;
  std::string out;
  // Allocate first, as CPython does: a length nobody can allocate is MemoryError (raised from
  // std::bad_alloc at the eval loop's boundary) whatever the value.
  out.reserve(static_cast<size_t>(length));
  NumError e = int_to_bigint(self).to_bytes(static_cast<size_t>(length), little, sgn == 1, &out);
  if (e != NumError::Ok) {
    if (!sgn && int_sign(self) < 0) return raise(&exc_OverflowError, "can't convert negative int to unsigned");
    return raise(&exc_OverflowError, "int too big to convert");
  }
  return bytes_new(out);
}

static Ref int_from_bytes(Value cls, const Value* args, size_t nargs, TupleObject* kw) {
  Value a[3] = {};
  if (!parse_args("from_bytes", args, nargs, kw, {"bytes", "byteorder", "*", "signed"}, 1, a)) return Ref();
  std::string_view data;
  Ref converted;
  if (!bytes_like_data(a[0], &data)) {
    // CPython's PyObject_Bytes: __bytes__, a buffer or an iterable of ints (ipaddress passes a
    // map object); an int or a str is refused rather than taken as a size or text.
    if (is_int(a[0]) || is_str(a[0])) {
      return raise_fmt(&exc_TypeError, "cannot convert '{}' object to bytes", type_name(a[0]));
    }
    converted = call1(Value(&bytes_type), a[0]);
    if (!converted) return converted;
    bytes_like_data(converted.get(), &data);
  }
  bool little = a[1] && is_str(a[1]) && as_str(a[1])->view() == "little";
  if (a[1] && is_str(a[1]) && !little && as_str(a[1])->view() != "big")
    return raise(&exc_ValueError, "byteorder must be either 'little' or 'big'");
  int sgn = a[2] ? truthy(a[2]) : 0;
  if (sgn < 0) return Ref();
  Ref r = int_from_bigint(BigInt::from_bytes(reinterpret_cast<const uint8_t*>(data.data()), data.size(),
                                             little, sgn == 1));
  // A subclass (IntEnum, a user class) gets cls(value), as CPython's int_from_bytes_impl.
  if (r && cls != Value(&int_type)) return call1(cls, r.get());
  return r;
}

static Ref int_get_self(Value self) { return int_pos(self); }
static Ref int_get_zero(Value) { return Ref::small(0); }
static Ref int_get_one(Value) { return Ref::small(1); }

// ---------------------------------------------------------------- bool

static Ref bool_repr(Value v) { return str_new(v == True() ? "True" : "False"); }

static Ref bool_new(TypeObject*, const Value* args, size_t nargs, TupleObject* kwnames) {
  if (!check_nargs("bool", nargs, kwnames, 0, 1)) return Ref();
  if (nargs == 0) return bool_ref(false);
  int t = truthy(args[0]);
  if (t < 0) return Ref();
  return bool_ref(t);
}

template <int kOp>
static Ref bool_bitop(Value a, Value b) {
  if (isinstance_exact(a, &bool_type) && isinstance_exact(b, &bool_type)) {
    bool x = a == True(), y = b == True();
    switch (static_cast<NumOp>(kOp)) {
      case NumOp::And: return bool_ref(x && y);
      case NumOp::Or: return bool_ref(x || y);
      default: return bool_ref(x != y);
    }
  }
  return int_nb<kOp>(a, b);
}

IntObject true_object;
IntObject false_object;
// True()/False() (singletons.h) take the objects' addresses as their Object headers'.
static_assert(std::is_base_of_v<Object, IntObject> && !std::is_polymorphic_v<IntObject>);

void int_types_init() {
  int_type.name = "int";
  int_type.flags = kTypeBaseType | kTypeIntSubclass | kTypeLeaf;
  int_type.basic_size = sizeof(IntObject);
  int_type.subclass_dict_offset = offsetof(IntObject, dict);
  int_type.dealloc = int_dealloc;
  int_type.repr = int_repr;
  int_type.hash = int_hash_slot;
  int_type.richcompare = int_richcompare;
  int_type.new_ = int_new_slot;
#define SET_NB(op) int_type.nb[static_cast<int>(NumOp::op)] = int_nb<static_cast<int>(NumOp::op)>
  SET_NB(Add); SET_NB(Sub); SET_NB(Mul); SET_NB(TrueDiv); SET_NB(FloorDiv); SET_NB(Mod);
  SET_NB(Pow); SET_NB(LShift); SET_NB(RShift); SET_NB(And); SET_NB(Or); SET_NB(Xor);
#undef SET_NB
  int_type.nb_neg = int_neg;
  int_type.nb_pos = int_pos;
  int_type.nb_invert = int_invert;
  int_type.nb_abs = int_abs;
  int_type.nb_bool = int_bool;
  int_type.nb_int = int_int;
  int_type.nb_float = int_float;
  int_type.nb_index = int_int;
  int_type.flags |= kTypeMatchSelf;
  type_ready(&int_type, &object_type);
  add_method(&int_type, "bit_length", int_bit_length);
  add_method(&int_type, "bit_count", int_bit_count);
  add_method(&int_type, "conjugate", int_conjugate);
  add_method(&int_type, "as_integer_ratio", int_as_integer_ratio);
  add_method(&int_type, "__trunc__", int_exact);
  add_method(&int_type, "__floor__", int_exact);
  add_method(&int_type, "__ceil__", int_exact);
  add_method(&int_type, "__getnewargs__", int_getnewargs);
  add_method(&int_type, "to_bytes", int_to_bytes);
  add_method(&int_type, "from_bytes", int_from_bytes, kNativeClassMethod);
  add_method(&int_type, "__index__", [](Value self, const Value*, size_t, TupleObject*) { return int_pos(self); });
  add_getset(&int_type, "real", int_get_self);
  add_getset(&int_type, "imag", int_get_zero);
  add_getset(&int_type, "numerator", int_get_self);
  add_getset(&int_type, "denominator", int_get_one);

  bool_type.name = "bool";
  bool_type.flags = 0;  // bool cannot be subclassed
  bool_type.repr = bool_repr;
  bool_type.new_ = bool_new;
  bool_type.nb[static_cast<int>(NumOp::And)] = bool_bitop<static_cast<int>(NumOp::And)>;
  bool_type.nb[static_cast<int>(NumOp::Or)] = bool_bitop<static_cast<int>(NumOp::Or)>;
  bool_type.nb[static_cast<int>(NumOp::Xor)] = bool_bitop<static_cast<int>(NumOp::Xor)>;
  type_ready(&bool_type, &int_type);
  for (IntObject* b : {&true_object, &false_object}) {
    if (static_cast<Object*>(b) != reinterpret_cast<Object*>(b)) std::abort();  // see True()
    b->type = &bool_type;
    make_immortal(b);
  }
  true_object.big = BigInt(1);
  false_object.big = BigInt(0);
}

}  // namespace minipy::rt
