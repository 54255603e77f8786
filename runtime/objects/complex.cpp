// complex: CPython 3.11's complexobject.c semantics in our own code. Mixed arithmetic with int
// and float converts the other operand to (x, 0.0) first, exactly as CPython does, so signed
// zeros come out the same; there is no //, % or divmod (removed in 3.10).
#include "runtime/objects/complex.h"

#include <cmath>
#include <cstring>
#include <limits>

#include "runtime/errors.h"
#include "runtime/hash.h"
#include "runtime/names.h"
#include "runtime/numfmt.h"
#include "runtime/objects/float.h"
#include "runtime/objects/int.h"
#include "runtime/objects/native.h"
#include "runtime/objects/singletons.h"
#include "runtime/objects/str.h"
#include "runtime/objects/tuple.h"
#include "runtime/ops.h"

namespace minipy::rt {

TypeObject complex_type;

static Ref complex_of_type(TypeObject* type, double re, double im) {
  auto* o = alloc_instance<ComplexObject>(type);
  o->cval = {re, im};
  return Ref::steal(Value(o));
}

Ref complex_new(double real, double imag) { return complex_of_type(&complex_type, real, imag); }

// ---------------------------------------------------------------- primitives

CComplex c_sum(CComplex a, CComplex b) { return {a.real + b.real, a.imag + b.imag}; }
CComplex c_diff(CComplex a, CComplex b) { return {a.real - b.real, a.imag - b.imag}; }
CComplex c_prod(CComplex a, CComplex b) {
  return {a.real * b.real - a.imag * b.imag, a.real * b.imag + a.imag * b.real};
}

// Smith's algorithm: scale by the larger component of the divisor to avoid overflow.
CComplex c_quot(CComplex a, CComplex b, bool* domain_error) {
  const double abs_breal = std::fabs(b.real);
  const double abs_bimag = std::fabs(b.imag);
  if (abs_breal >= abs_bimag) {
    if (abs_breal == 0.0) {
      *domain_error = true;
      return {0.0, 0.0};
    }
    const double ratio = b.imag / b.real;
    const double denom = b.real + b.imag * ratio;
    return {(a.real + a.imag * ratio) / denom, (a.imag - a.real * ratio) / denom};
  }
  if (abs_bimag >= abs_breal) {
    const double ratio = b.real / b.imag;
    const double denom = b.real * ratio + b.imag;
    return {(a.real * ratio + a.imag) / denom, (a.imag * ratio - a.real) / denom};
  }
  // At least one component of b is a NaN.
  const double nan = std::numeric_limits<double>::quiet_NaN();
  return {nan, nan};
}

CComplex c_pow(CComplex a, CComplex b, bool* domain_error) {
  if (b.real == 0.0 && b.imag == 0.0) return {1.0, 0.0};
  if (a.real == 0.0 && a.imag == 0.0) {
    if (b.imag != 0.0 || b.real < 0.0) *domain_error = true;
    return {0.0, 0.0};
  }
  double vabs = std::hypot(a.real, a.imag);
  double len = std::pow(vabs, b.real);
  double at = std::atan2(a.imag, a.real);
  double phase = at * b.real;
  if (b.imag != 0.0) {
    len /= std::exp(at * b.imag);
    phase += b.imag * std::log(vabs);
  }
  return {len * std::cos(phase), len * std::sin(phase)};
}

// x ** n for a small non-negative integer n by repeated squaring (CPython's c_powu), which
// is exact where the polar form is not: (1+1j)**2 == 2j.
static CComplex c_powu(CComplex x, long n) {
  CComplex r{1.0, 0.0}, p = x;
  long mask = 1;
  while (mask > 0 && n >= mask) {
    if (n & mask) r = c_prod(r, p);
    mask <<= 1;
    p = c_prod(p, p);
  }
  return r;
}

static CComplex c_powi(CComplex x, long n, bool* domain_error) {
  if (n > 0) return c_powu(x, n);
  return c_quot({1.0, 0.0}, c_powu(x, -n), domain_error);
}

double c_abs(CComplex z, bool* overflow) {
  if (!std::isfinite(z.real) || !std::isfinite(z.imag)) {
    // C99: an infinite part makes the modulus infinite, even with a NaN beside it.
    if (std::isinf(z.real)) return std::fabs(z.real);
    if (std::isinf(z.imag)) return std::fabs(z.imag);
    return std::numeric_limits<double>::quiet_NaN();
  }
  double r = std::hypot(z.real, z.imag);
  if (!std::isfinite(r)) *overflow = true;
  return r;
}

// ---------------------------------------------------------------- conversions

bool to_ccomplex(Value v, CComplex* out) {
  if (is_complex(v)) {
    *out = complex_value(v);
    return true;
  }
  bool found = false;
  Ref c = call_special(v, intern("__complex__"), nullptr, 0, &found);
  if (found) {
    if (!c) return false;
    if (!is_complex(c.get())) {
      raise_fmt(&exc_TypeError, "__complex__ returned non-complex (type {})", type_name(c.get()));
      return false;
    }
    *out = complex_value(c.get());
    return true;
  }
  if (error_pending()) return false;
  TypeObject* t = type_of(v);
  if (!is_float(v) && !is_int(v) && t->nb_float == nullptr && t->nb_index == nullptr) {
    raise_fmt(&exc_TypeError, "must be real number, not {}", t->name);
    return false;
  }
  double d;
  if (!to_double(v, &d)) return false;
  *out = {d, 0.0};
  return true;
}

/// The other operand of a binary operation: complex, int or float; false = NotImplemented
/// (or an OverflowError pending for a huge int: check error_pending()).
static bool operand(Value v, CComplex* out) {
  if (is_complex(v)) {
    *out = complex_value(v);
    return true;
  }
  if (is_int(v)) {
    bool overflow = false;
    double d = int_to_double(v, &overflow);
    if (overflow) {
      raise(&exc_OverflowError, "int too large to convert to float");
      return false;
    }
    *out = {d, 0.0};
    return true;
  }
  if (is_float(v) || isinstance(v, &float_type)) {
    *out = {static_cast<FloatObject*>(v.obj())->value, 0.0};
    return true;
  }
  return false;
}

// ---------------------------------------------------------------- arithmetic

static Ref complex_power(CComplex a, CComplex b) {
  bool edom = false;
  CComplex p;
  // Small integral exponents use repeated multiplication: faster and exact.
  if (b.imag == 0.0 && b.real == std::floor(b.real) && std::fabs(b.real) <= 100.0) {
    p = c_powi(a, static_cast<long>(b.real), &edom);
  } else {
    p = c_pow(a, b, &edom);
  }
  if (edom) return raise(&exc_ZeroDivisionError, "0.0 to a negative or complex power");
  // CPython's _Py_ADJUST_ERANGE2: an infinite component is an overflow.
  if (std::isinf(p.real) || std::isinf(p.imag))
    return raise(&exc_OverflowError, "complex exponentiation");
  return complex_new(p);
}

template <int kOp>
static Ref complex_nb(Value x, Value y) {
  CComplex a, b;
  if (!operand(x, &a) || !operand(y, &b)) return error_pending() ? Ref() : not_implemented_ref();
  switch (static_cast<NumOp>(kOp)) {
    case NumOp::Add:
      return complex_new(c_sum(a, b));
    case NumOp::Sub:
      return complex_new(c_diff(a, b));
    case NumOp::Mul:
      return complex_new(c_prod(a, b));
    case NumOp::TrueDiv: {
      bool edom = false;
      CComplex q = c_quot(a, b, &edom);
      if (edom) return raise(&exc_ZeroDivisionError, "complex division by zero");
      return complex_new(q);
    }
    case NumOp::Pow:
      return complex_power(a, b);
    default:
      return not_implemented_ref();
  }
}

/// float ** float with a negative base and a fractional exponent lands here (float.cpp).
Ref complex_float_power(double x, double y) { return complex_power({x, 0.0}, {y, 0.0}); }

static Ref complex_neg(Value v) {
  CComplex c = complex_value(v);
  return complex_new(-c.real, -c.imag);
}
static Ref complex_pos(Value v) {
  if (v.obj()->type == &complex_type) return Ref::new_ref(v);
  return complex_new(complex_value(v));
}
static Ref complex_abs(Value v) {
  bool overflow = false;
  double r = c_abs(complex_value(v), &overflow);
  if (overflow) return raise(&exc_OverflowError, "absolute value too large");
  return float_new(r);
}
static int complex_bool(Value v) {
  CComplex c = complex_value(v);
  return c.real != 0.0 || c.imag != 0.0;
}

// ---------------------------------------------------------------- comparison and hash

static Ref complex_richcompare(Value a, Value b, CmpOp op) {
  if (op != CmpOp::Eq && op != CmpOp::Ne) return not_implemented_ref();
  CComplex x = complex_value(a);
  bool equal;
  if (is_int(b)) {
    // Exact: compare the real part with the int as float == int does (no rounding of b).
    if (x.imag != 0.0) {
      equal = false;
    } else {
      Ref re = float_new(x.real);
      return compare(re.get(), b, op);
    }
  } else if (is_float(b) || isinstance(b, &float_type)) {
    equal = x.real == static_cast<FloatObject*>(b.obj())->value && x.imag == 0.0;
  } else if (is_complex(b)) {
    CComplex y = complex_value(b);
    equal = x.real == y.real && x.imag == y.imag;
  } else {
    return not_implemented_ref();
  }
  return bool_ref(op == CmpOp::Eq ? equal : !equal);
}

static bool complex_hash(Value v, int64_t* out) {
  CComplex c = complex_value(v);
  // CPython's _Py_HashDouble: a NaN part hashes by the object's identity.
  auto part = [&](double d) -> uint64_t {
    return static_cast<uint64_t>(std::isnan(d) ? hash_pointer(v.obj()) : float_hash(d));
  };
  uint64_t combined = part(c.real) + static_cast<uint64_t>(kHashImag) * part(c.imag);
  auto h = static_cast<int64_t>(combined);
  *out = h == -1 ? -2 : h;
  return true;
}

// ---------------------------------------------------------------- repr

std::string complex_repr_text(CComplex c) {
  // A +0.0 real part is left out, and so are the parentheses: 2j, -0j, nanj.
  if (c.real == 0.0 && !std::signbit(c.real)) return double_to_string(c.imag, 'r', 0) + "j";
  std::string im = double_to_string(c.imag, 'r', 0);
  if (im[0] != '-') im.insert(im.begin(), '+');
  return "(" + double_to_string(c.real, 'r', 0) + im + "j)";
}

static Ref complex_repr(Value v) { return str_new(complex_repr_text(complex_value(v))); }

// ---------------------------------------------------------------- construction

namespace {

bool is_space(char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }

bool ci_prefix(const char* s, const char* word) {
  for (; *word; ++s, ++word) {
    if (std::tolower(static_cast<unsigned char>(*s)) != *word) return false;
  }
  return true;
}

/// CPython's PyOS_string_to_double without an overflow exception: the longest prefix of `s`
/// that is a Python float ('1.5e3', '.5', 'inf', '-Infinity', 'nan'); *end == s when none.
double parse_float_prefix(const char* s, const char** end) {
  const char* p = s;
  bool neg = false;
  if (*p == '+' || *p == '-') neg = *p++ == '-';
  double sign = neg ? -1.0 : 1.0;
  if (ci_prefix(p, "infinity")) {
    *end = p + 8;
    return sign * HUGE_VAL;
  }
  if (ci_prefix(p, "inf")) {
    *end = p + 3;
    return sign * HUGE_VAL;
  }
  if (ci_prefix(p, "nan")) {
    *end = p + 3;
    return std::copysign(std::numeric_limits<double>::quiet_NaN(), sign);
  }
  const char* q = p;
  int digits = 0;
  while (*q >= '0' && *q <= '9') ++q, ++digits;
  if (*q == '.') {
    ++q;
    while (*q >= '0' && *q <= '9') ++q, ++digits;
  }
  if (digits == 0) {
    *end = s;
    return 0.0;
  }
  if (*q == 'e' || *q == 'E') {
    const char* e = q + 1;
    if (*e == '+' || *e == '-') ++e;
    if (*e >= '0' && *e <= '9') {
      while (*e >= '0' && *e <= '9') ++e;
      q = e;
    }
  }
  std::string text(s, q);
  *end = q;
  return std::strtod(text.c_str(), nullptr);  // overflow gives +-HUGE_VAL, as CPython
}

/// complex_from_string_inner: '<float>', '<float>j', '<float><signed float>j', with optional
/// surrounding whitespace and one pair of parentheses; false when malformed.
bool parse_complex(const std::string& text, double* re, double* im) {
  const char* s = text.c_str();
  const char* start = s;
  double x = 0.0, y = 0.0;
  bool bracket = false;
  while (is_space(*s)) ++s;
  if (*s == '(') {
    bracket = true;
    ++s;
    while (is_space(*s)) ++s;
  }
  const char* end;
  double z = parse_float_prefix(s, &end);
  if (end != s) {
    s = end;
    if (*s == '+' || *s == '-') {
      x = z;
      y = parse_float_prefix(s, &end);
      if (end != s) {
        s = end;
      } else {
        y = *s == '+' ? 1.0 : -1.0;  // '1+j'
        ++s;
      }
      if (*s != 'j' && *s != 'J') return false;
      ++s;
    } else if (*s == 'j' || *s == 'J') {
      ++s;
      y = z;
    } else {
      x = z;
    }
  } else {
    if (*s == '+' || *s == '-') {
      y = *s == '+' ? 1.0 : -1.0;
      ++s;
    } else {
      y = 1.0;
    }
    if (*s != 'j' && *s != 'J') return false;
    ++s;
  }
  while (is_space(*s)) ++s;
  if (bracket) {
    if (*s != ')') return false;
    ++s;
    while (is_space(*s)) ++s;
  }
  if (static_cast<size_t>(s - start) != text.size()) return false;
  *re = x;
  *im = y;
  return true;
}

Ref complex_from_string(TypeObject* type, Value arg) {
  std::string_view src = as_str(arg)->view();
  // Non-ASCII characters can only make the string malformed (CPython maps Unicode digits and
  // spaces to ASCII first; those still parse here as '?' does not).
  std::string ascii;
  size_t pos = 0;
  while (pos < src.size()) {
    uint32_t cp = utf8_decode(src, pos);
    if (cp == 0x85 || cp == 0xA0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A) ||
        cp == 0x2028 || cp == 0x2029 || cp == 0x202F || cp == 0x205F || cp == 0x3000) {
      ascii.push_back(' ');
    } else {
      ascii.push_back(cp < 0x80 ? static_cast<char>(cp) : '?');
    }
  }
  // Underscores only between digits (CPython's _Py_string_to_number_with_underscores).
  if (ascii.find('_') != std::string::npos) {
    std::string stripped;
    char prev = 0;
    bool ok = true;
    for (char c : ascii) {
      if (c == '_') {
        if (!(prev >= '0' && prev <= '9')) ok = false;
      } else {
        stripped.push_back(c);
        if (prev == '_' && !(c >= '0' && c <= '9')) ok = false;
      }
      prev = c;
    }
    if (prev == '_') ok = false;
    if (!ok) {
      return raise_fmt(&exc_ValueError, "could not convert string to complex: {}",
                       str_repr_text(src));
    }
    ascii = std::move(stripped);
  }
  double re, im;
  if (!parse_complex(ascii, &re, &im))
    return raise(&exc_ValueError, "complex() arg is a malformed string");
  return complex_of_type(type, re, im);
}

bool has_number_slots(Value v) {
  TypeObject* t = type_of(v);
  return is_complex(v) || t->nb_float != nullptr || t->nb_index != nullptr;
}

}  // namespace

