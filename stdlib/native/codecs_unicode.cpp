// The Unicode codecs of _codecs (UTF-8, UTF-16, UTF-32, Latin-1, ASCII, charmap) and the
// error-handling protocol they share (codecs_core.h): the standard handlers are applied inline,
// any other name is looked up in the registry and called with a UnicodeError, as CPython does.
// Error reasons, spans and exception encodings follow CPython 3.11's unicodeobject.c.
#include <fmt/format.h>

#include "runtime/errors.h"
#include "runtime/objects/bytes.h"
#include "runtime/objects/dict.h"
#include "runtime/objects/int.h"
#include "runtime/objects/singletons.h"
#include "runtime/objects/str.h"
#include "runtime/objects/tuple.h"
#include "runtime/ops.h"
#include "stdlib/native/codecs_core.h"
#include "unicode/unicode_db.h"

namespace minipy::lib::codecs {

using namespace rt;

Ref lookup_error_handler(std::string_view name);  // _codecs.cpp

Handler handler_kind(std::string_view e) {
  if (e.empty() || e == "strict") return Handler::Strict;
  if (e == "ignore") return Handler::Ignore;
  if (e == "replace") return Handler::Replace;
  if (e == "surrogateescape") return Handler::SurrogateEscape;
  if (e == "surrogatepass") return Handler::SurrogatePass;
  if (e == "backslashreplace") return Handler::BackslashReplace;
  if (e == "xmlcharrefreplace") return Handler::XmlCharRefReplace;
  if (e == "namereplace") return Handler::NameReplace;
  return Handler::Other;
}

std::u32string code_points(Value str) {
  std::string_view s = as_str(str)->view();
  std::u32string out;
  out.reserve(s.size());
  size_t pos = 0;
  while (pos < s.size()) out.push_back(rt::utf8_decode(s, pos));
  return out;
}

void put_utf8(std::string& out, uint32_t cp) { utf8_append(out, cp); }

namespace {

/// The byte order and unit size of a UTF codec, from its name (CPython's get_standard_encoding):
/// 0 = not a UTF codec.
struct UtfKind {
  int unit = 0;  // 1 (UTF-8), 2, 4
  bool big = false;
};
UtfKind utf_kind(std::string_view enc) {
  std::string e;
  for (char ch : enc) e.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(ch))));
  if (e.rfind("utf", 0) != 0) return {};
  std::string_view r = std::string_view(e).substr(3);
  if (!r.empty() && (r[0] == '-' || r[0] == '_')) r.remove_prefix(1);
  UtfKind k;
  if (r == "8") return {1, false};
  if (r.rfind("16", 0) == 0) {
    k.unit = 2;
  } else if (r.rfind("32", 0) == 0) {
    k.unit = 4;
  } else {
    return {};
  }
  r.remove_prefix(2);
  if (!r.empty() && (r[0] == '-' || r[0] == '_')) r.remove_prefix(1);
  if (r == "be")
    k.big = true;
  else if (r != "le" && !r.empty())
    return {};
  return k;
}

void put_unit(std::string& out, uint32_t v, int unit, bool big) {
  for (int i = 0; i < unit; i++) {
    int shift = big ? 8 * (unit - 1 - i) : 8 * i;
    out.push_back(static_cast<char>((v >> shift) & 0xFF));
  }
}

std::string backslash_escape(uint32_t cp) {
  if (cp < 0x100) return fmt::format("\\x{:02x}", cp);
  if (cp < 0x10000) return fmt::format("\\u{:04x}", cp);
  return fmt::format("\\U{:08x}", cp);
}

Ref decode_exception(DecodeCtx& c, int64_t start, int64_t end, const char* reason) {
  Ref enc = str_new(c.encoding);
  Ref obj = c.input && is_bytes(c.input) ? Ref::new_ref(c.input) : bytes_new(c.data);
  Ref why = str_new(reason);
  Ref s = int_from_int64(start), e = int_from_int64(end);
  Value args[5] = {enc.get(), obj.get(), s.get(), e.get(), why.get()};
  return make_exception(&exc_UnicodeDecodeError, args, 5);
}

