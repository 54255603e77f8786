// binascii: conversions between binary data and ASCII encodings (hex, base64 with strict mode,
// quoted-printable, uuencode) and the CRC-32 / CRC-CCITT checksums, with CPython 3.11's edge
// cases and messages (binascii.Error "Incorrect padding", "Odd-length string", ...). The
// pure-Python base64, quopri, uu and zipfile modules sit on top of it.
#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "runtime/bigint.h"
#include "runtime/errors.h"
#include "runtime/objects/bytes.h"
#include "runtime/objects/dict.h"
#include "runtime/objects/int.h"
#include "runtime/objects/native.h"
#include "runtime/objects/singletons.h"
#include "runtime/objects/str.h"
#include "runtime/ops.h"
#include "stdlib/native/native_args.h"

namespace minipy::lib {

using namespace rt;

namespace {

Ref g_error;       // binascii.Error (a ValueError)
Ref g_incomplete;  // binascii.Incomplete

TypeObject* error_type() { return static_cast<TypeObject*>(g_error.get().obj()); }
Ref binascii_error(std::string_view msg) { return raise(error_type(), msg); }

/// CPython's ascii_buffer converter: bytes-like data, or a str of ASCII characters only.
bool ascii_data(Value v, std::string_view* out) {
  if (is_str(v)) {
    if (!as_str(v)->ascii) {
      raise(&exc_ValueError, "string argument should contain only ASCII characters");
      return false;
    }
    *out = as_str(v)->view();
    return true;
  }
  if (buffer_view(v, out)) return true;
  raise_fmt(&exc_TypeError, "argument should be bytes, buffer or ASCII string, not '{}'",
            type_name(v));
  return false;
}

/// The low 32 bits of an int (CPython's unsigned_int(bitwise=True) converter).
uint32_t low32(Value v) {
  if (v.is_small()) return static_cast<uint32_t>(v.small());
  BigInt b = int_to_bigint(v);
  BigInt mask = (BigInt(1) << 32) - BigInt(1);
  BigInt m = b & mask;
  return static_cast<uint32_t>(m.to_int64());
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

const char kHexLower[] = "0123456789abcdef";
const char kHexUpper[] = "0123456789ABCDEF";

// ---------------------------------------------------------------- hex

Ref b_hexlify(Value, NativeArgs& a) {
  std::string_view data = a.bytes(0);
  char sep = 0;
  if (a.given(1)) {
    Value s = a[1];
    int64_t n;
    if (!length(s, &n)) return Ref();
    if (n != 1) return raise(&exc_ValueError, "sep must be length 1.");
    if (is_str(s)) {
      size_t pos = 0;
      sep = static_cast<char>(utf8_decode(as_str(s)->view(), pos) & 0xff);
    } else {
      std::string_view b;
      if (!buffer_view(s, &b)) return raise_fmt(&exc_TypeError, "sep must be str or bytes.");
      sep = b[0];
    }
  }
  int per = a.i32(2);
  std::string out;
  size_t group =
      per < 0 ? static_cast<size_t>(-static_cast<int64_t>(per)) : static_cast<size_t>(per);
  for (size_t i = 0; i < data.size(); i++) {
    if (sep != 0 && group != 0 && i > 0) {
      // Groups count from the right for a positive bytes_per_sep, from the left for a negative.
      size_t pos = per > 0 ? data.size() - i : i;
      if (pos % group == 0) out.push_back(sep);
    }
    auto c = static_cast<unsigned char>(data[i]);
    out.push_back(kHexLower[c >> 4]);
    out.push_back(kHexLower[c & 15]);
  }
  return bytes_new(out);
}

Ref b_unhexlify(Value, NativeArgs& a) {
  std::string_view s;
  if (!ascii_data(a[0], &s)) return Ref();
  if (s.size() % 2 != 0) return binascii_error("Odd-length string");
  std::string out;
  out.reserve(s.size() / 2);
  for (size_t i = 0; i < s.size(); i += 2) {
    int hi = hex_value(s[i]), lo = hex_value(s[i + 1]);
    if (hi < 0 || lo < 0) return binascii_error("Non-hexadecimal digit found");
    out.push_back(static_cast<char>(hi << 4 | lo));
  }
  return bytes_new(out);
}

// ---------------------------------------------------------------- base64

const char kB64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

std::array<int8_t, 256> b64_table() {
  std::array<int8_t, 256> t{};
  t.fill(-1);
  for (int i = 0; i < 64; i++) t[static_cast<unsigned char>(kB64[i])] = static_cast<int8_t>(i);
  return t;
}

Ref b_a2b_base64(Value, NativeArgs& a) {
  static const std::array<int8_t, 256> table = b64_table();
  std::string_view s;
  if (!ascii_data(a[0], &s)) return Ref();
  bool strict = a.flag(1);
  if (strict && !s.empty() && s[0] == '=') return binascii_error("Leading padding not allowed");
  std::string out;
  int quad_pos = 0, pads = 0;
  unsigned leftchar = 0;
  bool padding_started = false;
  for (size_t i = 0; i < s.size(); i++) {
    char c = s[i];
    if (c == '=') {
      padding_started = true;
      // Enough padding ends the data; in strict mode nothing may follow it.
      if (quad_pos >= 2 && quad_pos + ++pads >= 4) {
        if (strict && i + 1 < s.size()) return binascii_error("Excess data after padding");
        return bytes_new(out);
      }
      continue;
    }
    int v = table[static_cast<unsigned char>(c)];
    if (v < 0) {
      if (strict) return binascii_error("Only base64 data is allowed");
      continue;
    }
    if (strict && padding_started) return binascii_error("Discontinuous padding not allowed");
    pads = 0;
    switch (quad_pos) {
      case 0:
        quad_pos = 1;
        leftchar = static_cast<unsigned>(v);
        break;
      case 1:
        quad_pos = 2;
        out.push_back(static_cast<char>((leftchar << 2) | (static_cast<unsigned>(v) >> 4)));
        leftchar = static_cast<unsigned>(v) & 0x0f;
        break;
      case 2:
        quad_pos = 3;
        out.push_back(static_cast<char>((leftchar << 4) | (static_cast<unsigned>(v) >> 2)));
        leftchar = static_cast<unsigned>(v) & 0x03;
        break;
      default:
        quad_pos = 0;
        out.push_back(static_cast<char>((leftchar << 6) | static_cast<unsigned>(v)));
        leftchar = 0;
        break;
    }
  }
  if (quad_pos == 1) {
    // One character past a multiple of four cannot come from any input.
    return raise_fmt(
        error_type(),
        "Invalid base64-encoded string: number of data characters ({}) cannot be 1 more than a "
        "multiple of 4",
        out.size() / 3 * 4 + 1);
  }
  if (quad_pos != 0) return binascii_error("Incorrect padding");
  return bytes_new(out);
}

Ref b_b2a_base64(Value, NativeArgs& a) {
  std::string_view d = a.bytes(0);
  std::string out;
  out.reserve((d.size() + 2) / 3 * 4 + 1);
  size_t i = 0;
  for (; i + 3 <= d.size(); i += 3) {
    uint32_t n = (static_cast<unsigned char>(d[i]) << 16) |
                 (static_cast<unsigned char>(d[i + 1]) << 8) | static_cast<unsigned char>(d[i + 2]);
    for (int k = 3; k >= 0; k--) out.push_back(kB64[(n >> (6 * k)) & 63]);
  }
  size_t rest = d.size() - i;
  if (rest > 0) {
    uint32_t n = static_cast<unsigned char>(d[i]) << 16;
    if (rest == 2) n |= static_cast<unsigned char>(d[i + 1]) << 8;
    out.push_back(kB64[(n >> 18) & 63]);
    out.push_back(kB64[(n >> 12) & 63]);
    out.push_back(rest == 2 ? kB64[(n >> 6) & 63] : '=');
    out.push_back('=');
  }
  if (a.flag(1)) out.push_back('\n');
  return bytes_new(out);
}

// ---------------------------------------------------------------- uuencode

Ref b_a2b_uu(Value, NativeArgs& a) {
  std::string_view s;
  if (!ascii_data(a[0], &s)) return Ref();
  // The first character is the length; an empty line reads as NUL, as CPython's C string does.
  auto first = static_cast<unsigned char>(s.empty() ? 0 : s[0]);
  size_t bin_len = static_cast<size_t>((first - ' ') & 077);
  size_t pos = s.empty() ? 0 : 1;
  std::string out;
  unsigned leftchar = 0;
  int leftbits = 0;
  while (out.size() < bin_len) {
    unsigned v = 0;
    if (pos < s.size()) {
      auto c = static_cast<unsigned char>(s[pos]);
      if (c != '\n' && c != '\r') {
        if (c < ' ' || c > ' ' + 64) return binascii_error("Illegal char");
        v = (c - ' ') & 077;
      }
    }
    pos++;  // past the end counts as padding NULs
    leftchar = (leftchar << 6) | v;
    leftbits += 6;
    if (leftbits >= 8) {
      leftbits -= 8;
      out.push_back(static_cast<char>((leftchar >> leftbits) & 0xff));
      leftchar &= (1u << leftbits) - 1;
    }
  }
  for (; pos < s.size(); pos++) {
    char c = s[pos];
    if (c != ' ' && c != ' ' + 64 && c != '\n' && c != '\r')
      return binascii_error("Trailing garbage");
  }
  return bytes_new(out);
}

Ref b_b2a_uu(Value, NativeArgs& a) {
  std::string_view d = a.bytes(0);
  bool backtick = a.flag(1);
  if (d.size() > 45) return binascii_error("At most 45 bytes at once");
  auto enc = [backtick](unsigned v) {
    return static_cast<char>(backtick && v == 0 ? '`' : ' ' + v);
  };
  std::string out;
  out.push_back(enc(static_cast<unsigned>(d.size())));
  for (size_t i = 0; i < d.size(); i += 3) {
    uint32_t n = 0;
    for (size_t k = 0; k < 3; k++)
      n = (n << 8) | (i + k < d.size() ? static_cast<unsigned char>(d[i + k]) : 0);
    for (int k = 3; k >= 0; k--) out.push_back(enc((n >> (6 * k)) & 63));
  }
  out.push_back('\n');
  return bytes_new(out);
}

// ---------------------------------------------------------------- quoted-printable

Ref b_a2b_qp(Value, NativeArgs& a) {
  std::string_view s;
  if (!ascii_data(a[0], &s)) return Ref();
  bool header = a.flag(1);
  std::string out;
  size_t i = 0;
  while (i < s.size()) {
    char c = s[i];
    if (c == '=') {
      if (++i >= s.size()) break;
      if (s[i] == '\n' || s[i] == '\r') {  // soft line break: drop up to and including '\n'
        while (i < s.size() && s[i] != '\n') i++;
        if (i < s.size()) i++;
      } else if (s[i] == '=') {  // "==": a broken encoder's literal '='
        out.push_back('=');
        i++;
      } else if (i + 1 < s.size() && hex_value(s[i]) >= 0 && hex_value(s[i + 1]) >= 0) {
        out.push_back(static_cast<char>(hex_value(s[i]) << 4 | hex_value(s[i + 1])));
        i += 2;
      } else {
        out.push_back('=');
      }
    } else if (header && c == '_') {
      out.push_back(' ');
      i++;
    } else {
      out.push_back(c);
      i++;
    }
  }
  return bytes_new(out);
}

Ref b_b2a_qp(Value, NativeArgs& a) {
  constexpr size_t kMaxLine = 76;
  std::string_view d = a.bytes(0);
  bool quotetabs = a.flag(1), istext = a.flag(2), header = a.flag(3);
  // Line breaks are written as the data's first one was: "\r\n" or "\n".
  size_t nl = d.find('\n');
  bool crlf = nl != std::string_view::npos && nl > 0 && d[nl - 1] == '\r';
  std::string out;
  size_t linelen = 0;
  auto soft_break = [&] {
    out.push_back('=');
    if (crlf) out.push_back('\r');
    out.push_back('\n');
    linelen = 0;
  };
  auto quoted = [&](unsigned char c) {
    out.push_back('=');
    out.push_back(kHexUpper[c >> 4]);
    out.push_back(kHexUpper[c & 15]);
  };
  size_t i = 0;
  while (i < d.size()) {
    auto c = static_cast<unsigned char>(d[i]);
    bool last = i + 1 == d.size();
    char next = last ? 0 : d[i + 1];
    bool must_quote =
        c > 126 || c == '=' || (header && c == '_') ||
        (c == '.' && linelen == 0 && (last || next == '\n' || next == '\r' || next == 0)) ||
        (!istext && (c == '\r' || c == '\n')) || ((c == '\t' || c == ' ') && last) ||
        (c < 33 && c != '\r' && c != '\n' && (quotetabs || (c != '\t' && c != ' ')));
    if (must_quote) {
      if (linelen + 3 >= kMaxLine) soft_break();
      quoted(c);
      i++;
      linelen += 3;
    } else if (istext && (c == '\n' || (c == '\r' && !last && next == '\n'))) {
      linelen = 0;
      // Whitespace just before a line break would be lost in transport: quote it.
      if (!out.empty() && (out.back() == ' ' || out.back() == '\t')) {
        auto ws = static_cast<unsigned char>(out.back());
        out.pop_back();
        quoted(ws);
      }
      if (crlf) out.push_back('\r');
      out.push_back('\n');
      i += c == '\r' ? 2 : 1;
    } else {
      if (!last && next != '\n' && linelen + 1 >= kMaxLine) soft_break();
      linelen++;
      out.push_back(header && c == ' ' ? '_' : static_cast<char>(c));
      i++;
    }
  }
  return bytes_new(out);
}

// ---------------------------------------------------------------- checksums

std::array<uint32_t, 256> crc32_table() {
  std::array<uint32_t, 256> t{};
  for (uint32_t n = 0; n < 256; n++) {
    uint32_t c = n;
    for (int k = 0; k < 8; k++) c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
    t[n] = c;
  }
  return t;
}

std::array<uint16_t, 256> crc_hqx_table() {
  std::array<uint16_t, 256> t{};
  for (uint32_t n = 0; n < 256; n++) {
    uint32_t c = n << 8;
    for (int k = 0; k < 8; k++) c = (c & 0x8000) ? (c << 1) ^ 0x1021 : c << 1;
    t[n] = static_cast<uint16_t>(c);
  }
  return t;
}

Ref b_crc32(Value, NativeArgs& a) {
  static const std::array<uint32_t, 256> table = crc32_table();
  std::string_view d = a.bytes(0);
  uint32_t crc = ~low32(a[1]);
  for (char ch : d) crc = table[(crc ^ static_cast<unsigned char>(ch)) & 0xff] ^ (crc >> 8);
  return int_from_int64(static_cast<int64_t>(~crc & 0xffffffffu));
}

Ref b_crc_hqx(Value, NativeArgs& a) {
  static const std::array<uint16_t, 256> table = crc_hqx_table();
  std::string_view d = a.bytes(0);
  auto crc = static_cast<uint16_t>(low32(a[1]) & 0xffff);
  for (char ch : d)
    crc = static_cast<uint16_t>((crc << 8) ^
                                table[((crc >> 8) ^ static_cast<unsigned char>(ch)) & 0xff]);
  return Ref::small(crc);
}

const NativeDef kBinasciiFunctions[] = {
    {"a2b_base64($module, data, /, *, strict_mode: bool = False)", b_a2b_base64},
    {"a2b_hex($module, hexstr, /)", b_unhexlify},
    {"a2b_qp($module, /, data, header: bool = False)", b_a2b_qp},
    {"a2b_uu($module, data, /)", b_a2b_uu},
    {"b2a_base64($module, data: buffer, /, *, newline: bool = True)", b_b2a_base64},
    {"b2a_hex($module, /, data: buffer, sep=NULL, bytes_per_sep: int = 1)", b_hexlify},
    {"b2a_qp($module, /, data: buffer, quotetabs: bool = False, istext: bool = True, header: bool "
     "= False)",
     b_b2a_qp},
    {"b2a_uu($module, data: buffer, /, *, backtick: bool = False)", b_b2a_uu},
    {"crc32($module, data: buffer, crc: index = 0, /)", b_crc32},
    {"crc_hqx($module, data: buffer, crc: index, /)", b_crc_hqx},
    {"hexlify($module, /, data: buffer, sep=NULL, bytes_per_sep: int = 1)", b_hexlify},
    {"unhexlify($module, hexstr, /)", b_unhexlify},
};

}  // namespace

bool init_binascii(Value module, DictObject* ns) {
  if (!g_error) {
    g_error = new_exception_class("binascii", "Error", &exc_ValueError);
    if (!g_error) return false;
    g_incomplete = new_exception_class("binascii", "Incomplete", &exc_Exception);
    if (!g_incomplete) return false;
  }
  dict_set_cstr(ns, "Error", g_error.get());
  dict_set_cstr(ns, "Incomplete", g_incomplete.get());
  add_functions(ns, module, kBinasciiFunctions);
  return true;
}

}  // namespace minipy::lib
