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

Ref domain_error() { return raise(&exc_ValueError, "math domain error"); }
Ref range_error() { return raise(&exc_OverflowError, "math range error"); }

/// An integer argument via __index__ (floats rejected as in CPython >= 3.10).
Ref int_arg(Value v) {
  if (is_int(v)) return Ref::new_ref(v);
  if (is_float(v))
    return raise(&exc_TypeError, "'float' object cannot be interpreted as an integer");
  return number_index(v);
}

/// CPython's math_1: maps NaN/inf results of finite inputs to ValueError/OverflowError.
Ref math_1(double x, double (*f)(double), bool can_overflow) {
  double r = f(x);
  if (std::isnan(r) && !std::isnan(x)) return domain_error();
  if (std::isinf(r) && std::isfinite(x)) return can_overflow ? range_error() : domain_error();
  return float_new(r);
}

#define MATH_1(pyname, cfn, ovf)                                   \
  Ref math_##pyname(Value, NativeArgs& a) {                        \
    return math_1(                                                 \
        a.f64(0), [](double x) -> double { return cfn(x); }, ovf); \
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

Ref math_log1p(Value, NativeArgs& a) {
  double x = a.f64(0);
  if (x <= -1.0) return domain_error();
  return float_new(std::log1p(x));
}

Ref math_gamma(Value, NativeArgs& a) {
  double x = a.f64(0);
  if (std::isnan(x)) return float_new(x);
  if (x == -INFINITY || (x <= 0 && x == std::floor(x))) return domain_error();
  if (x == INFINITY) return float_new(x);
  double r = std::tgamma(x);
  if (std::isinf(r)) return range_error();
  return float_new(r);
}

Ref math_lgamma(Value, NativeArgs& a) {
  double x = a.f64(0);
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
  auto f = [kind](double x) {
    return kind == 0 ? std::log(x) : kind == 2 ? std::log2(x) : std::log10(x);
  };
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
  if (!convert_to_double(v, &x)) return false;
  if (std::isnan(x)) {
    *out = x;
    return true;
  }
  if (x <= 0) return static_cast<bool>(domain_error());
  *out = f(x);
  return true;
}

/// log(x[, base]): an optional group in CPython (METH_VARARGS), hence its own count message.
Ref math_log(Value, NativeArgs& a) {
  std::span<const Value> args = a.varargs();
  if (args.empty() || args.size() > 2)
    return raise(&exc_TypeError, "math.log requires 1 to 2 arguments");
  double num;
  if (!log_helper(args[0], 0, &num)) return Ref();
  if (args.size() == 1) return float_new(num);
  double den;
  if (!log_helper(args[1], 0, &den)) return Ref();
  if (den == 0) return raise(&exc_ZeroDivisionError, "float division by zero");
  return float_new(num / den);
}
Ref math_log2(Value, NativeArgs& a) {
  double r;
  if (!log_helper(a[0], 2, &r)) return Ref();
  return float_new(r);
}
Ref math_log10(Value, NativeArgs& a) {
  double r;
  if (!log_helper(a[0], 10, &r)) return Ref();
  return float_new(r);
}

// ---------------------------------------------------------------- two-argument float functions