Ref encode_exception(EncodeCtx& c, int64_t start, int64_t end, const char* reason) {
  Ref enc = str_new(c.encoding);
  Ref why = str_new(reason);
  Ref s = int_from_int64(start), e = int_from_int64(end);
  Value args[5] = {enc.get(), c.input, s.get(), e.get(), why.get()};
  return make_exception(&exc_UnicodeEncodeError, args, 5);
}

int64_t raise_exc(Ref exc) {
  if (exc) set_exception(std::move(exc));
  return -1;
}

/// Checks a handler's (replacement, position) result; position made absolute within `len`.
bool handler_result(Ref& res, int64_t len, bool decode, Value* rep, int64_t* pos) {
  if (!is_tuple(res.get()) || as_tuple(res.get())->size != 2 ||
      !is_int(as_tuple(res.get())->items()[1]) ||
      !(is_str(as_tuple(res.get())->items()[0]) ||
        (!decode && is_bytes(as_tuple(res.get())->items()[0])))) {
    raise(&exc_TypeError, decode ? "decoding error handler must return (str, int) tuple"
                                 : "encoding error handler must return (str/bytes, int) tuple");
    return false;
  }
  *rep = as_tuple(res.get())->items()[0];
  int64_t p;
  if (!int_to_int64(as_tuple(res.get())->items()[1], &p)) return false;
  if (p < 0) p += len;
  if (p < 0 || p > len) {
    raise_fmt(&exc_IndexError, "position {} from error handler out of bounds", p);
    return false;
  }
  *pos = p;
  return true;
}

}  // namespace

int64_t decode_error(DecodeCtx& c, int64_t start, int64_t end, const char* reason) {
  auto data = reinterpret_cast<const unsigned char*>(c.data.data());
  switch (c.kind) {
    case Handler::Strict:
      break;
    case Handler::Ignore:
      return end;
    case Handler::Replace:
      put_utf8(c.out, 0xFFFD);
      return end;
    case Handler::BackslashReplace:
      for (int64_t i = start; i < end; i++) c.out += fmt::format("\\x{:02x}", data[i]);
      return end;
    case Handler::SurrogateEscape: {
      // Bytes >= 0x80 become U+DC80..U+DCFF (PEP 383), at most 4 per call; ASCII never does.
      int64_t i = start;
      while (i < end && i - start < 4 && data[i] >= 0x80) put_utf8(c.out, 0xDC00 + data[i++]);
      if (i > start) return i;
      break;
    }
    case Handler::SurrogatePass: {
      UtfKind k = utf_kind(c.encoding);
      int64_t n = static_cast<int64_t>(c.data.size());
      uint32_t ch = 0;
      int len = k.unit == 1 ? 3 : k.unit;
      if (k.unit == 0 || start + len > n) break;
      if (k.unit == 1) {
        if ((data[start] & 0xF0) != 0xE0 || (data[start + 1] & 0xC0) != 0x80 ||
            (data[start + 2] & 0xC0) != 0x80)
          break;
        ch = ((data[start] & 0x0F) << 12) | ((data[start + 1] & 0x3F) << 6) |
             (data[start + 2] & 0x3F);
      } else {
        for (int i = 0; i < len; i++) {
          int shift = k.big ? 8 * (len - 1 - i) : 8 * i;
          ch |= static_cast<uint32_t>(data[start + i]) << shift;
        }
      }
      if (ch < 0xD800 || ch > 0xDFFF) break;
      put_utf8(c.out, ch);
      return start + len;
    }
    case Handler::XmlCharRefReplace:
    case Handler::NameReplace:
      raise(&exc_TypeError, "don't know how to handle UnicodeDecodeError in error callback");
      return -1;
    case Handler::Other: {
      Ref handler = lookup_error_handler(c.errors);
      if (!handler) return -1;
      Ref exc = decode_exception(c, start, end, reason);
      if (!exc) return -1;
      Ref res = call1(handler.get(), exc.get());
      if (!res) return -1;
      Value rep;
      int64_t pos;
      if (!handler_result(res, static_cast<int64_t>(c.data.size()), true, &rep, &pos)) return -1;
      c.out += as_str(rep)->view();
      return pos;
    }
  }
  return raise_exc(decode_exception(c, start, end, reason));
}