static Ref complex_new_slot(TypeObject* type, const Value* args, size_t nargs,
                            TupleObject* kwnames) {
  Value a[2] = {};
  for (size_t k = 0; kwnames != nullptr && k < kwnames->size; k++) {
    std::string_view kname = as_str(kwnames->items()[k])->view();
    if (kname != "real" && kname != "imag")
      return raise_fmt(&exc_TypeError, "'{}' is an invalid keyword argument for complex()", kname);
  }
  if (!parse_args("complex", args, nargs, kwnames, {"real", "imag"}, 0, a)) return Ref();
  Value r = a[0] ? a[0] : Value::from_small(0);
  Value i = a[1];
  if (is_complex(r) && r.obj()->type == &complex_type && !i && type == &complex_type)
    return Ref::new_ref(r);
  if (is_str(r)) {
    if (i) return raise(&exc_TypeError, "complex() can't take second arg if first is a string");
    return complex_from_string(type, r);
  }
  if (i && is_str(i)) return raise(&exc_TypeError, "complex() second arg can't be a string");

  Ref special;
  bool found = false;
  special = call_special(r, intern("__complex__"), nullptr, 0, &found);
  if (found) {
    if (!special) return special;
    if (!is_complex(special.get())) {
      return raise_fmt(&exc_TypeError, "__complex__ returned non-complex (type {})",
                       type_name(special.get()));
    }
    r = special.get();
  } else if (error_pending()) {
    return Ref();
  }
  if (!has_number_slots(r)) {
    return raise_fmt(&exc_TypeError,
                     "complex() first argument must be a string or a number, not '{}'",
                     type_name(r));
  }
  if (i && !has_number_slots(i)) {
    return raise_fmt(&exc_TypeError, "complex() second argument must be a number, not '{}'",
                     type_name(i));
  }
  // real + imag*1j, where either may itself be complex.
  CComplex cr, ci;
  bool cr_complex = false, ci_complex = false;
  if (is_complex(r)) {
    cr = complex_value(r);
    cr_complex = true;
  } else {
    Ref f = number_float(r);
    if (!f) return f;
    cr = {float_value(f.get()), 0.0};
  }
  if (!i) {
    ci.real = cr.imag;
  } else if (is_complex(i)) {
    ci = complex_value(i);
    ci_complex = true;
  } else {
    Ref f = number_float(i);
    if (!f) return f;
    ci.real = float_value(f.get());
  }
  if (ci_complex) cr.real -= ci.imag;
  if (cr_complex && i) ci.real += cr.imag;
  return complex_of_type(type, cr.real, ci.real);
}

