// The _codecs module: the codec registry (search functions, the lookup cache, CPython's
// `encodings` package imported on first lookup), the error-handler registry with the eight
// standard handlers, the codec functions that `encodings/*.py` call, and the hooks through which
// str.encode / bytes.decode (runtime/objects/bytes.cpp) reach all of it for encodings the runtime
// does not handle itself. The codecs are in codecs_unicode.cpp and codecs_escape.cpp.
#include <fmt/format.h>

#include <algorithm>

#include "runtime/errors.h"
#include "runtime/objects/bytes.h"
#include "runtime/objects/dict.h"
#include "runtime/objects/int.h"
#include "runtime/objects/list.h"
#include "runtime/objects/native.h"
#include "runtime/objects/singletons.h"
#include "runtime/objects/str.h"
#include "runtime/objects/tuple.h"
#include "runtime/ops.h"
#include "stdlib/native/codecs_core.h"
#include "unicode/unicode_db.h"
#include "vm/import.h"

namespace minipy::lib {

using namespace rt;
using namespace codecs;

namespace {

/// The interpreter's codec state (CPython keeps it on the interpreter too). Created on first use
/// and never freed.
struct Registry {
  Ref search_path = list_new();
  Ref cache = dict_new();
  Ref error_handlers = dict_new();
  bool encodings_imported = false;
};

Registry& registry();

/// CPython's _Py_normalize_encoding: lower case, runs of characters other than letters, digits
/// and '.' collapsed to one '_' (leading ones dropped).
std::string normalize_encoding(std::string_view e) {
  std::string out;
  bool punct = false;
  for (char ch : e) {
    auto u = static_cast<unsigned char>(ch);
    if (std::isalnum(u) || ch == '.') {
      if (punct && !out.empty()) out.push_back('_');
      punct = false;
      out.push_back(static_cast<char>(std::tolower(u)));
    } else {
      punct = true;
    }
  }
  return out;
}

bool str_arg(const char* fname, const char* what, Value v, std::string_view* out) {
  if (!is_str(v)) {
    raise_fmt(&exc_TypeError, "{}() argument {} must be str, not {}", fname, what, type_name(v));
    return false;
  }
  *out = as_str(v)->view();
  return true;
}

/// The optional `errors` argument: None or absent = strict.
bool errors_arg(const char* fname, Value v, std::string_view* out) {
  *out = {};
  if (!v || is_none(v)) return true;
  return str_arg(fname, "2", v, out);
}

bool buffer_arg(const char* fname, Value v, std::string_view* out) {
  if (bytes_like_data(v, out)) return true;
  raise_fmt(&exc_TypeError, "a bytes-like object is required, not '{}'", type_name(v));
  (void)fname;
  return false;
}

Ref pair(Ref a, int64_t n) {
  if (!a) return a;
  Ref b = int_from_int64(n);
  return tuple_of({a.get(), b.get()});
}

int64_t str_len(Value s) { return static_cast<int64_t>(utf8_length(as_str(s)->view(), nullptr)); }

}  // namespace

// ---------------------------------------------------------------- the registries

namespace codecs {

Ref lookup_error_handler(std::string_view name) {
  Registry& r = registry();
  Ref key = str_new(name);
  Value h = dict_get(as_dict(r.error_handlers.get()), key.get());
  if (!h) return raise_fmt(&exc_LookupError, "unknown error handler name '{}'", name);
  return Ref::new_ref(h);
}

/// \N{NAME} in unicode_escape: a name or alias (not a named sequence), case-insensitive.
uint32_t lookup_char_name(std::string_view name, bool* found) {
  std::u32string cps;
  *found = unicode::lookup(name, false, &cps) && cps.size() == 1;
  return *found ? cps[0] : 0;
}

Ref codec_lookup(std::string_view encoding) {
  Registry& r = registry();
  if (!r.encodings_imported) {
    r.encodings_imported = true;
    // The encodings package registers its search function on import. Without CPython's library
    // every lookup simply fails with LookupError.
    Ref m = vm::import_module_absolute("encodings");
    if (!m) clear_exception();
  }
  Ref key = str_new(normalize_encoding(encoding));
  Value hit = dict_get(as_dict(r.cache.get()), key.get());
  if (hit) return Ref::new_ref(hit);
  if (error_pending()) return Ref();
  auto* path = as_list(r.search_path.get());
  for (int64_t i = 0; i < static_cast<int64_t>(path->items.size()); i++) {
    Value fn = path->items[i];
    Ref res = call1(fn, key.get());
    if (!res) return res;
    if (is_none(res.get())) continue;
    if (!is_tuple(res.get()) || as_tuple(res.get())->size != 4) {
      return raise(&exc_TypeError, "codec search functions must return 4-tuples");
    }
    if (!dict_set(as_dict(r.cache.get()), key.get(), res.get())) return Ref();
    return res;
  }
  return raise_fmt(&exc_LookupError, "unknown encoding: {}", encoding);
}

}  // namespace codecs

namespace {

using codecs::codec_lookup;

/// lookup plus CPython's check that the codec is a text encoding (str.encode, bytes.decode).
Ref text_codec(std::string_view encoding, const char* alternative) {
  Ref info = codec_lookup(encoding);
  if (!info) return info;
  Ref flag = getattr_opt(info.get(), intern("_is_text_encoding"));
  if (flag) {
    int t = truthy(flag.get());
    if (t < 0) return Ref();
    if (!t) {
      return raise_fmt(&exc_LookupError,
                       "'{}' is not a text encoding; use {} to handle arbitrary codecs", encoding,
                       alternative);
    }
  } else if (error_pending()) {
    return Ref();
  }
  return info;
}

/// Calls info[index] (the encoder or decoder) with (object[, errors]) and unpacks its
/// (result, length) pair.
Ref run_codec(Value info, int index, Value object, Value errors, bool encode) {
  Value fn = as_tuple(info)->items()[index];
  Value args[2] = {object, errors};
  Ref res = call(fn, args, errors && !is_none(errors) ? 2 : 1);
  if (!res) return res;
  if (!is_tuple(res.get()) || as_tuple(res.get())->size != 2) {
    return raise(&exc_TypeError, encode ? "encoder must return a tuple (object, integer)"
                                        : "decoder must return a tuple (object,integer)");
  }
  return Ref::new_ref(as_tuple(res.get())->items()[0]);
}

// ---------------------------------------------------------------- runtime hooks

/// str.encode for any encoding: the UTF and Latin-1/ASCII codecs directly (as CPython's fast
/// paths; a registered search function cannot replace them), the rest through the registry.
Ref hook_encode(Value str, Value encoding, Value errors) {
  std::string_view errs = errors ? as_str(errors)->view() : std::string_view();
  std::string_view enc = encoding ? as_str(encoding)->view() : std::string_view("utf-8");
  std::string norm = normalize_encoding(enc);
  if (norm == "utf_8" || norm == "utf8") return utf8_encode(str, errs);
  if (norm == "ascii" || norm == "us_ascii") return latin1_or_ascii_encode(str, errs, true);
  if (norm == "latin_1" || norm == "latin1" || norm == "iso_8859_1" || norm == "iso8859_1")
    return latin1_or_ascii_encode(str, errs, false);
  if (norm == "utf_16" || norm == "utf16") return utf16_encode(str, errs, 0);
  if (norm == "utf_32" || norm == "utf32") return utf32_encode(str, errs, 0);
  Ref info = text_codec(enc, "codecs.encode()");
  if (!info) return info;
  Ref v = run_codec(info.get(), 0, str, errors, true);
  if (!v || is_bytes(v.get())) return v;
  if (is_bytearray(v.get())) {
    std::string_view data;
    bytes_like_data(v.get(), &data);
    return bytes_new(data);
  }
  return raise_fmt(&exc_TypeError,
                   "'{}' encoder returned '{}' instead of 'bytes'; use codecs.encode() to encode "
                   "to arbitrary types",
                   enc, type_name(v.get()));
}

Ref hook_decode(Value bytes, Value encoding, Value errors) {
  std::string_view errs = errors ? as_str(errors)->view() : std::string_view();
  std::string_view enc = encoding ? as_str(encoding)->view() : std::string_view("utf-8");
  std::string norm = normalize_encoding(enc);
  std::string_view data;
  int64_t consumed;
  if (bytes_like_data(bytes, &data)) {
    if (norm == "utf_8" || norm == "utf8") return utf8_decode(bytes, data, errs, true, &consumed);
    if (norm == "ascii" || norm == "us_ascii")
      return latin1_or_ascii_decode(bytes, data, errs, true);
    if (norm == "latin_1" || norm == "latin1" || norm == "iso_8859_1" || norm == "iso8859_1")
      return latin1_or_ascii_decode(bytes, data, errs, false);
    int bo = 0;
    if (norm == "utf_16" || norm == "utf16")
      return utf16_decode(bytes, data, errs, &bo, true, &consumed);
    if (norm == "utf_32" || norm == "utf32")
      return utf32_decode(bytes, data, errs, &bo, true, &consumed);
  }
  Ref info = text_codec(enc, "codecs.decode()");
  if (!info) return info;
  Ref v = run_codec(info.get(), 1, bytes, errors, false);
  if (!v || is_str(v.get())) return v;
  return raise_fmt(&exc_TypeError,
                   "'{}' decoder returned '{}' instead of 'str'; use codecs.decode() to decode to "
                   "arbitrary types",
                   enc, type_name(v.get()));
}

// ---------------------------------------------------------------- the standard error handlers

#define CODECS_FN(name) Ref name(Value, const Value* args, size_t nargs, TupleObject* kw)

/// The UnicodeError handed to a handler: its kind and its start/end/object attributes.
struct ErrorInfo {
  int kind = 0;  // 1 encode, 2 decode, 3 translate
  int64_t start = 0, end = 0;
  Ref object;
};

bool error_info(const char* fname, const Value* args, size_t nargs, TupleObject* kw,
                ErrorInfo* info) {
  if (!check_nargs(fname, nargs, kw, 1, 1)) return false;
  Value exc = args[0];
  TypeObject* t = type_of(exc);
  if (is_subtype(t, &exc_UnicodeEncodeError))
    info->kind = 1;
  else if (is_subtype(t, &exc_UnicodeDecodeError))
    info->kind = 2;
  else if (is_subtype(t, &exc_UnicodeTranslateError))
    info->kind = 3;
  if (info->kind == 0) {
    raise_fmt(&exc_TypeError, "don't know how to handle {} in error callback", t->name);
    return false;
  }
  Ref s = getattr(exc, "start"), e = s ? getattr(exc, "end") : Ref();
  if (!e) return false;
  info->object = getattr(exc, "object");
  if (!info->object) return false;
  if (!int_to_int64(s.get(), &info->start) || !int_to_int64(e.get(), &info->end)) return false;
  int64_t len = info->kind == 2 ? -1 : str_len(info->object.get());
  if (info->kind == 2) {
    std::string_view d;
    if (!bytes_like_data(info->object.get(), &d)) {
      raise(&exc_TypeError, "object attribute must be bytes");
      return false;
    }
    len = static_cast<int64_t>(d.size());
  }
  info->start = std::clamp<int64_t>(info->start, 0, len);
  info->end = std::clamp<int64_t>(info->end, info->start, len);
  return true;
}

std::u32string slice_cps(const ErrorInfo& i) {
  std::u32string cps = code_points(i.object.get());
  return cps.substr(static_cast<size_t>(i.start), static_cast<size_t>(i.end - i.start));
}

Ref wrong_kind(Value exc) {
  return raise_fmt(&exc_TypeError, "don't know how to handle {} in error callback", type_name(exc));
}

CODECS_FN(strict_errors) {
  if (!check_nargs("strict_errors", nargs, kw, 1, 1)) return Ref();
  if (!isinstance(args[0], &exc_BaseException))
    return raise(&exc_TypeError, "codec must pass exception instance");
  return set_exception(Ref::new_ref(args[0]));
}

CODECS_FN(ignore_errors) {
  ErrorInfo i;
  if (!error_info("ignore_errors", args, nargs, kw, &i)) return Ref();
  return pair(str_new(""), i.end);
}

CODECS_FN(replace_errors) {
  ErrorInfo i;
  if (!error_info("replace_errors", args, nargs, kw, &i)) return Ref();
  std::string out;
  if (i.kind == 1)
    out.assign(static_cast<size_t>(i.end - i.start), '?');
  else if (i.kind == 2)
    put_utf8(out, 0xFFFD);
  else
    for (int64_t k = i.start; k < i.end; k++) put_utf8(out, 0xFFFD);
  return pair(str_new(out), i.end);
}

CODECS_FN(backslashreplace_errors) {
  ErrorInfo i;
  if (!error_info("backslashreplace_errors", args, nargs, kw, &i)) return Ref();
  std::string out;
  if (i.kind == 2) {
    std::string_view d;
    bytes_like_data(i.object.get(), &d);
    for (int64_t k = i.start; k < i.end; k++)
      out += fmt::format("\\x{:02x}", static_cast<unsigned char>(d[k]));
  } else {
    for (char32_t cp : slice_cps(i)) {
      if (cp < 0x100)
        out += fmt::format("\\x{:02x}", static_cast<uint32_t>(cp));
      else if (cp < 0x10000)
        out += fmt::format("\\u{:04x}", static_cast<uint32_t>(cp));
      else
        out += fmt::format("\\U{:08x}", static_cast<uint32_t>(cp));
    }
  }
  return pair(str_new(out), i.end);
}

CODECS_FN(xmlcharrefreplace_errors) {
  ErrorInfo i;
  if (!error_info("xmlcharrefreplace_errors", args, nargs, kw, &i)) return Ref();
  if (i.kind != 1) return wrong_kind(args[0]);
  std::string out;
  for (char32_t cp : slice_cps(i)) out += fmt::format("&#{};", static_cast<uint32_t>(cp));
  return pair(str_new(out), i.end);
}

CODECS_FN(namereplace_errors) {
  ErrorInfo i;
  if (!error_info("namereplace_errors", args, nargs, kw, &i)) return Ref();
  if (i.kind != 1) return wrong_kind(args[0]);
  std::string out;
  for (char32_t cp : slice_cps(i)) {
    std::string name = unicode::name(cp);
    if (!name.empty())
      out += "\\N{" + name + "}";
    else if (cp < 0x100)
      out += fmt::format("\\x{:02x}", static_cast<uint32_t>(cp));
    else if (cp < 0x10000)
      out += fmt::format("\\u{:04x}", static_cast<uint32_t>(cp));
    else
      out += fmt::format("\\U{:08x}", static_cast<uint32_t>(cp));
  }
  return pair(str_new(out), i.end);
}

/// surrogateescape/surrogatepass as Python-callable handlers: they run the inline versions
/// (codecs_unicode.cpp) over the exception's span.
Ref surrogate_handler(const char* fname, Handler kind, const Value* args, size_t nargs,
                      TupleObject* kw) {
  ErrorInfo i;
  if (!error_info(fname, args, nargs, kw, &i)) return Ref();
  Value exc = args[0];
  Ref enc = getattr(exc, "encoding");
  if (!enc) return enc;
  std::string encoding = is_str(enc.get()) ? std::string(as_str(enc.get())->view()) : std::string();
  Ref reason = getattr(exc, "reason");
  if (!reason) return reason;
  if (i.kind == 2) {
    std::string_view d;
    bytes_like_data(i.object.get(), &d);
    DecodeCtx c(encoding.c_str(), i.object.get(), d, "");
    c.kind = kind;
    int64_t pos = decode_error(c, i.start, i.end, "");
    if (pos < 0) {
      clear_exception();
      return set_exception(Ref::new_ref(exc));
    }
    return pair(str_new(c.out), pos);
  }
  if (i.kind != 1) return wrong_kind(exc);
  EncodeCtx c(encoding.c_str(), i.object.get(), code_points(i.object.get()), "");
  c.kind = kind;
  int64_t pos = encode_error(c, i.start, i.end, "");
  if (pos < 0) {
    clear_exception();
    return set_exception(Ref::new_ref(exc));
  }
  return pair(bytes_new(c.out), pos);
}

CODECS_FN(surrogateescape_errors) {
  return surrogate_handler("surrogateescape", Handler::SurrogateEscape, args, nargs, kw);
}
CODECS_FN(surrogatepass_errors) {
  return surrogate_handler("surrogatepass", Handler::SurrogatePass, args, nargs, kw);
}

Registry& registry() {
  static Registry* r = [] {
    auto* reg = new Registry();
    static const struct {
      const char* name;
      const char* fn_name;
      NativeFn fn;
    } kHandlers[] = {
        {"strict", "strict_errors", strict_errors},
        {"ignore", "ignore_errors", ignore_errors},
        {"replace", "replace_errors", replace_errors},
        {"xmlcharrefreplace", "xmlcharrefreplace_errors", xmlcharrefreplace_errors},
        {"backslashreplace", "backslashreplace_errors", backslashreplace_errors},
        {"namereplace", "namereplace_errors", namereplace_errors},
        {"surrogateescape", "surrogateescape", surrogateescape_errors},
        {"surrogatepass", "surrogatepass", surrogatepass_errors},
    };
    for (const auto& h : kHandlers) {
      Ref f = native_function_new(h.fn_name, h.fn, Value());
      dict_set_cstr(as_dict(reg->error_handlers.get()), h.name, f.get());
    }
    return reg;
  }();
  return *r;
}

// ---------------------------------------------------------------- module functions

CODECS_FN(c_register) {
  if (!check_nargs("register", nargs, kw, 1, 1)) return Ref();
  if (!callable(args[0])) return raise(&exc_TypeError, "argument must be callable");
  list_append(as_list(registry().search_path.get()), args[0]);
  return none_ref();
}

CODECS_FN(c_unregister) {
  if (!check_nargs("unregister", nargs, kw, 1, 1)) return Ref();
  Registry& r = registry();
  auto* path = as_list(r.search_path.get());
  for (int64_t i = 0; i < static_cast<int64_t>(path->items.size()); i++) {
    if (path->items[i] == args[0]) {
      Ref rest = list_new();
      for (int64_t k = 0; k < static_cast<int64_t>(path->items.size()); k++)
        if (k != i) list_append(as_list(rest.get()), path->items[k]);
      r.search_path = std::move(rest);
      r.cache = dict_new();
      break;
    }
  }
  return none_ref();
}

CODECS_FN(c_lookup) {
  if (!check_nargs("lookup", nargs, kw, 1, 1)) return Ref();
  std::string_view enc;
  if (!str_arg("lookup", "", args[0], &enc)) return Ref();
  return codec_lookup(enc);
}

CODECS_FN(c_forget_codec) {
  if (!check_nargs("_forget_codec", nargs, kw, 1, 1)) return Ref();
  std::string_view enc;
  if (!str_arg("_forget_codec", "", args[0], &enc)) return Ref();
  Ref key = str_new(normalize_encoding(enc));
  if (dict_del(as_dict(registry().cache.get()), key.get()) < 0) clear_exception();
  return none_ref();
}

Ref encode_or_decode(const char* fname, const Value* args, size_t nargs, TupleObject* kw,
                     bool encode) {
  Value a[3] = {};
  if (!parse_args(fname, args, nargs, kw, {"obj", "encoding", "errors"}, 1, a)) return Ref();
  std::string_view enc = "utf-8";
  if (a[1] && !str_arg(fname, "'encoding'", a[1], &enc)) return Ref();
  if (a[2] && !is_str(a[2])) {
    return raise_fmt(&exc_TypeError, "{}() argument 'errors' must be str, not {}", fname,
                     type_name(a[2]));
  }
  Ref info = codec_lookup(enc);
  if (!info) return info;
  return run_codec(info.get(), encode ? 0 : 1, a[0], a[2], encode);
}

CODECS_FN(c_encode) { return encode_or_decode("encode", args, nargs, kw, true); }
CODECS_FN(c_decode) { return encode_or_decode("decode", args, nargs, kw, false); }

CODECS_FN(c_register_error) {
  if (!check_nargs("register_error", nargs, kw, 2, 2)) return Ref();
  std::string_view name;
  if (!str_arg("register_error", "1", args[0], &name)) return Ref();
  if (!callable(args[1])) return raise(&exc_TypeError, "handler must be callable");
  if (!dict_set(as_dict(registry().error_handlers.get()), args[0], args[1])) return Ref();
  return none_ref();
}

CODECS_FN(c_lookup_error) {
  if (!check_nargs("lookup_error", nargs, kw, 1, 1)) return Ref();
  std::string_view name;
  if (!str_arg("lookup_error", "", args[0], &name)) return Ref();
  return lookup_error_handler(name);
}

/// Arguments shared by the encoders: (str, errors=None).
bool encoder_args(const char* fname, const Value* args, size_t nargs, TupleObject* kw, size_t max,
                  Value* out, std::string_view* errors) {
  if (!check_nargs(fname, nargs, kw, 1, max)) return false;
  for (size_t i = 0; i < max; i++) out[i] = i < nargs ? args[i] : Value();
  if (!is_str(out[0])) {
    raise_fmt(&exc_TypeError, "{}() argument 1 must be str, not {}", fname, type_name(out[0]));
    return false;
  }
  return errors_arg(fname, out[1], errors);
}

/// Arguments shared by the decoders: (data, errors=None, final=False).
bool decoder_args(const char* fname, const Value* args, size_t nargs, TupleObject* kw, size_t max,
                  Value* out, std::string_view* data, std::string_view* errors) {
  if (!check_nargs(fname, nargs, kw, 1, max)) return false;
  for (size_t i = 0; i < max; i++) out[i] = i < nargs ? args[i] : Value();
  if (!buffer_arg(fname, out[0], data)) return false;
  return errors_arg(fname, out[1], errors);
}

bool final_arg(Value v, bool dflt) {
  if (!v) return dflt;
  return truthy(v) > 0;
}

CODECS_FN(c_utf_8_encode) {
  Value a[2];
  std::string_view e;
  if (!encoder_args("utf_8_encode", args, nargs, kw, 2, a, &e)) return Ref();
  return pair(utf8_encode(a[0], e), str_len(a[0]));
}

CODECS_FN(c_utf_8_decode) {
  Value a[3];
  std::string_view d, e;
  if (!decoder_args("utf_8_decode", args, nargs, kw, 3, a, &d, &e)) return Ref();
  int64_t consumed = 0;
  Ref s = utf8_decode(a[0], d, e, final_arg(a[2], false), &consumed);
  return pair(std::move(s), consumed);
}

Ref simple_encode(const char* fname, const Value* args, size_t nargs, TupleObject* kw, bool ascii) {
  Value a[2];
  std::string_view e;
  if (!encoder_args(fname, args, nargs, kw, 2, a, &e)) return Ref();
  return pair(latin1_or_ascii_encode(a[0], e, ascii), str_len(a[0]));
}

Ref simple_decode(const char* fname, const Value* args, size_t nargs, TupleObject* kw, bool ascii) {
  Value a[2];
  std::string_view d, e;
  if (!decoder_args(fname, args, nargs, kw, 2, a, &d, &e)) return Ref();
  return pair(latin1_or_ascii_decode(a[0], d, e, ascii), static_cast<int64_t>(d.size()));
}

CODECS_FN(c_ascii_encode) { return simple_encode("ascii_encode", args, nargs, kw, true); }
CODECS_FN(c_ascii_decode) { return simple_decode("ascii_decode", args, nargs, kw, true); }
CODECS_FN(c_latin_1_encode) { return simple_encode("latin_1_encode", args, nargs, kw, false); }
CODECS_FN(c_latin_1_decode) { return simple_decode("latin_1_decode", args, nargs, kw, false); }

/// utf_16/utf_32 encoders: (str, errors=None[, byteorder=0]) for the BOM variants.
Ref wide_encode(const char* fname, const Value* args, size_t nargs, TupleObject* kw, int unit,
                int fixed_order) {
  Value a[3];
  std::string_view e;
  if (!encoder_args(fname, args, nargs, kw, fixed_order == 0 ? 3 : 2, a, &e)) return Ref();
  int bo = fixed_order;
  if (fixed_order == 0 && a[2]) {
    int64_t v;
    if (!index_int64(a[2], &v)) return Ref();
    bo = v < 0 ? -1 : v > 0 ? 1 : 0;
  }
  Ref b = unit == 2 ? utf16_encode(a[0], e, bo) : utf32_encode(a[0], e, bo);
  return pair(std::move(b), str_len(a[0]));
}

/// utf_16/utf_32 decoders; `ex` adds the byteorder argument and result (utf_16_ex_decode).
Ref wide_decode(const char* fname, const Value* args, size_t nargs, TupleObject* kw, int unit,
                int fixed_order, bool ex) {
  Value a[4];
  std::string_view d, e;
  if (!decoder_args(fname, args, nargs, kw, ex ? 4 : 3, a, &d, &e)) return Ref();
  int bo = fixed_order;
  bool final = final_arg(a[2], false);
  if (ex) {
    if (a[2]) {
      int64_t v;
      if (!index_int64(a[2], &v)) return Ref();
      bo = v < 0 ? -1 : v > 0 ? 1 : 0;
    }
    final = final_arg(a[3], false);
  }
  int64_t consumed = 0;
  Ref s = unit == 2 ? utf16_decode(a[0], d, e, &bo, final, &consumed)
                    : utf32_decode(a[0], d, e, &bo, final, &consumed);
  if (!s) return s;
  Ref n = int_from_int64(consumed);
  if (!ex) return tuple_of({s.get(), n.get()});
  Ref order = int_from_int64(bo);
  return tuple_of({s.get(), n.get(), order.get()});
}

CODECS_FN(c_utf_16_encode) { return wide_encode("utf_16_encode", args, nargs, kw, 2, 0); }
CODECS_FN(c_utf_16_le_encode) { return wide_encode("utf_16_le_encode", args, nargs, kw, 2, -1); }
CODECS_FN(c_utf_16_be_encode) { return wide_encode("utf_16_be_encode", args, nargs, kw, 2, 1); }
CODECS_FN(c_utf_16_decode) { return wide_decode("utf_16_decode", args, nargs, kw, 2, 0, false); }
CODECS_FN(c_utf_16_le_decode) {
  return wide_decode("utf_16_le_decode", args, nargs, kw, 2, -1, false);
}
CODECS_FN(c_utf_16_be_decode) {
  return wide_decode("utf_16_be_decode", args, nargs, kw, 2, 1, false);
}
CODECS_FN(c_utf_16_ex_decode) {
  return wide_decode("utf_16_ex_decode", args, nargs, kw, 2, 0, true);
}
CODECS_FN(c_utf_32_encode) { return wide_encode("utf_32_encode", args, nargs, kw, 4, 0); }
CODECS_FN(c_utf_32_le_encode) { return wide_encode("utf_32_le_encode", args, nargs, kw, 4, -1); }
CODECS_FN(c_utf_32_be_encode) { return wide_encode("utf_32_be_encode", args, nargs, kw, 4, 1); }
CODECS_FN(c_utf_32_decode) { return wide_decode("utf_32_decode", args, nargs, kw, 4, 0, false); }
CODECS_FN(c_utf_32_le_decode) {
  return wide_decode("utf_32_le_decode", args, nargs, kw, 4, -1, false);
}
CODECS_FN(c_utf_32_be_decode) {
  return wide_decode("utf_32_be_decode", args, nargs, kw, 4, 1, false);
}
CODECS_FN(c_utf_32_ex_decode) {
  return wide_decode("utf_32_ex_decode", args, nargs, kw, 4, 0, true);
}

CODECS_FN(c_charmap_encode) {
  Value a[3];
  std::string_view e;
  if (!encoder_args("charmap_encode", args, nargs, kw, 3, a, &e)) return Ref();
  return pair(charmap_encode(a[0], e, a[2]), str_len(a[0]));
}

CODECS_FN(c_charmap_decode) {
  Value a[3];
  std::string_view d, e;
  if (!decoder_args("charmap_decode", args, nargs, kw, 3, a, &d, &e)) return Ref();
  return pair(charmap_decode(a[0], d, e, a[2]), static_cast<int64_t>(d.size()));
}

/// charmap_build(decoding_table): the inverse table as a dict {code point: byte}, which
/// charmap_encode reads like any mapping (CPython builds an opaque EncodingMap).
CODECS_FN(c_charmap_build) {
  if (!check_nargs("charmap_build", nargs, kw, 1, 1)) return Ref();
  if (!is_str(args[0])) {
    return raise_fmt(&exc_TypeError, "charmap_build() argument must be str, not {}",
                     type_name(args[0]));
  }
  std::u32string table = code_points(args[0]);
  Ref d = dict_new();
  for (size_t i = 0; i < table.size() && i < 256; i++) {
    if (table[i] == 0xFFFE) continue;
    Ref k = int_from_int64(table[i]);
    Value existing = dict_get(as_dict(d.get()), k.get());
    if (existing) continue;  // the first byte for a code point wins
    if (!dict_set(as_dict(d.get()), k.get(), Value::from_small(static_cast<int64_t>(i))))
      return Ref();
  }
  return d;
}

Ref escape_text_encode(const char* fname, const Value* args, size_t nargs, TupleObject* kw,
                       bool raw) {
  Value a[2];
  std::string_view e;
  if (!encoder_args(fname, args, nargs, kw, 2, a, &e)) return Ref();
  return pair(unicode_escape_encode(a[0], raw), str_len(a[0]));
}

Ref escape_text_decode(const char* fname, const Value* args, size_t nargs, TupleObject* kw,
                       bool raw) {
  if (!check_nargs(fname, nargs, kw, 1, 3)) return Ref();
  Value data = args[0];
  std::string_view d, e;
  std::string encoded;
  if (is_str(data)) {
    encoded = std::string(as_str(data)->view());  // str input is taken as its UTF-8 bytes
    d = encoded;
  } else if (!buffer_arg(fname, data, &d)) {
    return Ref();
  }
  if (!errors_arg(fname, nargs > 1 ? args[1] : Value(), &e)) return Ref();
  int64_t consumed = 0;
  Ref s = unicode_escape_decode(is_str(data) ? Value() : data, d, e, raw,
                                final_arg(nargs > 2 ? args[2] : Value(), true), &consumed);
  return pair(std::move(s), consumed);
}

CODECS_FN(c_unicode_escape_encode) {
  return escape_text_encode("unicode_escape_encode", args, nargs, kw, false);
}
CODECS_FN(c_unicode_escape_decode) {
  return escape_text_decode("unicode_escape_decode", args, nargs, kw, false);
}
CODECS_FN(c_raw_unicode_escape_encode) {
  return escape_text_encode("raw_unicode_escape_encode", args, nargs, kw, true);
}
CODECS_FN(c_raw_unicode_escape_decode) {
  return escape_text_decode("raw_unicode_escape_decode", args, nargs, kw, true);
}

CODECS_FN(c_escape_encode) {
  if (!check_nargs("escape_encode", nargs, kw, 1, 2)) return Ref();
  if (!is_bytes(args[0])) {
    return raise_fmt(&exc_TypeError, "escape_encode() argument 1 must be bytes, not {}",
                     type_name(args[0]));
  }
  std::string_view d = static_cast<BytesObject*>(args[0].obj())->data;
  return pair(escape_encode(d), static_cast<int64_t>(d.size()));
}

CODECS_FN(c_escape_decode) {
  if (!check_nargs("escape_decode", nargs, kw, 1, 2)) return Ref();
  std::string_view d, e;
  std::string encoded;
  if (is_str(args[0])) {
    encoded = std::string(as_str(args[0])->view());
    d = encoded;
  } else if (!buffer_arg("escape_decode", args[0], &d)) {
    return Ref();
  }
  if (!errors_arg("escape_decode", nargs > 1 ? args[1] : Value(), &e)) return Ref();
  return pair(escape_decode(d, e), static_cast<int64_t>(d.size()));
}

CODECS_FN(c_readbuffer_encode) {
  if (!check_nargs("readbuffer_encode", nargs, kw, 1, 2)) return Ref();
  std::string_view d;
  std::string encoded;
  if (is_str(args[0])) {
    encoded = std::string(as_str(args[0])->view());
    d = encoded;
  } else if (!buffer_arg("readbuffer_encode", args[0], &d)) {
    return Ref();
  }
  return pair(bytes_new(d), static_cast<int64_t>(d.size()));
}

}  // namespace

bool init__codecs(Value module, DictObject* ns) {
  static const struct {
    const char* name;
    NativeFn fn;
  } kFns[] = {
      {"register", c_register},
      {"unregister", c_unregister},
      {"lookup", c_lookup},
      {"_forget_codec", c_forget_codec},
      {"encode", c_encode},
      {"decode", c_decode},
      {"register_error", c_register_error},
      {"lookup_error", c_lookup_error},
      {"utf_8_encode", c_utf_8_encode},
      {"utf_8_decode", c_utf_8_decode},
      {"ascii_encode", c_ascii_encode},
      {"ascii_decode", c_ascii_decode},
      {"latin_1_encode", c_latin_1_encode},
      {"latin_1_decode", c_latin_1_decode},
      {"utf_16_encode", c_utf_16_encode},
      {"utf_16_le_encode", c_utf_16_le_encode},
      {"utf_16_be_encode", c_utf_16_be_encode},
      {"utf_16_decode", c_utf_16_decode},
      {"utf_16_le_decode", c_utf_16_le_decode},
      {"utf_16_be_decode", c_utf_16_be_decode},
      {"utf_16_ex_decode", c_utf_16_ex_decode},
      {"utf_32_encode", c_utf_32_encode},
      {"utf_32_le_encode", c_utf_32_le_encode},
      {"utf_32_be_encode", c_utf_32_be_encode},
      {"utf_32_decode", c_utf_32_decode},
      {"utf_32_le_decode", c_utf_32_le_decode},
      {"utf_32_be_decode", c_utf_32_be_decode},
      {"utf_32_ex_decode", c_utf_32_ex_decode},
      {"charmap_encode", c_charmap_encode},
      {"charmap_decode", c_charmap_decode},
      {"charmap_build", c_charmap_build},
      {"unicode_escape_encode", c_unicode_escape_encode},
      {"unicode_escape_decode", c_unicode_escape_decode},
      {"raw_unicode_escape_encode", c_raw_unicode_escape_encode},
      {"raw_unicode_escape_decode", c_raw_unicode_escape_decode},
      {"escape_encode", c_escape_encode},
      {"escape_decode", c_escape_decode},
      {"readbuffer_encode", c_readbuffer_encode},
  };
  for (const auto& f : kFns) add_function(ns, module, f.name, f.fn);
  return true;
}

/// Called once at start-up (stdlib_init): str.encode and bytes.decode reach the codecs here.
void install_codec_hooks() {
  rt::codec_hooks.encode = hook_encode;
  rt::codec_hooks.decode = hook_decode;
}

}  // namespace minipy::lib