int64_t encode_error(EncodeCtx& c, int64_t start, int64_t end, const char* reason) {
  auto put_ascii = [&](std::string_view s) {
    for (char ch : s) {
      if (!c.encode_rep(c, static_cast<unsigned char>(ch))) return false;
    }
    return true;
  };
  switch (c.kind) {
    case Handler::Strict:
      break;
    case Handler::Ignore:
      return end;
    case Handler::Replace:
      for (int64_t i = start; i < end; i++)
        if (!c.encode_rep(c, '?')) return raise_exc(encode_exception(c, start, end, reason));
      return end;
    case Handler::BackslashReplace:
      for (int64_t i = start; i < end; i++)
        if (!put_ascii(backslash_escape(c.cps[i])))
          return raise_exc(encode_exception(c, start, end, reason));
      return end;
    case Handler::XmlCharRefReplace:
      for (int64_t i = start; i < end; i++)
        if (!put_ascii(fmt::format("&#{};", static_cast<uint32_t>(c.cps[i]))))
          return raise_exc(encode_exception(c, start, end, reason));
      return end;
    case Handler::NameReplace:
      for (int64_t i = start; i < end; i++) {
        std::string name = unicode::name(c.cps[i]);
        std::string rep = name.empty() ? backslash_escape(c.cps[i]) : "\\N{" + name + "}";
        if (!put_ascii(rep)) return raise_exc(encode_exception(c, start, end, reason));
      }
      return end;
    case Handler::SurrogateEscape: {
      std::string bytes;
      for (int64_t i = start; i < end; i++) {
        uint32_t ch = c.cps[i];
        if (ch < 0xDC80 || ch > 0xDCFF) return raise_exc(encode_exception(c, start, end, reason));
        bytes.push_back(static_cast<char>(ch - 0xDC00));
      }
      // A bytes replacement must fill whole code units (UTF-16/32 reject single bytes).
      if (bytes.size() % static_cast<size_t>(c.unit) != 0)
        return raise_exc(encode_exception(c, start, end, reason));
      c.out += bytes;
      return end;
    }
    case Handler::SurrogatePass: {
      UtfKind k = utf_kind(c.encoding);
      if (k.unit == 0) break;
      std::string bytes;
      for (int64_t i = start; i < end; i++) {
        uint32_t ch = c.cps[i];
        if (ch < 0xD800 || ch > 0xDFFF) return raise_exc(encode_exception(c, start, end, reason));
        if (k.unit == 1)
          put_utf8(bytes, ch);
        else
          put_unit(bytes, ch, k.unit, k.big);
      }
      c.out += bytes;
      return end;
    }
    case Handler::Other: {
      Ref handler = lookup_error_handler(c.errors);
      if (!handler) return -1;
      Ref exc = encode_exception(c, start, end, reason);
      if (!exc) return -1;
      Ref res = call1(handler.get(), exc.get());
      if (!res) return -1;
      Value rep;
      int64_t pos;
      if (!handler_result(res, static_cast<int64_t>(c.cps.size()), false, &rep, &pos)) return -1;
      if (is_bytes(rep)) {
        const std::string& b = static_cast<BytesObject*>(rep.obj())->data;
        if (b.size() % static_cast<size_t>(c.unit) != 0)
          return raise_exc(encode_exception(c, start, end, reason));
        c.out += b;
      } else {
        for (uint32_t ch : code_points(rep))
          if (!c.encode_rep(c, ch)) return raise_exc(encode_exception(c, start, end, reason));
      }
      return pos;
    }
  }
  return raise_exc(encode_exception(c, start, end, reason));
}