Ref math_pow(Value, NativeArgs& a) {
  double x = a.f64(0), y = a.f64(1);
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

Ref math_atan2(Value, NativeArgs& a) {
  double y = a.f64(0), x = a.f64(1);
  return float_new(std::atan2(y, x));
}

Ref math_fmod(Value, NativeArgs& a) {
  double x = a.f64(0), y = a.f64(1);
  if (std::isinf(y) && std::isfinite(x)) return float_new(x);
  if (std::isnan(x) || std::isnan(y)) return float_new(NAN);
  if (y == 0 || std::isinf(x)) return domain_error();
  return float_new(std::fmod(x, y));
}

Ref math_remainder(Value, NativeArgs& a) {
  double x = a.f64(0), y = a.f64(1);
  if (std::isnan(x) || std::isnan(y)) return float_new(NAN);
  if (std::isinf(x) || y == 0) return domain_error();
  if (std::isinf(y)) return float_new(x);
  return float_new(std::remainder(x, y));
}

Ref math_copysign(Value, NativeArgs& a) {
  double x = a.f64(0), y = a.f64(1);
  return float_new(std::copysign(x, y));
}

Ref math_nextafter(Value, NativeArgs& a) {
  double x = a.f64(0), y = a.f64(1);
  return float_new(std::nextafter(x, y));
}

Ref math_ulp(Value, NativeArgs& a) {
  double x = a.f64(0);
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

Ref math_degrees(Value, NativeArgs& a) {
  double x = a.f64(0);
  return float_new(x * (180.0 / std::numbers::pi));
}

Ref math_radians(Value, NativeArgs& a) {
  double x = a.f64(0);
  return float_new(x * (std::numbers::pi / 180.0));
}

Ref math_isfinite(Value, NativeArgs& a) {
  double x = a.f64(0);
  return bool_ref(std::isfinite(x));
}
Ref math_isinf(Value, NativeArgs& a) {
  double x = a.f64(0);
  return bool_ref(std::isinf(x));
}
Ref math_isnan(Value, NativeArgs& a) {
  double x = a.f64(0);
  return bool_ref(std::isnan(x));
}

Ref math_isclose(Value, NativeArgs& a) {
  double x = a.f64(0), y = a.f64(1), rel = a.f64(2), abs_tol = a.f64(3);
  if (rel < 0.0 || abs_tol < 0.0) return raise(&exc_ValueError, "tolerances must be non-negative");
  if (x == y) return bool_ref(true);
  if (std::isinf(x) || std::isinf(y)) return bool_ref(false);
  double diff = std::fabs(y - x);
  return bool_ref(diff <= std::fabs(rel * y) || diff <= std::fabs(rel * x) || diff <= abs_tol);
}

Ref math_frexp(Value, NativeArgs& a) {
  double x = a.f64(0);
  int e = 0;
  double m = x;
  if (std::isfinite(x) && x != 0.0) m = std::frexp(x, &e);
  Ref mf = float_new(m);
  return tuple_of({mf.get(), Value::from_small(e)});
}

Ref math_ldexp(Value, NativeArgs& a) {
  double x = a.f64(0);
  if (!is_int(a[1])) return raise(&exc_TypeError, "Expected an int as second argument to ldexp.");
  int64_t e;
  if (!int_to_int64(a[1], &e)) {
    clear_exception();
    e = int_sign(a[1]) > 0 ? INT32_MAX : INT32_MIN;
  }
  if (x == 0.0 || !std::isfinite(x)) return float_new(x);
  e = std::clamp<int64_t>(e, INT32_MIN, INT32_MAX);
  double r = std::ldexp(x, static_cast<int>(e));
  if (std::isinf(r)) return range_error();
  return float_new(r);
}

Ref math_modf(Value, NativeArgs& a) {
  double x = a.f64(0);
  double ip;
  double frac = std::isinf(x) ? std::copysign(0.0, x) : std::modf(x, &ip);
  if (std::isinf(x)) ip = x;
  Ref f = float_new(frac), i = float_new(ip);
  return tuple_of({f.get(), i.get()});
}

// ---------------------------------------------------------------- rounding to int

/// floor/ceil/trunc: ints pass through, floats round, others use the dunder.
Ref round_to_int(const char* name, const char* dunder, Value v, double (*f)(double)) {
  if (is_int_exact(v)) return Ref::new_ref(v);
  if (is_float(v)) return int_from_double(f(float_value(v)));
  bool found = false;
  Ref r = call_special(v, intern(dunder), nullptr, 0, &found);
  if (found || error_pending()) return r;
  if (std::string_view(name) == "trunc") {
    return raise_fmt(&exc_TypeError, "type {} doesn't define __trunc__ method", type_name(v));
  }
  double x;
  if (!convert_to_double(v, &x)) return Ref();
  return int_from_double(f(x));
}

Ref math_floor(Value, NativeArgs& a) {
  return round_to_int("floor", "__floor__", a[0], [](double x) { return std::floor(x); });
}
Ref math_ceil(Value, NativeArgs& a) {
  return round_to_int("ceil", "__ceil__", a[0], [](double x) { return std::ceil(x); });
}
Ref math_trunc(Value, NativeArgs& a) {
  return round_to_int("trunc", "__trunc__", a[0], [](double x) { return std::trunc(x); });
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

Ref math_factorial(Value, NativeArgs& a) {
  Ref n = int_arg(a[0]);
  if (!n) return n;
  if (int_sign(n.get()) < 0)
    return raise(&exc_ValueError, "factorial() not defined for negative values");
  int64_t k;
  if (!int_to_int64(n.get(), &k) || k > 100000000) {
    clear_exception();
    return raise(&exc_OverflowError, "factorial() argument should not exceed 9223372036854775807");
  }
  return int_from_bigint(range_product(2, static_cast<uint64_t>(k) + 1));
}

Ref math_gcd(Value, NativeArgs& a) {
  BigInt g(0);
  for (Value arg : a.varargs()) {
    Ref v = int_arg(arg);
    if (!v) return v;
    g = BigInt::gcd(g, int_to_bigint(v.get()));
  }
  return int_from_bigint(std::move(g));
}

Ref math_lcm(Value, NativeArgs& a) {
  BigInt l(1);
  for (Value arg : a.varargs()) {
    Ref v = int_arg(arg);
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

Ref math_isqrt(Value, NativeArgs& a) {
  Ref n = int_arg(a[0]);
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

bool comb_perm_args(NativeArgs& a, Ref* n, Ref* k) {
  *n = int_arg(a[0]);
  if (!*n) return false;
  if (!a.given(1)) {  // perm(n) and perm(n, None) (the "?" converter); comb requires k
    *k = Ref();
  } else {
    *k = int_arg(a[1]);
    if (!*k) return false;
  }
  if (int_sign(n->get()) < 0)
    return static_cast<bool>(raise(&exc_ValueError, "n must be a non-negative integer"));
  if (*k && int_sign(k->get()) < 0) {
    return static_cast<bool>(raise(&exc_ValueError, "k must be a non-negative integer"));
  }
  return true;
}

Ref math_perm(Value, NativeArgs& a) {
  Ref n, k;
  if (!comb_perm_args(a, &n, &k)) return Ref();
  BigInt bn = int_to_bigint(n.get());
  if (!k) {
    if (!bn.fits_int64())
      return raise(&exc_OverflowError,
                   "factorial() argument should not exceed 9223372036854775807");
    return int_from_bigint(range_product(2, static_cast<uint64_t>(bn.to_int64()) + 1));
  }
  BigInt bk = int_to_bigint(k.get());
  if (bk > bn) return Ref::small(0);
  if (!bk.fits_int64()) return raise(&exc_OverflowError, "k must not exceed 9223372036854775807");
  return int_from_bigint(falling_product(bn, static_cast<uint64_t>(bk.to_int64())));
}

Ref math_comb(Value, NativeArgs& a) {
  Ref n, k;
  if (!comb_perm_args(a, &n, &k)) return Ref();
  BigInt bn = int_to_bigint(n.get());
  BigInt bk = int_to_bigint(k.get());
  if (bk > bn) return Ref::small(0);
  BigInt rest = bn - bk;
  if (rest < bk) bk = rest;
  if (!bk.fits_int64())
    return raise(&exc_OverflowError, "min(n - k, k) must not exceed 9223372036854775807");
  auto kk = static_cast<uint64_t>(bk.to_int64());
  BigInt q;
  BigInt::floordiv(falling_product(bn, kk), range_product(2, kk + 1), &q);
  return int_from_bigint(std::move(q));
}

// ---------------------------------------------------------------- sums, products, norms

/// Exact float summation: CPython's msum (Shewchuk's partials, then a correctly rounded total).
Ref math_fsum(Value, NativeArgs& a) {
  Ref it = get_iter(a[0]);
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
    if (!convert_to_double(item.get(), &x)) return Ref();
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

Ref math_prod(Value, NativeArgs& a) {
  Ref acc = Ref::new_ref(a[1]);
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

Ref math_hypot(Value, NativeArgs& a) {
  std::span<const Value> args = a.varargs();
  std::vector<double> v(args.size());
  for (size_t i = 0; i < args.size(); i++) {
    if (!convert_to_double(args[i], &v[i])) return Ref();
  }
  return float_new(vector_norm(v));
}

Ref math_dist(Value, NativeArgs& a) {
  Ref p = list_from_iterable(a[0]), q = list_from_iterable(a[1]);
  if (!p || !q) return Ref();
  auto& pi = as_list(p.get())->items;
  auto& qi = as_list(q.get())->items;
  if (pi.size() != qi.size())
    return raise(&exc_ValueError, "both points must have the same number of dimensions");
  std::vector<double> d(pi.size());
  for (size_t i = 0; i < pi.size(); i++) {
    double x, y;
    if (!convert_to_double(pi[i], &x) || !convert_to_double(qi[i], &y)) return Ref();
    d[i] = x - y;
  }
  return float_new(vector_norm(d));
}

const NativeDef kMathFunctions[] = {
    {"sqrt($module, x: double, /)", math_sqrt},
    {"exp($module, x: double, /)", math_exp},
    {"exp2($module, x: double, /)", math_exp2},
    {"expm1($module, x: double, /)", math_expm1},
    {"sin($module, x: double, /)", math_sin},
    {"cos($module, x: double, /)", math_cos},
    {"tan($module, x: double, /)", math_tan},
    {"asin($module, x: double, /)", math_asin},
    {"acos($module, x: double, /)", math_acos},
    {"atan($module, x: double, /)", math_atan},
    {"sinh($module, x: double, /)", math_sinh},
    {"cosh($module, x: double, /)", math_cosh},
    {"tanh($module, x: double, /)", math_tanh},
    {"asinh($module, x: double, /)", math_asinh},
    {"acosh($module, x: double, /)", math_acosh},
    {"atanh($module, x: double, /)", math_atanh},
    {"fabs($module, x: double, /)", math_fabs},
    {"erf($module, x: double, /)", math_erf},
    {"erfc($module, x: double, /)", math_erfc},
    {"cbrt($module, x: double, /)", math_cbrt},
    {"log1p($module, x: double, /)", math_log1p},
    {"gamma($module, x: double, /)", math_gamma},
    {"lgamma($module, x: double, /)", math_lgamma},
    {"log($module, *args)", math_log, kNativeNoTextSig},
    {"log2($module, x, /)", math_log2},
    {"log10($module, x, /)", math_log10},
    {"pow($module, x: double, y: double, /)", math_pow},
    {"atan2($module, y: double, x: double, /)", math_atan2},
    {"fmod($module, x: double, y: double, /)", math_fmod},
    {"remainder($module, x: double, y: double, /)", math_remainder},
    {"copysign($module, x: double, y: double, /)", math_copysign},
    {"nextafter($module, x: double, y: double, /)", math_nextafter},
    {"ulp($module, x: double, /)", math_ulp},
    {"degrees($module, x: double, /)", math_degrees},
    {"radians($module, x: double, /)", math_radians},
    {"isfinite($module, x: double, /)", math_isfinite},
    {"isinf($module, x: double, /)", math_isinf},
    {"isnan($module, x: double, /)", math_isnan},
    {"isclose($module, /, a: double, b: double, *, rel_tol: double = 1e-09, abs_tol: double = 0.0)",
     math_isclose},
    {"frexp($module, x: double, /)", math_frexp},
    {"ldexp($module, x: double, i, /)", math_ldexp},
    {"modf($module, x: double, /)", math_modf},
    {"floor($module, x, /)", math_floor},
    {"ceil($module, x, /)", math_ceil},
    {"trunc($module, x, /)", math_trunc},
    {"factorial($module, n, /)", math_factorial},
    {"gcd($module, *integers)", math_gcd},
    {"lcm($module, *integers)", math_lcm},
    {"isqrt($module, n, /)", math_isqrt},
    {"perm($module, n, k: object? = None, /)", math_perm},
    {"comb($module, n, k, /)", math_comb},
    {"fsum($module, seq, /)", math_fsum},
    {"prod($module, iterable, /, *, start=1)", math_prod},
    {"hypot($module, *coordinates)", math_hypot, kNativeNoTextSig},
    {"dist($module, p, q, /)", math_dist},
};

}  // namespace

bool init_math(Value module, DictObject* ns) {
  dict_set_cstr(ns, "pi", float_new(std::numbers::pi).get());
  dict_set_cstr(ns, "e", float_new(std::numbers::e).get());
  dict_set_cstr(ns, "tau", float_new(2 * std::numbers::pi).get());
  dict_set_cstr(ns, "inf", float_new(INFINITY).get());
  dict_set_cstr(ns, "nan", float_new(NAN).get());
  add_functions(ns, module, kMathFunctions);
  return true;
}

}  // namespace minipy::lib
