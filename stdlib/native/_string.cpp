// _string: the format-string parser under CPython's string.Formatter (formatter_parser and
// formatter_field_name_split), with the semantics and messages of CPython 3.11's
// Objects/stringlib/unicode_format.h (MarkupIterator, parse_field, FieldNameIterator).
// Works on code points so that positions and slices match CPython's for any text.
#include <cstdint>
#include <string>
#include <vector>

#include "runtime/errors.h"
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

using Text = std::u32string;

Text decode(std::string_view s) {
  Text out;
  for (size_t i = 0; i < s.size();) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    int n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    char32_t cp = n == 1 ? c : n == 2 ? (c & 0x1F) : n == 3 ? (c & 0x0F) : (c & 0x07);
    for (int k = 1; k < n && i + k < s.size(); k++)
      cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    out += cp;
    i += static_cast<size_t>(n);
  }
  return out;
}

Ref make_str(const Text& t, size_t a, size_t b) {
  std::string out;
  for (size_t i = a; i < b; i++) {
    char32_t c = t[i];
    if (c < 0x80) {
      out += static_cast<char>(c);
    } else if (c < 0x800) {
      out += static_cast<char>(0xC0 | (c >> 6));
      out += static_cast<char>(0x80 | (c & 0x3F));
    } else if (c < 0x10000) {
      out += static_cast<char>(0xE0 | (c >> 12));
      out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (c & 0x3F));
    } else {
      out += static_cast<char>(0xF0 | (c >> 18));
      out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
      out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (c & 0x3F));
    }
  }
  return str_new(out);
}

/// CPython's get_integer: the value of an all-digit field, -1 when it is not one.
bool get_integer(const Text& t, size_t a, size_t b, int64_t* out) {
  *out = -1;
  if (a >= b) return true;
  int64_t v = 0;
  for (size_t i = a; i < b; i++) {
    if (t[i] < U'0' || t[i] > U'9') return true;
    int d = static_cast<int>(t[i] - U'0');
    if (v > (INT64_MAX - d) / 10) {
      raise(&exc_ValueError, "Too many decimal digits in format string");
      return false;
    }
    v = v * 10 + d;
  }
  *out = v;
  return true;
}

Ref field_value(const Text& t, size_t a, size_t b, bool as_index) {
  int64_t idx;
  if (!get_integer(t, a, b, &idx)) return Ref();
  if (as_index && idx != -1) return int_from_int64(idx);
  return make_str(t, a, b);
}

/// parse_field: from just after '{' to just after the matching '}'; appends the tuple
/// (literal, field_name, format_spec, conversion) to out.
bool parse_field(const Text& t, size_t* pos, Ref literal, ListObject* out) {
  size_t end = t.size(), p = *pos;
  size_t name_start = p;
  char32_t c = 0;
  while (p < end) {
    c = t[p++];
    if (c == U'{') {
      raise(&exc_ValueError, "unexpected '{' in field name");
      return false;
    }
    if (c == U'[') {
      while (p < end && t[p] != U']') p++;
      continue;
    }
    if (c == U'}' || c == U':' || c == U'!') break;
  }
  size_t name_end = p - 1;
  Ref name = make_str(t, name_start, name_end);
  Ref spec = str_new("");
  Ref conversion = none_ref();
  if (c == U'!' || c == U':') {
    if (c == U'!') {
      if (p >= end) {
        raise(&exc_ValueError, "end of string while looking for conversion specifier");
        return false;
      }
      conversion = make_str(t, p, p + 1);
      p++;
      if (p < end) {
        char32_t n = t[p++];
        if (n == U'}') {
          *pos = p;
          list_append_steal(
              out, tuple_of({literal.get(), name.get(), spec.get(), conversion.get()}).release());
          return true;
        }
        if (n != U':') {
          raise(&exc_ValueError, "expected ':' after conversion specifier");
          return false;
        }
      }
    }
    size_t spec_start = p;
    int count = 1;
    while (p < end) {
      char32_t s = t[p++];
      if (s == U'{') {
        count++;
      } else if (s == U'}' && --count == 0) {
        spec = make_str(t, spec_start, p - 1);
        *pos = p;
        list_append_steal(
            out, tuple_of({literal.get(), name.get(), spec.get(), conversion.get()}).release());
        return true;
      }
    }
    raise(&exc_ValueError, "unmatched '{' in format spec");
    return false;
  }
  if (c != U'}') {
    raise(&exc_ValueError, "expected '}' before end of string");
    return false;
  }
  *pos = p;
  list_append_steal(out,
                    tuple_of({literal.get(), name.get(), spec.get(), conversion.get()}).release());
  return true;
}