// ---------------------------------------------------------------- UTF-8

Ref utf8_encode(Value str, std::string_view errors) {
  std::string_view s = as_str(str)->view();
  // Valid text is stored as UTF-8 already; only lone surrogates (ED A0..BF xx) need work.
  bool has_surrogate = false;
  for (size_t i = 0; i + 1 < s.size(); i++) {
    if (static_cast<unsigned char>(s[i]) == 0xED && static_cast<unsigned char>(s[i + 1]) >= 0xA0) {
      has_surrogate = true;
      break;
    }
  }
  if (!has_surrogate) return bytes_new(s);
  EncodeCtx c("utf-8", str, code_points(str), errors);
  c.encode_rep = [](EncodeCtx& cx, uint32_t cp) {
    if (cp >= 0x80) return false;  // CPython accepts only ASCII str replacements here
    cx.out.push_back(static_cast<char>(cp));
    return true;
  };
  int64_t n = static_cast<int64_t>(c.cps.size());
  for (int64_t i = 0; i < n;) {
    uint32_t ch = c.cps[i];
    if (ch < 0xD800 || ch > 0xDFFF) {
      put_utf8(c.out, ch);
      i++;
      continue;
    }
    int64_t end = i + 1;
    while (end < n && c.cps[end] >= 0xD800 && c.cps[end] <= 0xDFFF) end++;
    i = encode_error(c, i, end, "surrogates not allowed");
    if (i < 0) return Ref();
  }
  return bytes_new(c.out);
}

Ref utf8_decode(Value input, std::string_view data, std::string_view errors, bool final,
                int64_t* consumed) {
  DecodeCtx c("utf-8", input, data, errors);
  auto p = reinterpret_cast<const unsigned char*>(data.data());
  int64_t n = static_cast<int64_t>(data.size());
  c.out.reserve(data.size());
  int64_t i = 0;
  auto cont = [&](int64_t k, unsigned lo = 0x80, unsigned hi = 0xBF) {
    return p[k] >= lo && p[k] <= hi;
  };
  while (i < n) {
    unsigned char b = p[i];
    if (b < 0x80) {
      // Copy an ASCII run at once.
      int64_t j = i + 1;
      while (j < n && p[j] < 0x80) j++;
      c.out.append(data.data() + i, static_cast<size_t>(j - i));
      i = j;
      continue;
    }
    int len = 0;
    unsigned lo = 0x80, hi = 0xBF;
    if (b >= 0xC2 && b <= 0xDF) {
      len = 2;
    } else if (b >= 0xE0 && b <= 0xEF) {
      len = 3;
      if (b == 0xE0) lo = 0xA0;
      if (b == 0xED) hi = 0x9F;  // no surrogates
    } else if (b >= 0xF0 && b <= 0xF4) {
      len = 4;
      if (b == 0xF0) lo = 0x90;
      if (b == 0xF4) hi = 0x8F;
    }
    const char* reason = nullptr;
    int64_t end = i + 1;
    if (len == 0) {
      reason = "invalid start byte";
    } else {
      // The longest valid prefix decides: a bad byte is "invalid continuation byte" with the
      // span up to it; running out of input is "unexpected end of data".
      int64_t k = i + 1;
      for (; k < i + len && k < n; k++) {
        bool ok = k == i + 1 ? cont(k, lo, hi) : cont(k);
        if (!ok) break;
      }
      if (k == i + len) {
        c.out.append(data.data() + i, static_cast<size_t>(len));
        i += len;
        continue;
      }
      if (k >= n) {
        if (!final) break;
        reason = "unexpected end of data";
        end = n;
      } else {
        reason = "invalid continuation byte";
        end = k;
      }
    }
    i = decode_error(c, i, end, reason);
    if (i < 0) return Ref();
  }
  *consumed = i;
  return str_new(c.out);
}