// ---------------------------------------------------------------- methods

#define CMETHOD(name) static Ref name(Value self, const Value* args, size_t nargs, TupleObject* kw)

CMETHOD(complex_conjugate) {
  (void)args;
  if (!check_nargs("conjugate", nargs, kw, 0, 0)) return Ref();
  CComplex c = complex_value(self);
  return complex_new(c.real, -c.imag);
}

CMETHOD(complex_getnewargs) {
  (void)args;
  if (!check_nargs("__getnewargs__", nargs, kw, 0, 0)) return Ref();
  CComplex c = complex_value(self);
  Ref re = float_new(c.real), im = float_new(c.imag);
  return tuple_of({re.get(), im.get()});
}

CMETHOD(complex_complex) {
  (void)args;
  if (!check_nargs("__complex__", nargs, kw, 0, 0)) return Ref();
  if (self.obj()->type == &complex_type) return Ref::new_ref(self);
  return complex_new(complex_value(self));
}

CMETHOD(complex_format) {
  if (!check_nargs("__format__", nargs, kw, 1, 1)) return Ref();
  if (!is_str(args[0])) {
    return raise_fmt(&exc_TypeError, "__format__() argument must be str, not {}",
                     type_name(args[0]));
  }
  std::string_view spec = as_str(args[0])->view();
  if (spec.empty()) return to_str(self);
  CComplex c = complex_value(self);
  std::string out, error;
  NumError e = format_complex(c.real, c.imag, spec, type_name(self), &out, &error);
  if (e == NumError::Ok) return str_new(std::move(out));
  return raise(e == NumError::Overflow ? &exc_OverflowError : &exc_ValueError, error);
}