Ref formatter_parser(Value, const Value* args, size_t nargs, TupleObject* kw) {
  if (!check_nargs("formatter_parser", nargs, kw, 1, 1)) return Ref();
  if (!is_str(args[0])) {
    return raise_fmt(&exc_TypeError, "expected str, got {}", type_name(args[0]));
  }
  Text t = decode(as_str(args[0])->view());
  Ref result = list_new();
  ListObject* out = as_list(result.get());
  size_t pos = 0, end = t.size();
  while (pos < end) {
    size_t start = pos;
    char32_t c = 0;
    bool markup = false;
    while (pos < end) {
      c = t[pos++];
      if (c == U'{' || c == U'}') {
        markup = true;
        break;
      }
    }
    bool at_end = pos >= end;
    size_t len = pos - start;
    if (c == U'}' && markup && (at_end || t[pos] != c)) {
      return raise(&exc_ValueError, "Single '}' encountered in format string");
    }
    if (at_end && c == U'{' && markup)
      return raise(&exc_ValueError, "Single '{' encountered in format string");
    if (!at_end && markup) {
      if (t[pos] == c) {
        pos++;  // an escaped brace: part of the literal, no field follows
        markup = false;
      } else {
        len--;
      }
    }
    Ref literal = make_str(t, start, start + len);
    if (!markup) {
      list_append_steal(out, tuple_of({literal.get(), None(), None(), None()}).release());
      continue;
    }
    if (!parse_field(t, &pos, std::move(literal), out)) return Ref();
  }
  return get_iter(result.get());
}

Ref formatter_field_name_split(Value, const Value* args, size_t nargs, TupleObject* kw) {
  if (!check_nargs("formatter_field_name_split", nargs, kw, 1, 1)) return Ref();
  if (!is_str(args[0])) {
    return raise_fmt(&exc_TypeError, "expected str, got {}", type_name(args[0]));
  }
  Text t = decode(as_str(args[0])->view());
  size_t end = t.size(), p = 0;
  while (p < end && t[p] != U'.' && t[p] != U'[') p++;
  Ref first = field_value(t, 0, p, true);
  if (!first) return first;
  // The rest, as (is_attribute, name) pairs (computed at once; CPython yields them lazily).
  Ref rest = list_new();
  while (p < end) {
    char32_t c = t[p++];
    size_t a = p;
    Ref key;
    bool is_attr;
    if (c == U'.') {
      is_attr = true;
      while (p < end && t[p] != U'.' && t[p] != U'[') p++;
      if (a == p) return raise(&exc_ValueError, "Empty attribute in format string");
      key = make_str(t, a, p);
    } else if (c == U'[') {
      is_attr = false;
      while (p < end && t[p] != U']') p++;
      if (p >= end) return raise(&exc_ValueError, "Missing ']' in format string");
      if (a == p) return raise(&exc_ValueError, "Empty attribute in format string");
      key = field_value(t, a, p, true);
      if (!key) return key;
      p++;  // past ']'
    } else {
      return raise(&exc_ValueError, "Only '.' or '[' may follow ']' in format field specifier");
    }
    list_append_steal(as_list(rest.get()),
                      tuple_of({bool_ref(is_attr).get(), key.get()}).release());
  }
  Ref it = get_iter(rest.get());
  if (!it) return it;
  return tuple_of({first.get(), it.get()});
}

}  // namespace

bool init__string(Value module, DictObject* ns) {
  add_function(ns, module, "formatter_parser", formatter_parser);
  add_function(ns, module, "formatter_field_name_split", formatter_field_name_split);
  return true;
}

}  // namespace minipy::lib
