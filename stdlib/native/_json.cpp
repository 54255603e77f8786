// _json: the string routines under CPython's json package (json.decoder and json.encoder import
// them when they can, as on CPython; test_json runs its C tests against them): scanstring, the
// inner loop of decoding a JSON string, and encode_basestring(_ascii), its quoting. Semantics
// and error messages are those of CPython's Modules/_json.c, which differ in places from the
// pure-Python fallbacks (py_scanstring says "Invalid \escape: 'q'", this says "Invalid \escape").
// make_scanner and make_encoder are not provided: json falls back to its Python versions.
//
// Positions are code-point indices into the str; minipy's strs are UTF-8, so the scan walks
// code points from the byte offset of `end` and counts them.
#include <string>

#include "runtime/errors.h"
#include "runtime/objects/native.h"
#include "runtime/objects/singletons.h"
#include "runtime/objects/str.h"
#include "runtime/objects/tuple.h"
#include "runtime/ops.h"
#include "vm/import.h"

namespace minipy::lib {

using namespace rt;

namespace {

/// Raises json.decoder.JSONDecodeError(msg, s, pos) (a ValueError subclass).
Ref raise_decode_error(const char* msg, Value s, int64_t pos) {
  Ref decoder = vm::import_module_absolute("json.decoder");
  if (!decoder) return decoder;
  Ref cls = getattr(decoder.get(), "JSONDecodeError");
  if (!cls) return cls;
  Ref text = str_new(msg);
  Ref where = Ref::small(pos);
  Value args[3] = {text.get(), s, where.get()};
  Ref exc = call(cls.get(), args, 3);
  if (!exc) return exc;
  return set_exception(std::move(exc));
}

bool require_str(Value v) {
  if (is_str(v)) return true;
  raise_fmt(&exc_TypeError, "first argument must be a string, not {}", type_name(v));
  return false;
}

int hex_value(uint32_t d) {
  if (d >= '0' && d <= '9') return static_cast<int>(d - '0');
  if (d >= 'a' && d <= 'f') return static_cast<int>(d - 'a' + 10);
  if (d >= 'A' && d <= 'F') return static_cast<int>(d - 'A' + 10);
  return -1;
}

/// A forward cursor over a str's UTF-8 bytes that counts code points, so that a scan costs the
/// length of what it reads, not of the whole document (json's decoder calls scanstring once per
/// string literal in the document).
struct CodePointCursor {
  std::string_view bytes;
  size_t pos;     // byte offset of code point `index`
  int64_t index;  // code-point index
  uint32_t peek() const {
    size_t p = pos;
    return utf8_decode(bytes, p);
  }
  uint32_t next() {
    index++;
    return utf8_decode(bytes, pos);
  }
};

/// CPython's scanstring_unicode: decodes the JSON string whose opening quote is at end - 1.
Ref scanstring(Value, NativeArgs& a) {
  Value pystr = a[0];
  if (!require_str(pystr)) return Ref();
  StrObject* s = as_str(pystr);
  int64_t end = a.i64(1);
  bool strict = a.given(2) ? a.flag(2) : true;
  int64_t len = s->length;
  if (end < 0 || len < end) return raise(&exc_ValueError, "end is out of bounds");
  CodePointCursor cur{s->view(), str_byte_offset(s, end), end};
  int64_t begin = end - 1;
  std::string out;
  while (true) {
    // Find the end of the string or the next escape; `cur` is at `end`.
    uint32_t c = 0;
    size_t chunk = cur.pos;
    for (; cur.index < len; cur.next()) {
      c = cur.peek();
      if (c == '"' || c == '\\') break;
      if (c <= 0x1f && strict) return raise_decode_error("Invalid control character at", pystr, cur.index);
    }
    if (cur.index == len) c = 0;
    if (c != '"' && c != '\\') return raise_decode_error("Unterminated string starting at", pystr, begin);
    out.append(cur.bytes.substr(chunk, cur.pos - chunk));
    cur.next();
    if (c == '"') {
      end = cur.index;
      break;
    }
    if (cur.index == len) return raise_decode_error("Unterminated string starting at", pystr, begin);
    c = cur.next();
    if (c != 'u') {
      // Non-unicode backslash escapes.
      end = cur.index;
      switch (c) {
        case '"': case '\\': case '/': break;
        case 'b': c = '\b'; break;
        case 'f': c = '\f'; break;
        case 'n': c = '\n'; break;
        case 'r': c = '\r'; break;
        case 't': c = '\t'; break;
        default: c = 0;
      }
      if (c == 0) return raise_decode_error("Invalid \\escape", pystr, end - 2);
    } else {
      c = 0;
      end = cur.index + 4;
      if (end >= len) return raise_decode_error("Invalid \\uXXXX escape", pystr, cur.index - 1);
      while (cur.index < end) {
        int d = hex_value(cur.next());
        if (d < 0) return raise_decode_error("Invalid \\uXXXX escape", pystr, end - 5);
        c = (c << 4) | static_cast<uint32_t>(d);
      }
      // A high surrogate followed by \uXXXX with a low one: the pair is one character.
      if (c >= 0xD800 && c <= 0xDBFF && end + 6 < len && cur.peek() == '\\') {
        CodePointCursor after_first = cur;
        cur.next();
        if (cur.next() == 'u') {
          uint32_t c2 = 0;
          end += 6;
          while (cur.index < end) {
            int d = hex_value(cur.next());
            if (d < 0) return raise_decode_error("Invalid \\uXXXX escape", pystr, end - 5);
            c2 = (c2 << 4) | static_cast<uint32_t>(d);
          }
          if (c2 >= 0xDC00 && c2 <= 0xDFFF) {
            c = 0x10000 + (((c - 0xD800) << 10) | (c2 - 0xDC00));
          } else {
            end -= 6;
            cur = after_first;
          }
        } else {
          cur = after_first;
        }
      }
    }
    utf8_append(out, c);
  }
  Ref text = str_new(std::move(out));
  Ref where = Ref::small(end);
  return tuple_of({text.get(), where.get()});
}

void append_escape(std::string& out, uint32_t c) {
  static const char kHex[] = "0123456789abcdef";
  out += '\\';
  switch (c) {
    case '\\': out += '\\'; return;
    case '"': out += '"'; return;
    case '\b': out += 'b'; return;
    case '\f': out += 'f'; return;
    case '\n': out += 'n'; return;
    case '\r': out += 'r'; return;
    case '\t': out += 't'; return;
    default: break;
  }
  if (c >= 0x10000) {  // a surrogate pair
    uint32_t v = c - 0x10000;
    uint32_t hi = 0xD800 | ((v >> 10) & 0x3FF);
    out += 'u';
    for (int shift = 12; shift >= 0; shift -= 4) out += kHex[(hi >> shift) & 0xF];
    out += "\\";
    c = 0xDC00 | (v & 0x3FF);
  }
  out += 'u';
  for (int shift = 12; shift >= 0; shift -= 4) out += kHex[(c >> shift) & 0xF];
}

/// '"' + s with JSON escapes + '"'; `ascii`: every character outside ' '..'~' escaped.
Ref encode(Value v, bool ascii) {
  if (!require_str(v)) return Ref();
  std::string_view s = as_str(v)->view();
  std::string out;
  out.reserve(s.size() + 2);
  out += '"';
  for (size_t pos = 0; pos < s.size();) {
    size_t start = pos;
    uint32_t c = utf8_decode(s, pos);
    bool plain = ascii ? (c >= ' ' && c <= '~' && c != '\\' && c != '"')
                       : (c >= ' ' && c != '\\' && c != '"');
    if (plain) {
      out.append(s.substr(start, pos - start));
    } else {
      append_escape(out, c);
    }
  }
  out += '"';
  return str_new(std::move(out));
}

Ref encode_basestring_ascii(Value, NativeArgs& a) { return encode(a[0], true); }
Ref encode_basestring(Value, NativeArgs& a) { return encode(a[0], false); }

constexpr const char* kScanstringDoc =
    "scanstring(string, end, strict=True) -> (string, end)\n\n"
    "Scan the string s for a JSON string. End is the index of the\n"
    "character in s after the quote that started the JSON string.\n"
    "Unescapes all valid JSON string escape sequences and raises ValueError\n"
    "on attempt to decode an invalid string. If strict is False then literal\n"
    "control characters are allowed in the string.\n\n"
    "Returns a tuple of the decoded string and the index of the character in s\n"
    "after the end quote.";

const NativeDef kJsonFunctions[] = {
    {"scanstring($module, string, end: ssize_t, strict: bool = True, /)", scanstring,
     kNativeNoTextSig | kNativeParseTuple, kScanstringDoc},
    {"encode_basestring_ascii($module, s, /)", encode_basestring_ascii, kNativeNoTextSig,
     "encode_basestring_ascii(string) -> string\n\n"
     "Return an ASCII-only JSON representation of a Python string"},
    {"encode_basestring($module, s, /)", encode_basestring, kNativeNoTextSig,
     "encode_basestring(string) -> string\n\nReturn a JSON representation of a Python string"},
};

}  // namespace

bool init__json(Value module, DictObject* ns) {
  add_functions(ns, module, kJsonFunctions);
  dict_set_cstr(ns, "__doc__", str_new("json speedups\n").get());
  return true;
}

}  // namespace minipy::lib