static Ref complex_get_real(Value self) { return float_new(complex_value(self).real); }
static Ref complex_get_imag(Value self) { return float_new(complex_value(self).imag); }

static void complex_dealloc(Object* o) { delete static_cast<ComplexObject*>(o); }

void complex_type_init() {
  complex_type.name = "complex";
  complex_type.text_signature = "(real=0, imag=0)";
  complex_type.flags = kTypeBaseType | kTypeLeaf;
  complex_type.basic_size = sizeof(ComplexObject);
  complex_type.subclass_dict_offset = offsetof(ComplexObject, dict);
  complex_type.dealloc = complex_dealloc;
  complex_type.repr = complex_repr;
  complex_type.hash = complex_hash;
  complex_type.richcompare = complex_richcompare;
  complex_type.new_ = complex_new_slot;
#define SET_NB(op) \
  complex_type.nb[static_cast<int>(NumOp::op)] = complex_nb<static_cast<int>(NumOp::op)>
  SET_NB(Add);
  SET_NB(Sub);
  SET_NB(Mul);
  SET_NB(TrueDiv);
  SET_NB(Pow);
#undef SET_NB
  complex_type.nb_neg = complex_neg;
  complex_type.nb_pos = complex_pos;
  complex_type.nb_abs = complex_abs;
  complex_type.nb_bool = complex_bool;
  type_ready(&complex_type, &object_type);
  add_method(&complex_type, "conjugate", complex_conjugate);
  add_method(&complex_type, "__getnewargs__", complex_getnewargs);
  add_method(&complex_type, "__complex__", complex_complex);
  add_method(&complex_type, "__format__", complex_format);
  add_getset(&complex_type, "real", complex_get_real);
  add_getset(&complex_type, "imag", complex_get_imag);
  Ref doc = str_new(
      "Create a complex number from a real part and an optional imaginary part.\n\n"
      "This is equivalent to (real + imag*1j) where imag defaults to 0.");
  add_attr(&complex_type, "__doc__", doc.get());
}

}  // namespace minipy::rt