// ---------------------------------------------------------------- Latin-1 and ASCII

Ref latin1_or_ascii_encode(Value str, std::string_view errors, bool ascii) {
  uint32_t limit = ascii ? 0x80 : 0x100;
  StrObject* s = as_str(str);
  if (s->ascii) return bytes_new(s->view());
  EncodeCtx c(ascii ? "ascii" : "latin-1", str, code_points(str), errors);
  c.encode_rep = ascii ? +[](EncodeCtx& cx, uint32_t cp) {
    if (cp >= 0x80) return false;
    cx.out.push_back(static_cast<char>(cp));
    return true;
  } : +[](EncodeCtx& cx, uint32_t cp) {
    if (cp >= 0x100) return false;
    cx.out.push_back(static_cast<char>(cp));
    return true;
  };
  const char* reason = ascii ? "ordinal not in range(128)" : "ordinal not in range(256)";
  int64_t n = static_cast<int64_t>(c.cps.size());
  for (int64_t i = 0; i < n;) {
    if (c.cps[i] < limit) {
      c.out.push_back(static_cast<char>(c.cps[i++]));
      continue;
    }
    int64_t end = i + 1;
    while (end < n && c.cps[end] >= limit) end++;
    i = encode_error(c, i, end, reason);
    if (i < 0) return Ref();
  }
  return bytes_new(c.out);
}

Ref latin1_or_ascii_decode(Value input, std::string_view data, std::string_view errors,
                           bool ascii) {
  DecodeCtx c(ascii ? "ascii" : "latin-1", input, data, errors);
  auto p = reinterpret_cast<const unsigned char*>(data.data());
  int64_t n = static_cast<int64_t>(data.size());
  for (int64_t i = 0; i < n;) {
    if (p[i] < 0x80 || !ascii) {
      put_utf8(c.out, p[i++]);
      continue;
    }
    i = decode_error(c, i, i + 1, "ordinal not in range(128)");
    if (i < 0) return Ref();
  }
  return str_new(c.out);
}

// ---------------------------------------------------------------- UTF-16 and UTF-32

