// The unicodedata module over unicode/ (the UCD tables generated at build time from Debian's
// unicode-data): character properties, names, lookup by name, alias or named sequence, and the
// four normalization forms, with CPython 3.11's argument checks and error messages. The tables'
// version is unidata_version; the Unicode 3.2 database (ucd_3_2_0) is not provided.
#include "runtime/errors.h"
#include "runtime/objects/bytes.h"
#include "runtime/objects/dict.h"
#include "runtime/objects/float.h"
#include "runtime/objects/int.h"
#include "runtime/objects/native.h"
#include "runtime/objects/singletons.h"
#include "runtime/objects/str.h"
#include "runtime/ops.h"
#include "unicode/unicode_db.h"

namespace minipy::lib {

using namespace rt;

namespace {

/// How CPython's argument errors name a type (None is "None", not "NoneType").
std::string arg_type(Value v) { return is_none(v) ? "None" : std::string(type_name(v)); }

#define UCD_FN(name) Ref name(Value, const Value* args, size_t nargs, TupleObject* kw)

/// The one-character str argument every property function takes.
bool char_arg(const char* fname, Value v, uint32_t* out) {
  if (is_str(v)) {
    std::string_view s = as_str(v)->view();
    size_t pos = 0;
    if (!s.empty()) {
      uint32_t cp = utf8_decode(s, pos);
      if (pos == s.size()) {
        *out = cp;
        return true;
      }
    }
  }
  raise_fmt(&exc_TypeError, "{}() argument must be a unicode character, not {}", fname,
            arg_type(v));
  return false;
}

/// f(chr, /) for the properties that always have a value.
bool one_char(const char* fname, const Value* args, size_t nargs, TupleObject* kw, uint32_t* cp) {
  return check_nargs(fname, nargs, kw, 1, 1) && char_arg(fname, args[0], cp);
}

UCD_FN(u_category) {
  uint32_t cp;
  if (!one_char("category", args, nargs, kw, &cp)) return Ref();
  return str_new(unicode::category(cp));
}

UCD_FN(u_bidirectional) {
  uint32_t cp;
  if (!one_char("bidirectional", args, nargs, kw, &cp)) return Ref();
  return str_new(unicode::bidirectional(cp));
}

UCD_FN(u_combining) {
  uint32_t cp;
  if (!one_char("combining", args, nargs, kw, &cp)) return Ref();
  return Ref::small(unicode::combining(cp));
}

UCD_FN(u_mirrored) {
  uint32_t cp;
  if (!one_char("mirrored", args, nargs, kw, &cp)) return Ref();
  return Ref::small(unicode::mirrored(cp) ? 1 : 0);
}

UCD_FN(u_east_asian_width) {
  uint32_t cp;
  if (!one_char("east_asian_width", args, nargs, kw, &cp)) return Ref();
  return str_new(unicode::east_asian_width(cp));
}

UCD_FN(u_decomposition) {
  uint32_t cp;
  if (!one_char("decomposition", args, nargs, kw, &cp)) return Ref();
  return str_new(unicode::decomposition(cp));
}

/// f(chr, default=<missing>, /) for the properties a character may lack.
bool char_default(const char* fname, const Value* args, size_t nargs, TupleObject* kw, uint32_t* cp,
                  Value* dflt) {
  if (!check_nargs(fname, nargs, kw, 1, 2) || !char_arg(fname, args[0], cp)) return false;
  *dflt = nargs > 1 ? args[1] : Value();
  return true;
}

Ref missing(Value dflt, const char* message) {
  if (dflt) return Ref::new_ref(dflt);
  return raise(&exc_ValueError, message);
}

UCD_FN(u_decimal) {
  uint32_t cp;
  Value dflt;
  if (!char_default("decimal", args, nargs, kw, &cp, &dflt)) return Ref();
  int v = unicode::decimal(cp);
  return v < 0 ? missing(dflt, "not a decimal") : Ref::small(v);
}

UCD_FN(u_digit) {
  uint32_t cp;
  Value dflt;
  if (!char_default("digit", args, nargs, kw, &cp, &dflt)) return Ref();
  int v = unicode::digit(cp);
  return v < 0 ? missing(dflt, "not a digit") : Ref::small(v);
}

UCD_FN(u_numeric) {
  uint32_t cp;
  Value dflt;
  if (!char_default("numeric", args, nargs, kw, &cp, &dflt)) return Ref();
  double v;
  return unicode::numeric(cp, &v) ? float_new(v) : missing(dflt, "not a numeric character");
}

UCD_FN(u_name) {
  uint32_t cp;
  Value dflt;
  if (!char_default("name", args, nargs, kw, &cp, &dflt)) return Ref();
  std::string n = unicode::name(cp);
  return n.empty() ? missing(dflt, "no such name") : str_new(n);
}

UCD_FN(u_lookup) {
  if (!check_nargs("lookup", nargs, kw, 1, 1)) return Ref();
  std::string_view name;
  if (is_str(args[0])) {
    name = as_str(args[0])->view();
  } else if (!bytes_like_data(args[0], &name)) {
    return raise_fmt(&exc_TypeError, "a bytes-like object is required, not '{}'",
                     type_name(args[0]));
  }
  if (name.size() > 256) return raise(&exc_KeyError, "name too long");
  std::u32string cps;
  if (!unicode::lookup(name, true, &cps)) {
    return raise_fmt(&exc_KeyError, "undefined character name '{}'", name);
  }
  std::string out;
  for (char32_t cp : cps) utf8_append(out, cp);
  return str_new(out);
}

/// The form and string arguments of normalize/is_normalized.
bool form_args(const char* fname, const Value* args, size_t nargs, TupleObject* kw,
               unicode::Form* form, std::u32string* text) {
  if (!check_nargs(fname, nargs, kw, 2, 2)) return false;
  if (!is_str(args[0])) {
    raise_fmt(&exc_TypeError, "{}() argument 1 must be str, not {}", fname, arg_type(args[0]));
    return false;
  }
  if (!is_str(args[1])) {
    raise_fmt(&exc_TypeError, "{}() argument 2 must be str, not {}", fname, arg_type(args[1]));
    return false;
  }
  std::string_view f = as_str(args[0])->view();
  if (f == "NFC")
    *form = unicode::Form::NFC;
  else if (f == "NFD")
    *form = unicode::Form::NFD;
  else if (f == "NFKC")
    *form = unicode::Form::NFKC;
  else if (f == "NFKD")
    *form = unicode::Form::NFKD;
  else {
    raise(&exc_ValueError, "invalid normalization form");
    return false;
  }
  std::string_view s = as_str(args[1])->view();
  size_t pos = 0;
  while (pos < s.size()) text->push_back(utf8_decode(s, pos));
  return true;
}

UCD_FN(u_normalize) {
  unicode::Form form;
  std::u32string text;
  if (!form_args("normalize", args, nargs, kw, &form, &text)) return Ref();
  std::u32string r = unicode::normalize(form, text);
  if (r == text && is_str_exact(args[1])) return Ref::new_ref(args[1]);
  std::string out;
  for (char32_t cp : r) utf8_append(out, cp);
  return str_new(out);
}

UCD_FN(u_is_normalized) {
  unicode::Form form;
  std::u32string text;
  if (!form_args("is_normalized", args, nargs, kw, &form, &text)) return Ref();
  return bool_ref(unicode::normalize(form, text) == text);
}

}  // namespace

bool init_unicodedata(Value module, DictObject* ns) {
  static const struct {
    const char* name;
    NativeFn fn;
  } kFns[] = {
      {"lookup", u_lookup},
      {"name", u_name},
      {"category", u_category},
      {"bidirectional", u_bidirectional},
      {"combining", u_combining},
      {"mirrored", u_mirrored},
      {"east_asian_width", u_east_asian_width},
      {"decomposition", u_decomposition},
      {"decimal", u_decimal},
      {"digit", u_digit},
      {"numeric", u_numeric},
      {"normalize", u_normalize},
      {"is_normalized", u_is_normalized},
  };
  for (const auto& f : kFns) add_function(ns, module, f.name, f.fn);
  Ref v = str_new(unicode::version());
  return dict_set_cstr(ns, "unidata_version", v.get());
}

}  // namespace minipy::lib
