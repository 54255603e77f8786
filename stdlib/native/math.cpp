// The math module: float functions with CPython's error mapping ("math domain error" /
// "math range error"), exact integer functions over big ints (factorial, gcd, lcm, isqrt,
// comb, perm, log of huge ints) and exact summation (fsum, Shewchuk's algorithm as CPython).
#include <algorithm>
#include <cerrno>
#include <cmath>
#include <limits>
#include <numbers>
#include <vector>

#include "runtime/bigint.h"
#include "runtime/errors.h"
#include "runtime/objects/dict.h"
#include "runtime/objects/float.h"
#include "runtime/objects/int.h"
#include "runtime/objects/list.h"
#include "runtime/objects/native.h"
#include "runtime/objects/singletons.h"
#include "runtime/objects/str.h"
#include "runtime/objects/tuple.h"
#include "runtime/ops.h"

namespace minipy::lib {

using namespace rt;

namespace {

#define MATH_FN(name) Ref name(Value self, const Value* args, size_t nargs, TupleObject* kw)

Ref domain_error() { return raise(&exc_ValueError, "math domain error"); }
Ref range_error() { return raise(&exc_OverflowError, "math range error"); }

/// Any real number (float, int, or an object with __float__/__index__) -> double.
bool real_arg(Value v, double* out) {
  if (is_float(v)) {
    *out = float_value(v);
    return true;
  }
  if (is_int(v)) {
    bool overflow = false;
    *out = int_to_double(v, &overflow);
    if (overflow) {
      raise(&exc_OverflowError, "int too large to convert to float");
      return false;
    }
    return true;
  }
  bool found = false;
  Ref f = call_special(v, intern("__float__"), nullptr, 0, &found);
  if (!found) {
    if (error_pending()) return false;
    Ref i = call_special(v, intern("__index__"), nullptr, 0, &found);
    if (!found && !error_pending()) {
      raise_fmt(&exc_TypeError, "must be real number, not {}", type_name(v));
      return false;
    }
    if (!i) return false;
    return real_arg(i.get(), out);
  }
  if (!f) return false;
  if (!is_float(f.get()) && !isinstance(f.get(), &float_type)) {
    raise_fmt(&exc_TypeError, "{}.__float__ returned non-float (type {})", type_name(v), type_name(f.get()));
    return false;
  }
  *out = static_cast<FloatObject*>(f.obj())->value;
  return true;
}

/// An integer argument via __index__ (floats rejected as in CPython >= 3.10).
Ref int_arg(Value v) {
  if (is_int(v)) return Ref::new_ref(v);
  if (is_float(v)) return raise(&exc_TypeError, "'float' object cannot be interpreted as an integer");
  return number_index(v);
}

/// CPython's math_1: maps NaN/inf results of finite inputs to ValueError/OverflowError.
Ref math_1(const char* name, const Value* args, size_t nargs, TupleObject* kw, double (*f)(double),
           bool can_overflow) {
  if (!check_nargs(name, nargs, kw, 1, 1)) return Ref();
  double x;
  if (!real_arg(args[0], &x)) return Ref();
  double r = f(x);
  if (std::isnan(r) && !std::isnan(x)) return domain_error();
  if (std::isinf(r) && std::isfinite(x)) return can_overflow ? range_error() : domain_error();
  return float_new(r);
}

#define MATH_1(pyname, cfn, ovf)                                                              \
  MATH_FN(math_##pyname) {                                                                    \
    return math_1(#pyname, args, nargs, kw, [](double x) -> double { return cfn(x); }, ovf); \
  }
MATH_1(sqrt, std::sqrt, false)
MATH_1(exp, std::exp, true)
MATH_1(exp2, std::exp2, true)
MATH_1(expm1, std::expm1, true)
MATH_1(sin, std::sin, false)
MATH_1(cos, std::cos, false)
MATH_1(tan, std::tan, false)
MATH_1(asin, std::asin, false)
MATH_1(acos, std::acos, false)
MATH_1(atan, std::atan, false)
MATH_1(sinh, std::sinh, true)
MATH_1(cosh, std::cosh, true)
MATH_1(tanh, std::tanh, false)
MATH_1(asinh, std::asinh, false)
MATH_1(acosh, std::acosh, false)
MATH_1(atanh, std::atanh, false)
MATH_1(fabs, std::fabs, false)
MATH_1(erf, std::erf, false)
MATH_1(erfc, std::erfc, false)
MATH_1(cbrt, std::cbrt, false)
#undef MATH_1

MATH_FN(math_log1p) {
  if (!check_nargs("log1p", nargs, kw, 1, 1)) return Ref();
  double x;
  if (!real_arg(args[0], &x)) return Ref();
  if (x <= -1.0) return domain_error();
  return float_new(std::log1p(x));
}

MATH_FN(math_gamma) {
  if (!check_nargs("gamma", nargs, kw, 1, 1)) return Ref();
  double x;
  if (!real_arg(args[0], &x)) return Ref();
  if (std::isnan(x)) return float_new(x);
  if (x == -INFINITY || (x <= 0 && x == std::floor(x))) return domain_error();
  if (x == INFINITY) return float_new(x);
  double r = std::tgamma(x);
  if (std::isinf(r)) return range_error();
  return float_new(r);
}

MATH_FN(math_lgamma) {
  if (!check_nargs("lgamma", nargs, kw, 1, 1)) return Ref();
  double x;
  if (!real_arg(args[0], &x)) return Ref();
  if (std::isnan(x)) return float_new(x);
  if (std::isinf(x)) return float_new(INFINITY);
  if (x <= 0 && x == std::floor(x)) return domain_error();
  int sign;
  double r = lgamma_r(x, &sign);
  if (std::isinf(r)) return range_error();
  return float_new(r);
}

// ---------------------------------------------------------------- logarithms

/// log of a positive number in the given base function; big ints beyond the float range use
/// their frexp (m * 2**e) so math.log(10**1000) works. kind: 0 = ln, 2 = log2, 10 = log10.
bool log_helper(Value v, int kind, double* out) {
  auto f = [kind](double x) { return kind == 0 ? std::log(x) : kind == 2 ? std::log2(x) : std::log10(x); };
  if (is_int(v)) {
    if (int_sign(v) <= 0) return static_cast<bool>(domain_error());
    bool overflow = false;
    double d = int_to_double(v, &overflow);
    if (!overflow) {
      *out = f(d);
      return true;
    }
    int64_t e;
    double m = int_to_bigint(v).frexp(&e);
    *out = f(m) + static_cast<double>(e) * f(2.0);
    return true;
  }
  double x;
  if (!real_arg(v, &x)) return false;
  if (std::isnan(x)) {
    *out = x;
    return true;
  }
  if (x <= 0) return static_cast<bool>(domain_error());
  *out = f(x);
  return true;
}

MATH_FN(math_log) {
  if (!check_nargs("log", nargs, kw, 1, 2)) return Ref();
  double num;
  if (!log_helper(args[0], 0, &num)) return Ref();
  if (nargs == 1) return float_new(num);
  double den;
  if (!log_helper(args[1], 0, &den)) return Ref();
  if (den == 0) return raise(&exc_ZeroDivisionError, "float division by zero");
  return float_new(num / den);
}
MATH_FN(math_log2) {
  if (!check_nargs("log2", nargs, kw, 1, 1)) return Ref();
  double r;
  if (!log_helper(args[0], 2, &r)) return Ref();
  return float_new(r);
}
MATH_FN(math_log10) {
  if (!check_nargs("log10", nargs, kw, 1, 1)) return Ref();
  double r;
  if (!log_helper(args[0], 10, &r)) return Ref();
  return float_new(r);
}

// ---------------------------------------------------------------- two-argument float functions

MATH_FN(math_pow) {
  if (!check_nargs("pow", nargs, kw, 2, 2)) return Ref();
  double x, y;
  if (!real_arg(args[0], &x) || !real_arg(args[1], &y)) return Ref();
  double r;
  if (!std::isfinite(x) || !std::isfinite(y)) {
    if (std::isnan(x)) {
      r = y == 0.0 ? 1.0 : x;
    } else if (std::isnan(y)) {
      r = x == 1.0 ? 1.0 : y;
    } else if (std::isinf(x)) {
      bool odd_y = std::isfinite(y) && std::fmod(std::fabs(y), 2.0) == 1.0;
      if (y > 0) {
        r = odd_y ? x : std::fabs(x);
      } else if (y == 0) {
        r = 1.0;
      } else {
        r = odd_y ? std::copysign(0.0, x) : 0.0;
      }
    } else {  // y is +-inf
      if (std::fabs(x) == 1.0) {
        r = 1.0;
      } else if (y > 0 && std::fabs(x) > 1.0) {
        r = y;
      } else if (y < 0 && std::fabs(x) < 1.0) {
        r = -y;
      } else {
        r = 0.0;
      }
    }
    return float_new(r);
  }
  if (x == 0.0 && y < 0) return domain_error();
  if (x < 0 && y != std::floor(y)) return domain_error();
  r = std::pow(x, y);
  if (std::isinf(r)) return range_error();
  return float_new(r);
}

MATH_FN(math_atan2) {
  if (!check_nargs("atan2", nargs, kw, 2, 2)) return Ref();
  double y, x;
  if (!real_arg(args[0], &y) || !real_arg(args[1], &x)) return Ref();
  return float_new(std::atan2(y, x));
}

MATH_FN(math_fmod) {
  if (!check_nargs("fmod", nargs, kw, 2, 2)) return Ref();
  double x, y;
  if (!real_arg(args[0], &x) || !real_arg(args[1], &y)) return Ref();
  if (std::isinf(y) && std::isfinite(x)) return float_new(x);
  if (std::isnan(x) || std::isnan(y)) return float_new(NAN);
  if (y == 0 || std::isinf(x)) return domain_error();
  return float_new(std::fmod(x, y));
}

MATH_FN(math_remainder) {
  if (!check_nargs("remainder", nargs, kw, 2, 2)) return Ref();
  double x, y;
  if (!real_arg(args[0], &x) || !real_arg(args[1], &y)) return Ref();
  if (std::isnan(x) || std::isnan(y)) return float_new(NAN);
  if (std::isinf(x) || y == 0) return domain_error();
  if (std::isinf(y)) return float_new(x);
  return float_new(std::remainder(x, y));
}

MATH_FN(math_copysign) {
  if (!check_nargs("copysign", nargs, kw, 2, 2)) return Ref();
  double x, y;
  if (!real_arg(args[0], &x) || !real_arg(args[1], &y)) return Ref();
  return float_new(std::copysign(x, y));
}

MATH_FN(math_nextafter) {
  if (!check_nargs("nextafter", nargs, kw, 2, 2)) return Ref();
  double x, y;
  if (!real_arg(args[0], &x) || !real_arg(args[1], &y)) return Ref();
  return float_new(std::nextafter(x, y));
}

MATH_FN(math_ulp) {
  if (!check_nargs("ulp", nargs, kw, 1, 1)) return Ref();
  double x;
  if (!real_arg(args[0], &x)) return Ref();
  if (std::isnan(x)) return float_new(x);
  x = std::fabs(x);
  if (std::isinf(x)) return float_new(x);
  double x2 = std::nextafter(x, INFINITY);
  if (std::isinf(x2)) {
    x2 = std::nextafter(x, -INFINITY);
    return float_new(x - x2);
  }
  return float_new(x2 - x);
}

MATH_FN(math_degrees) {
  if (!check_nargs("degrees", nargs, kw, 1, 1)) return Ref();
  double x;
  if (!real_arg(args[0], &x)) return Ref();
  return float_new(x * (180.0 / std::numbers::pi));
}

MATH_FN(math_radians) {
  if (!check_nargs("radians", nargs, kw, 1, 1)) return Ref();
  double x;
  if (!real_arg(args[0], &x)) return Ref();
  return float_new(x * (std::numbers::pi / 180.0));
}

MATH_FN(math_isfinite) {
  if (!check_nargs("isfinite", nargs, kw, 1, 1)) return Ref();
  double x;
  if (!real_arg(args[0], &x)) return Ref();
  return bool_ref(std::isfinite(x));
}
MATH_FN(math_isinf) {
  if (!check_nargs("isinf", nargs, kw, 1, 1)) return Ref();
  double x;
  if (!real_arg(args[0], &x)) return Ref();
  return bool_ref(std::isinf(x));
}
MATH_FN(math_isnan) {
  if (!check_nargs("isnan", nargs, kw, 1, 1)) return Ref();
  double x;
  if (!real_arg(args[0], &x)) return Ref();
  return bool_ref(std::isnan(x));
}

MATH_FN(math_isclose) {
  Value a[4] = {};
  if (!parse_args("isclose", args, nargs, kw, {"a", "b", "*", "rel_tol", "abs_tol"}, 2, a)) return Ref();
  double x, y, rel = 1e-9, abs_tol = 0.0;
  if (!real_arg(a[0], &x) || !real_arg(a[1], &y)) return Ref();
  if (a[2] && !real_arg(a[2], &rel)) return Ref();
  if (a[3] && !real_arg(a[3], &abs_tol)) return Ref();
  if (rel < 0.0 || abs_tol < 0.0) return raise(&exc_ValueError, "tolerances must be non-negative");
  if (x == y) return bool_ref(true);
  if (std::isinf(x) || std::isinf(y)) return bool_ref(false);
  double diff = std::fabs(y - x);
  return bool_ref(diff <= std::fabs(rel * y) || diff <= std::fabs(rel * x) || diff <= abs_tol);
}

MATH_FN(math_frexp) {
  if (!check_nargs("frexp", nargs, kw, 1, 1)) return Ref();
  double x;
  if (!real_arg(args[0], &x)) return Ref();
  int e = 0;
  double m = x;
  if (std::isfinite(x) && x != 0.0) m = std::frexp(x, &e);
  Ref mf = float_new(m);
  return tuple_of({mf.get(), Value::from_small(e)});
}

MATH_FN(math_ldexp) {
  if (!check_nargs("ldexp", nargs, kw, 2, 2)) return Ref();
  double x;
  if (!real_arg(args[0], &x)) return Ref();
  if (!is_int(args[1])) return raise(&exc_TypeError, "Expected an int as second argument to ldexp.");
  int64_t e;
  if (!int_to_int64(args[1], &e)) {
    clear_exception();
    e = int_sign(args[1]) > 0 ? INT32_MAX : INT32_MIN;
  }
  if (x == 0.0 || !std::isfinite(x)) return float_new(x);
  e = std::clamp<int64_t>(e, INT32_MIN, INT32_MAX);
  double r = std::ldexp(x, static_cast<int>(e));
  if (std::isinf(r)) return range_error();
  return float_new(r);
}

MATH_FN(math_modf) {
  if (!check_nargs("modf", nargs, kw, 1, 1)) return Ref();
  double x;
  if (!real_arg(args[0], &x)) return Ref();
  double ip;
  double frac = std::isinf(x) ? std::copysign(0.0, x) : std::modf(x, &ip);
  if (std::isinf(x)) ip = x;
  Ref a = float_new(frac), b = float_new(ip);
  return tuple_of({a.get(), b.get()});
}

// ---------------------------------------------------------------- rounding to int

/// floor/ceil/trunc: ints pass through, floats round, others use the dunder.
Ref round_to_int(const char* name, const char* dunder, const Value* args, size_t nargs, TupleObject* kw,
                 double (*f)(double)) {
  if (!check_nargs(name, nargs, kw, 1, 1)) return Ref();
  Value v = args[0];
  if (is_int_exact(v)) return Ref::new_ref(v);
  if (is_float(v)) return int_from_double(f(float_value(v)));
  bool found = false;
  Ref r = call_special(v, intern(dunder), nullptr, 0, &found);
  if (found || error_pending()) return r;
  if (std::string_view(name) == "trunc") {
    return raise_fmt(&exc_TypeError, "type {} doesn't define __trunc__ method", type_name(v));
  }
  double x;
  if (!real_arg(v, &x)) return Ref();
  return int_from_double(f(x));
}

MATH_FN(math_floor) {
  return round_to_int("floor", "__floor__", args, nargs, kw, [](double x) { return std::floor(x); });
}
MATH_FN(math_ceil) {
  return round_to_int("ceil", "__ceil__", args, nargs, kw, [](double x) { return std::ceil(x); });
}
MATH_FN(math_trunc) {
  return round_to_int("trunc", "__trunc__", args, nargs, kw, [](double x) { return std::trunc(x); });
}

// ---------------------------------------------------------------- integer functions

/// Product of the integers in [lo, hi), split in halves so big factors multiply evenly.
BigInt range_product(uint64_t lo, uint64_t hi) {
  if (hi <= lo) return BigInt(1);
  if (hi - lo <= 16) {
    BigInt r(1);
    uint64_t acc = 1;
    for (uint64_t i = lo; i < hi; i++) {
      if (acc > (UINT64_MAX >> 1) / i) {  // keep the running word product below 2**63
        r *= BigInt::from_uint64(acc);
        acc = 1;
      }
      acc *= i;
    }
    return r * BigInt::from_uint64(acc);
  }
  uint64_t mid = lo + (hi - lo) / 2;
  return range_product(lo, mid) * range_product(mid, hi);
}

MATH_FN(math_factorial) {
  if (!check_nargs("factorial", nargs, kw, 1, 1)) return Ref();
  Ref n = int_arg(args[0]);
  if (!n) return n;
  if (int_sign(n.get()) < 0) return raise(&exc_ValueError, "factorial() not defined for negative values");
  int64_t k;
  if (!int_to_int64(n.get(), &k) || k > 100000000) {
    clear_exception();
    return raise(&exc_OverflowError, "factorial() argument should not exceed 9223372036854775807");
  }
  return int_from_bigint(range_product(2, static_cast<uint64_t>(k) + 1));
}

MATH_FN(math_gcd) {
  if (kw && as_tuple(Value(kw))->size) return raise(&exc_TypeError, "gcd() takes no keyword arguments");
  BigInt g(0);
  for (size_t i = 0; i < nargs; i++) {
    Ref v = int_arg(args[i]);
    if (!v) return v;
    g = BigInt::gcd(g, int_to_bigint(v.get()));
  }
  return int_from_bigint(std::move(g));
}

MATH_FN(math_lcm) {
  if (kw && as_tuple(Value(kw))->size) return raise(&exc_TypeError, "lcm() takes no keyword arguments");
  BigInt l(1);
  for (size_t i = 0; i < nargs; i++) {
    Ref v = int_arg(args[i]);
    if (!v) return v;
    BigInt b = int_to_bigint(v.get()).abs();
    if (l.is_zero() || b.is_zero()) {
      l = BigInt(0);
      continue;
    }
    BigInt q;
    BigInt::floordiv(l, BigInt::gcd(l, b), &q);
    l = q * b;
  }
  return int_from_bigint(std::move(l));
}

BigInt big_isqrt(const BigInt& n) {
  if (n.is_zero()) return BigInt(0);
  if (n.bit_length() <= 52) {
    auto x = static_cast<int64_t>(std::sqrt(static_cast<double>(n.to_int64())));
    while (x * x > n.to_int64()) x--;
    while ((x + 1) * (x + 1) <= n.to_int64()) x++;
    return BigInt(x);
  }
  // Newton's iteration from above: x_{k+1} = (x_k + n / x_k) / 2 decreases to isqrt(n).
  BigInt x = BigInt(1) << ((n.bit_length() + 1) / 2);
  for (;;) {
    BigInt q;
    BigInt::floordiv(n, x, &q);
    BigInt y = (x + q) >> 1;
    if (y >= x) return x;
    x = std::move(y);
  }
}

MATH_FN(math_isqrt) {
  if (!check_nargs("isqrt", nargs, kw, 1, 1)) return Ref();
  Ref n = int_arg(args[0]);
  if (!n) return n;
  if (int_sign(n.get()) < 0) return raise(&exc_ValueError, "isqrt() argument must be nonnegative");
  return int_from_bigint(big_isqrt(int_to_bigint(n.get())));
}

/// n * (n-1) * ... * (n-k+1) for big n and small k.
BigInt falling_product(const BigInt& n, uint64_t k) {
  if (k == 0) return BigInt(1);
  if (k == 1) return n;
  uint64_t half = k / 2;
  return falling_product(n, half) * falling_product(n - BigInt::from_uint64(half), k - half);
}

bool comb_perm_args(const char* name, const Value* args, size_t nargs, TupleObject* kw, size_t minargs,
                    Ref* n, Ref* k) {
  if (!check_nargs(name, nargs, kw, minargs, 2)) return false;
  *n = int_arg(args[0]);
  if (!*n) return false;
  if (nargs < 2 || (minargs == 1 && is_none(args[1]))) {  // perm(n, None) is perm(n); comb needs k
    *k = Ref();
  } else {
    *k = int_arg(args[1]);
    if (!*k) return false;
  }
  if (int_sign(n->get()) < 0) return static_cast<bool>(raise(&exc_ValueError, "n must be a non-negative integer"));
  if (*k && int_sign(k->get()) < 0) {
    return static_cast<bool>(raise(&exc_ValueError, "k must be a non-negative integer"));
  }
  return true;
}

MATH_FN(math_perm) {
  Ref n, k;
  if (!comb_perm_args("perm", args, nargs, kw, 1, &n, &k)) return Ref();
  BigInt bn = int_to_bigint(n.get());
  if (!k) {
    if (!bn.fits_int64()) return raise(&exc_OverflowError, "factorial() argument should not exceed 9223372036854775807");
    return int_from_bigint(range_product(2, static_cast<uint64_t>(bn.to_int64()) + 1));
  }
  BigInt bk = int_to_bigint(k.get());
  if (bk > bn) return Ref::small(0);
  if (!bk.fits_int64()) return raise(&exc_OverflowError, "k must not exceed 9223372036854775807");
  return int_from_bigint(falling_product(bn, static_cast<uint64_t>(bk.to_int64())));
}

MATH_FN(math_comb) {
  Ref n, k;
  if (!comb_perm_args("comb", args, nargs, kw, 2, &n, &k)) return Ref();
  BigInt bn = int_to_bigint(n.get());
  BigInt bk = int_to_bigint(k.get());
  if (bk > bn) return Ref::small(0);
  BigInt rest = bn - bk;
  if (rest < bk) bk = rest;
  if (!bk.fits_int64()) return raise(&exc_OverflowError, "min(n - k, k) must not exceed 9223372036854775807");
  auto kk = static_cast<uint64_t>(bk.to_int64());
  BigInt q;
  BigInt::floordiv(falling_product(bn, kk), range_product(2, kk + 1), &q);
  return int_from_bigint(std::move(q));
}

// ---------------------------------------------------------------- sums, products, norms

/// Exact float summation: CPython's msum (Shewchuk's partials, then a correctly rounded total).
MATH_FN(math_fsum) {
  if (!check_nargs("fsum", nargs, kw, 1, 1)) return Ref();
  Ref it = get_iter(args[0]);
  if (!it) return it;
  std::vector<double> p;
  double special_sum = 0.0, inf_sum = 0.0;
  for (;;) {
    Ref item = iter_next(it.get());
    if (!item) {
      if (error_pending()) return Ref();
      break;
    }
    double x;
    if (!real_arg(item.get(), &x)) return Ref();
    double xsave = x;
    size_t i = 0;
    for (double y : p) {
      if (std::fabs(x) < std::fabs(y)) std::swap(x, y);
      double hi = x + y;
      double lo = y - (hi - x);
      if (lo != 0.0) p[i++] = lo;
      x = hi;
    }
    p.resize(i);
    if (x != 0.0) {
      if (!std::isfinite(x)) {
        // A non-finite x is an intermediate overflow, or an inf/nan among the summands.
        if (std::isfinite(xsave)) return raise(&exc_OverflowError, "intermediate overflow in fsum");
        if (std::isinf(xsave)) inf_sum += xsave;
        special_sum += xsave;
        p.clear();
      } else {
        p.push_back(x);
      }
    }
  }
  if (special_sum != 0.0) {
    if (std::isnan(inf_sum)) return raise(&exc_ValueError, "-inf + inf in fsum");
    return float_new(special_sum);
  }
  double hi = 0.0;
  size_t n = p.size();
  if (n > 0) {
    hi = p[--n];
    double lo = 0.0;
    // Sum from the top until the result is inexact.
    while (n > 0) {
      double x = hi;
      double y = p[--n];
      hi = x + y;
      double yr = hi - x;
      lo = y - yr;
      if (lo != 0.0) break;
    }
    // Round half-even correctly: if the remaining partials push lo past the halfway point.
    if (n > 0 && ((lo < 0.0 && p[n - 1] < 0.0) || (lo > 0.0 && p[n - 1] > 0.0))) {
      double y = lo * 2.0;
      double x = hi + y;
      double yr = x - hi;
      if (y == yr) hi = x;
    }
  }
  return float_new(hi);
}

MATH_FN(math_prod) {
  Value a[2] = {};
  if (!parse_args("prod", args, nargs, kw, {"iterable", "*", "start"}, 1, a)) return Ref();
  Ref acc = a[1] ? Ref::new_ref(a[1]) : Ref::small(1);
  Ref it = get_iter(a[0]);
  if (!it) return it;
  for (;;) {
    Ref item = iter_next(it.get());
    if (!item) {
      if (error_pending()) return Ref();
      return acc;
    }
    acc = binary_op(acc.get(), item.get(), NumOp::Mul);
    if (!acc) return acc;
  }
}

/// sqrt(sum(x*x)) without spurious overflow/underflow: scale by the largest magnitude.
double vector_norm(const std::vector<double>& v) {
  double max = 0.0;
  bool found_nan = false;
  for (double x : v) {
    double ax = std::fabs(x);
    if (std::isinf(ax)) return INFINITY;
    if (std::isnan(ax)) found_nan = true;
    if (ax > max) max = ax;
  }
  if (found_nan) return NAN;
  if (max == 0.0 || v.size() <= 1) return max;
  if (v.size() == 2) return std::hypot(v[0], v[1]);
  // Compensated (Neumaier) sum of the scaled squares.
  double sum = 0.0, comp = 0.0;
  for (double x : v) {
    double s = x / max;
    double sq = s * s;
    double t = sum + sq;
    comp += std::fabs(sum) >= std::fabs(sq) ? (sum - t) + sq : (sq - t) + sum;
    sum = t;
  }
  return max * std::sqrt(sum + comp);
}

MATH_FN(math_hypot) {
  if (kw && as_tuple(Value(kw))->size) return raise(&exc_TypeError, "hypot() takes no keyword arguments");
  std::vector<double> v(nargs);
  for (size_t i = 0; i < nargs; i++) {
    if (!real_arg(args[i], &v[i])) return Ref();
  }
  return float_new(vector_norm(v));
}

MATH_FN(math_dist) {
  if (!check_nargs("dist", nargs, kw, 2, 2)) return Ref();
  if (!is_tuple(args[0]) && !is_list(args[0])) return raise(&exc_TypeError, "dist(): argument 1 must be tuple");
  if (!is_tuple(args[1]) && !is_list(args[1])) return raise(&exc_TypeError, "dist(): argument 2 must be tuple");
  Ref p = list_from_iterable(args[0]), q = list_from_iterable(args[1]);
  if (!p || !q) return Ref();
  auto& pi = as_list(p.get())->items;
  auto& qi = as_list(q.get())->items;
  if (pi.size() != qi.size()) return raise(&exc_ValueError, "both points must have the same number of dimensions");
  std::vector<double> d(pi.size());
  for (size_t i = 0; i < pi.size(); i++) {
    double x, y;
    if (!real_arg(pi[i], &x) || !real_arg(qi[i], &y)) return Ref();
    d[i] = x - y;
  }
  return float_new(vector_norm(d));
}

}  // namespace

bool init_math(Value module, DictObject* ns) {
  dict_set_cstr(ns, "pi", float_new(std::numbers::pi).get());
  dict_set_cstr(ns, "e", float_new(std::numbers::e).get());
  dict_set_cstr(ns, "tau", float_new(2 * std::numbers::pi).get());
  dict_set_cstr(ns, "inf", float_new(INFINITY).get());
  dict_set_cstr(ns, "nan", float_new(NAN).get());
  static const struct {
    const char* name;
    NativeFn fn;
  } kFns[] = {
      {"sqrt", math_sqrt},         {"exp", math_exp},           {"exp2", math_exp2},
      {"expm1", math_expm1},       {"sin", math_sin},           {"cos", math_cos},
      {"tan", math_tan},           {"asin", math_asin},         {"acos", math_acos},
      {"atan", math_atan},         {"sinh", math_sinh},         {"cosh", math_cosh},
      {"tanh", math_tanh},         {"asinh", math_asinh},       {"acosh", math_acosh},
      {"atanh", math_atanh},       {"fabs", math_fabs},         {"erf", math_erf},
      {"erfc", math_erfc},         {"cbrt", math_cbrt},         {"log1p", math_log1p},
      {"gamma", math_gamma},       {"lgamma", math_lgamma},     {"log", math_log},
      {"log2", math_log2},         {"log10", math_log10},       {"pow", math_pow},
      {"atan2", math_atan2},       {"fmod", math_fmod},         {"remainder", math_remainder},
      {"copysign", math_copysign}, {"nextafter", math_nextafter}, {"ulp", math_ulp},
      {"degrees", math_degrees},   {"radians", math_radians},   {"isfinite", math_isfinite},
      {"isinf", math_isinf},       {"isnan", math_isnan},       {"isclose", math_isclose},
      {"frexp", math_frexp},       {"ldexp", math_ldexp},       {"modf", math_modf},
      {"floor", math_floor},       {"ceil", math_ceil},         {"trunc", math_trunc},
      {"factorial", math_factorial}, {"gcd", math_gcd},         {"lcm", math_lcm},
      {"isqrt", math_isqrt},       {"perm", math_perm},         {"comb", math_comb},
      {"fsum", math_fsum},         {"prod", math_prod},         {"hypot", math_hypot},
      {"dist", math_dist},
  };
  for (const auto& f : kFns) add_function(ns, module, f.name, f.fn);
  return true;
}

}  // namespace minipy::lib