namespace {

uint32_t read_unit(const unsigned char* p, int unit, bool big) {
  uint32_t v = 0;
  for (int i = 0; i < unit; i++)
    v |= static_cast<uint32_t>(p[i]) << (big ? 8 * (unit - 1 - i) : 8 * i);
  return v;
}

Ref utf_wide_encode(Value str, std::string_view errors, int byteorder, int unit) {
  bool big = byteorder == 1;
  const char* name = unit == 2 ? (byteorder == -1  ? "utf-16-le"
                                  : byteorder == 1 ? "utf-16-be"
                                                   : "utf-16")
                               : (byteorder == -1  ? "utf-32-le"
                                  : byteorder == 1 ? "utf-32-be"
                                                   : "utf-32");
  EncodeCtx c(name, str, code_points(str), errors);
  if (byteorder == 0) put_unit(c.out, 0xFEFF, unit, false);
  // Replacement strings must be ASCII here (CPython's rule); wide units use the codec's order.
  c.unit = unit;
  c.big = big;
  c.encode_rep = [](EncodeCtx& cx, uint32_t cp) {
    if (cp >= 0x80) return false;
    put_unit(cx.out, cp, cx.unit, cx.big);
    return true;
  };
  int64_t n = static_cast<int64_t>(c.cps.size());
  for (int64_t i = 0; i < n;) {
    uint32_t ch = c.cps[i];
    if (ch >= 0xD800 && ch <= 0xDFFF) {
      int64_t end = i + 1;
      while (end < n && c.cps[end] >= 0xD800 && c.cps[end] <= 0xDFFF) end++;
      i = encode_error(c, i, end, "surrogates not allowed");
      if (i < 0) return Ref();
      continue;
    }
    if (unit == 2 && ch >= 0x10000) {
      put_unit(c.out, 0xD800 | ((ch - 0x10000) >> 10), 2, big);
      put_unit(c.out, 0xDC00 | ((ch - 0x10000) & 0x3FF), 2, big);
    } else {
      put_unit(c.out, ch, unit, big);
    }
    i++;
  }
  return bytes_new(c.out);
}

Ref utf_wide_decode(Value input, std::string_view data, std::string_view errors, int* byteorder,
                    bool final, int64_t* consumed, int unit) {
  auto p = reinterpret_cast<const unsigned char*>(data.data());
  int64_t n = static_cast<int64_t>(data.size());
  int64_t i = 0;
  int bo = *byteorder;
  if (bo == 0 && n >= unit) {
    uint32_t bom = read_unit(p, unit, false);
    if (bom == 0xFEFF) {
      bo = -1;
      i = unit;
    } else if ((unit == 2 && bom == 0xFFFE) || (unit == 4 && bom == 0xFFFE0000u)) {
      bo = 1;
      i = unit;
    }
  }
  *byteorder = bo;
  bool big = bo == 1;
  const char* name =
      unit == 2 ? (big ? "utf-16-be" : "utf-16-le") : (big ? "utf-32-be" : "utf-32-le");
  DecodeCtx c(name, input, data, errors);
  while (i < n) {
    if (n - i < unit) {
      if (!final) break;
      i = decode_error(c, i, n, "truncated data");
      if (i < 0) return Ref();
      continue;
    }
    uint32_t u = read_unit(p + i, unit, big);
    if (unit == 4) {
      if (u > 0x10FFFF) {
        i = decode_error(c, i, i + 4, "code point not in range(0x110000)");
      } else if (u >= 0xD800 && u <= 0xDFFF) {
        i = decode_error(c, i, i + 4, "code point in surrogate code point range(0xd800, 0xe000)");
      } else {
        put_utf8(c.out, u);
        i += 4;
      }
      if (i < 0) return Ref();
      continue;
    }
    if (u < 0xD800 || u > 0xDFFF) {
      put_utf8(c.out, u);
      i += 2;
      continue;
    }
    if (u >= 0xDC00) {
      i = decode_error(c, i, i + 2, "illegal encoding");
    } else if (n - i < 4) {
      if (!final) break;
      i = decode_error(c, i, n, "unexpected end of data");
    } else {
      uint32_t low = read_unit(p + i + 2, 2, big);
      if (low >= 0xDC00 && low <= 0xDFFF) {
        put_utf8(c.out, 0x10000 + ((u - 0xD800) << 10) + (low - 0xDC00));
        i += 4;
      } else {
        i = decode_error(c, i, i + 2, "illegal UTF-16 surrogate");
      }
    }
    if (i < 0) return Ref();
  }
  *consumed = i;
  return str_new(c.out);
}

}  // namespace

Ref utf16_encode(Value str, std::string_view errors, int byteorder) {
  return utf_wide_encode(str, errors, byteorder, 2);
}
Ref utf32_encode(Value str, std::string_view errors, int byteorder) {
  return utf_wide_encode(str, errors, byteorder, 4);
}
Ref utf16_decode(Value input, std::string_view data, std::string_view errors, int* byteorder,
                 bool final, int64_t* consumed) {
  return utf_wide_decode(input, data, errors, byteorder, final, consumed, 2);
}
Ref utf32_decode(Value input, std::string_view data, std::string_view errors, int* byteorder,
                 bool final, int64_t* consumed) {
  return utf_wide_decode(input, data, errors, byteorder, final, consumed, 4);
}

// ---------------------------------------------------------------- charmap

