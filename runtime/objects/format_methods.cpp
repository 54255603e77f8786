// The number and text methods that sit on top of runtime/numfmt.h: __format__ for int, bool,
// float and str (the format-spec mini-language behind format(), str.format and f-strings),
// __round__ for int and float (the protocol behind round()), and float.hex/float.fromhex.
//
// Registered into the builtin type dicts by format_methods_init(), the last step of
// runtime_init(), so the types' own init functions stay free of formatting code.
#include <bit>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <string>

#include "runtime/bigint.h"
#include "runtime/errors.h"
#include "runtime/numfmt.h"
#include "runtime/objects/float.h"
#include "runtime/objects/int.h"
#include "runtime/objects/native.h"
#include "runtime/objects/singletons.h"
#include "runtime/objects/str.h"
#include "runtime/ops.h"

namespace minipy::rt {

#define FMETHOD(name) static Ref name(Value self, const Value* args, size_t nargs, TupleObject* kw)

namespace {

/// Turns a numfmt result into a str or the matching Python exception.
Ref finish(NumError e, std::string&& out, const std::string& error) {
  switch (e) {
    case NumError::Ok:
      return str_new(std::move(out));
    case NumError::Overflow:
      return raise(&exc_OverflowError, error);
    case NumError::ZeroDivision:
      return raise(&exc_ZeroDivisionError, error);
    case NumError::ValueError:
      break;
  }
  return raise(&exc_ValueError, error);
}

/// The single spec argument of __format__; null (TypeError set) when it is not a str.
StrObject* spec_arg(const Value* args, size_t nargs, TupleObject* kw) {
  if (!check_nargs("__format__", nargs, kw, 1, 1)) return nullptr;
  if (!is_str(args[0])) {
    raise_fmt(&exc_TypeError, "__format__() argument must be str, not {}", type_name(args[0]));
    return nullptr;
  }
  return as_str(args[0]);
}

}  // namespace

// ---------------------------------------------------------------- __format__

FMETHOD(int_format) {
  StrObject* spec = spec_arg(args, nargs, kw);
  if (!spec) return Ref();
  // format(True, '') is 'True': an empty spec means str(self) for subclasses.
  if (spec->data.empty() && !is_int_exact(self)) return to_str(self);
  std::string out, error;
  NumError e;
  if (self.is_small()) {
    e = format_int(self.small(), spec->view(), type_name(self), &out, &error);
  } else {
    e = format_int(int_to_bigint(self), spec->view(), type_name(self), &out, &error);
  }
  return finish(e, std::move(out), error);
}

FMETHOD(float_format) {
  StrObject* spec = spec_arg(args, nargs, kw);
  if (!spec) return Ref();
  if (spec->data.empty() && !is_float(self)) return to_str(self);
  std::string out, error;
  NumError e = format_float(float_value(self), spec->view(), type_name(self), &out, &error);
  return finish(e, std::move(out), error);
}

FMETHOD(str_format_spec) {
  StrObject* spec = spec_arg(args, nargs, kw);
  if (!spec) return Ref();
  if (spec->data.empty()) return is_str_exact(self) ? Ref::new_ref(self) : to_str(self);
  std::string out, error;
  NumError e = format_str(as_str(self)->view(), spec->view(), type_name(self), &out, &error);
  return finish(e, std::move(out), error);
}

// ---------------------------------------------------------------- __round__

/// The optional ndigits argument: false on error; *present false when absent or None.
static bool ndigits_arg(const char* fname, const Value* args, size_t nargs, TupleObject* kw,
                        bool* present, Value* nd) {
  Value a[1] = {};
  if (!parse_args(fname, args, nargs, kw, {"ndigits"}, 0, a)) return false;
  *present = a[0] && !is_none(a[0]);
  *nd = a[0];
  return true;
}

FMETHOD(int_round) {
  bool present;
  Value nd;
  if (!ndigits_arg("__round__", args, nargs, kw, &present, &nd)) return Ref();
  if (!present) return is_int_exact(self) ? Ref::new_ref(self) : int_from_bigint(int_to_bigint(self));
  Ref ndi = number_index(nd);
  if (!ndi) return ndi;
  if (int_sign(ndi.get()) >= 0) return is_int_exact(self) ? Ref::new_ref(self) : int_from_bigint(int_to_bigint(self));
  // Round to a multiple of 10**-ndigits, ties to even.
  BigInt n = -int_to_bigint(ndi.get());
  BigInt x = int_to_bigint(self);
  if (n.compare(int64_t{1} << 20) > 0) return Ref::small(0);  // 10**n dwarfs any int we hold
  BigInt p = BigInt::pow(BigInt(10), static_cast<uint64_t>(n.to_int64()));
  BigInt q, r;
  BigInt::divmod(x, p, &q, &r);  // r >= 0 (p > 0)
  int c = (r + r).compare(p);
  if (c > 0 || (c == 0 && q.is_odd())) q += BigInt(1);
  return int_from_bigint(q * p);
}

FMETHOD(float_round) {
  bool present;
  Value nd;
  if (!ndigits_arg("__round__", args, nargs, kw, &present, &nd)) return Ref();
  double x = float_value(self);
  if (!present) return int_from_double(round_half_even(x));
  Ref ndi = number_index(nd);
  if (!ndi) return ndi;
  int64_t n;
  if (!int_to_int64(ndi.get(), &n)) {
    // Huge ndigits: CPython clamps to the C int range; any such value rounds trivially.
    clear_exception();
    n = int_sign(ndi.get()) > 0 ? int64_t{1} << 40 : -(int64_t{1} << 40);
  }
  double out;
  if (round_double(x, n, &out) != NumError::Ok) {
    return raise(&exc_OverflowError, "rounded value too large to represent");
  }
  return float_new(out);
}

// ---------------------------------------------------------------- float.hex / fromhex

FMETHOD(float_hex) {
  if (!check_nargs("hex", nargs, kw, 0, 0)) return Ref();
  double x = float_value(self);
  if (std::isnan(x)) return str_new("nan");
  if (std::isinf(x)) return str_new(x > 0 ? "inf" : "-inf");
  if (x == 0) return str_new(std::signbit(x) ? "-0x0.0p+0" : "0x0.0p+0");
  // CPython's layout: 0x1.<13 hex digits>p<exp> for normals, 0x0.<...>p-1022 for subnormals,
  // with trailing zero digits kept (13 digits always).
  int e;
  double m = std::frexp(std::fabs(x), &e);  // m in [0.5, 1)
  std::string out = std::signbit(x) ? "-0x" : "0x";
  int exp;
  uint64_t bits;
  if (e - 1 < -1022) {  // subnormal: leading digit 0, exponent -1022
    exp = -1022;
    bits = static_cast<uint64_t>(std::ldexp(std::fabs(x), 1022 + 52));
    out += '0';
  } else {
    exp = e - 1;
    bits = static_cast<uint64_t>(std::ldexp(m, 53)) & ((uint64_t{1} << 52) - 1);
    out += '1';
  }
  out += '.';
  char buf[32];
  std::snprintf(buf, sizeof buf, "%013llx", static_cast<unsigned long long>(bits));
  out += buf;
  std::snprintf(buf, sizeof buf, "p%+d", exp);
  out += buf;
  return str_new(std::move(out));
}

FMETHOD(float_fromhex) {
  if (!check_nargs("fromhex", nargs, kw, 1, 1)) return Ref();
  if (!is_str(args[0])) {
    return raise_fmt(&exc_TypeError, "bad argument type for built-in operation");
  }
  std::string s(as_str(args[0])->view());
  size_t b = s.find_first_not_of(" \t\n\r\f\v");
  size_t e = s.find_last_not_of(" \t\n\r\f\v");
  std::string t = b == std::string::npos ? std::string() : s.substr(b, e - b + 1);
  // strtod parses C99 hex floats, inf and nan; reject what Python does not accept.
  std::string body = t;
  if (!body.empty() && (body[0] == '+' || body[0] == '-')) body = body.substr(1);
  bool ok = !body.empty();
  for (char c : body) {
    if (!(std::isxdigit(static_cast<unsigned char>(c)) || c == '.' || c == 'x' || c == 'X' || c == 'p' ||
          c == 'P' || c == '+' || c == '-' || std::isalpha(static_cast<unsigned char>(c)))) {
      ok = false;
    }
  }
  if (ok && body.size() >= 2 && body[0] == '0' && (body[1] == 'x' || body[1] == 'X') && body.size() == 2) ok = false;
  if (ok && !(body.size() >= 2 && body[0] == '0' && (body[1] == 'x' || body[1] == 'X'))) {
    // Without the 0x prefix Python still reads hex digits (float.fromhex('ff') == 255.0).
    std::string lower;
    for (char c : body) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (lower != "inf" && lower != "infinity" && lower != "nan") {
      t.insert(t.size() - body.size(), "0x");
    }
  }
  char* end = nullptr;
  errno = 0;
  double d = ok ? std::strtod(t.c_str(), &end) : 0;
  if (!ok || end != t.c_str() + t.size()) {
    return raise(&exc_ValueError, "invalid hexadecimal floating-point string");
  }
  if (errno == ERANGE && std::isinf(d)) {
    return raise(&exc_OverflowError, "hexadecimal value too large to represent as a float");
  }
  Ref r = float_new(d);
  if (self != Value(&float_type)) return call1(self, r.get());
  return r;
}

/// float.__getformat__(typestr): how C doubles and floats are laid out (test.support reads it).
Ref float_getformat(Value, NativeArgs& a) {
  std::string_view t = a.str(0);
  if (t != "double" && t != "float")
    return raise(&exc_ValueError, "__getformat__() argument 1 must be 'double' or 'float'");
  static_assert(std::endian::native == std::endian::little, "IEEE, little-endian assumed");
  return str_new("IEEE, little-endian");
}

const NativeDef kFloatClassMethods[] = {
    {"__getformat__($type, typestr: str, /)", float_getformat, kNativeClassMethod},
};

void format_methods_init() {
  add_method(&int_type, "__format__", int_format);
  add_method(&bool_type, "__format__", int_format);
  add_method(&float_type, "__format__", float_format);
  add_method(&str_type, "__format__", str_format_spec);
  add_method(&int_type, "__round__", int_round);
  add_method(&float_type, "__round__", float_round);
  add_method(&float_type, "hex", float_hex);
  add_method(&float_type, "fromhex", float_fromhex, kNativeClassMethod);
  add_methods(&float_type, kFloatClassMethods);
}

}  // namespace minipy::rt