namespace {

/// mapping[key], with a missing key (LookupError) reported as *undefined.
Ref map_lookup(Value mapping, uint32_t key, bool* undefined) {
  *undefined = false;
  Ref r = getitem(mapping, Value::from_small(key));
  if (!r) {
    if (exception_matches(&exc_LookupError)) {
      clear_exception();
      *undefined = true;
    }
    return Ref();
  }
  if (is_none(r.get())) *undefined = true;
  return r;
}

/// Appends the encoding of `cp` under `mapping`: 1 done, 0 unmapped, -1 error.
int charmap_put(std::string& out, Value mapping, uint32_t cp) {
  bool undefined;
  Ref r = map_lookup(mapping, cp, &undefined);
  if (undefined) return 0;
  if (!r) return -1;
  if (is_int(r.get())) {
    int64_t v;
    if (!int_to_int64(r.get(), &v) || v < 0 || v > 255) {
      clear_exception();
      raise(&exc_TypeError, "character mapping must be in range(256)");
      return -1;
    }
    out.push_back(static_cast<char>(v));
    return 1;
  }
  if (is_bytes(r.get())) {
    out += static_cast<BytesObject*>(r.obj())->data;
    return 1;
  }
  raise_fmt(&exc_TypeError, "character mapping must return integer, bytes or None, not {}",
            type_name(r.get()));
  return -1;
}

}  // namespace

Ref charmap_encode(Value str, std::string_view errors, Value mapping) {
  if (!mapping || is_none(mapping)) return latin1_or_ascii_encode(str, errors, false);
  EncodeCtx c("charmap", str, code_points(str), errors);
  c.mapping = mapping;
  c.encode_rep = [](EncodeCtx& cx, uint32_t cp) {
    int r = charmap_put(cx.out, cx.mapping, cp);
    if (r < 0) clear_exception();
    return r == 1;
  };
  int64_t n = static_cast<int64_t>(c.cps.size());
  Ref result;
  int64_t i = 0;
  while (i < n) {
    int r = charmap_put(c.out, mapping, c.cps[i]);
    if (r < 0) break;
    if (r == 1) {
      i++;
      continue;
    }
    int64_t end = i + 1;
    while (end < n) {
      std::string scratch;
      int r2 = charmap_put(scratch, mapping, c.cps[end]);
      if (r2 < 0) {
        clear_exception();
        break;
      }
      if (r2 == 1) break;
      end++;
    }
    i = encode_error(c, i, end, "character maps to <undefined>");
    if (i < 0) break;
  }
  if (i < n || error_pending()) return Ref();
  return bytes_new(c.out);
}

Ref charmap_decode(Value input, std::string_view data, std::string_view errors, Value mapping) {
  if (!mapping || is_none(mapping)) return latin1_or_ascii_decode(input, data, errors, false);
  DecodeCtx c("charmap", input, data, errors);
  auto p = reinterpret_cast<const unsigned char*>(data.data());
  int64_t n = static_cast<int64_t>(data.size());
  std::u32string table;
  bool is_table = is_str(mapping);
  if (is_table) table = code_points(mapping);
  for (int64_t i = 0; i < n;) {
    uint32_t b = p[i];
    if (is_table) {
      if (b < table.size() && table[b] != 0xFFFE) {
        put_utf8(c.out, table[b]);
        i++;
        continue;
      }
    } else {
      bool undefined;
      Ref r = map_lookup(mapping, b, &undefined);
      if (!r && !undefined) return Ref();
      if (!undefined) {
        if (is_int(r.get())) {
          int64_t v;
          if (!int_to_int64(r.get(), &v) || v < 0 || v > 0x10FFFF) {
            clear_exception();
            return raise(&exc_TypeError, "character mapping must be in range(0x110000)");
          }
          if (v != 0xFFFE) {
            put_utf8(c.out, static_cast<uint32_t>(v));
            i++;
            continue;
          }
        } else if (is_str(r.get())) {
          std::string_view s = as_str(r.get())->view();
          if (s != "\xEF\xBF\xBE") {  // U+FFFE means undefined
            c.out += s;
            i++;
            continue;
          }
        } else {
          return raise(&exc_TypeError, "character mapping must return integer, None or str");
        }
      }
    }
    i = decode_error(c, i, i + 1, "character maps to <undefined>");
    if (i < 0) return Ref();
  }
  return str_new(c.out);
}

}  // namespace minipy::lib::codecs
