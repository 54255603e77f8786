// The escape codecs of _codecs: unicode_escape and raw_unicode_escape (Python string-literal
// escapes over Latin-1 bytes) and escape_encode/escape_decode (bytes-literal escapes), with
// CPython 3.11's error reasons and spans.
#include <fmt/format.h>

#include "runtime/errors.h"
#include "runtime/objects/bytes.h"
#include "runtime/objects/str.h"
#include "stdlib/native/codecs_core.h"

namespace minipy::lib::codecs {

using namespace rt;

uint32_t lookup_char_name(std::string_view name, bool* found);  // _codecs.cpp (unicodedata)

namespace {

int hex_value(unsigned char ch) {
  if (ch >= '0' && ch <= '9') return ch - '0';
  if (ch >= 'a' && ch <= 'f') return ch - 'a' + 10;
  if (ch >= 'A' && ch <= 'F') return ch - 'A' + 10;
  return -1;
}

}  // namespace

Ref unicode_escape_encode(Value str, bool raw) {
  std::string out;
  std::string_view s = as_str(str)->view();
  size_t pos = 0;
  while (pos < s.size()) {
    uint32_t ch = rt::utf8_decode(s, pos);
    if (raw) {
      if (ch < 0x100)
        out.push_back(static_cast<char>(ch));
      else if (ch < 0x10000)
        out += fmt::format("\\u{:04x}", ch);
      else
        out += fmt::format("\\U{:08x}", ch);
      continue;
    }
    if (ch == '\\')
      out += "\\\\";
    else if (ch == '\t')
      out += "\\t";
    else if (ch == '\n')
      out += "\\n";
    else if (ch == '\r')
      out += "\\r";
    else if (ch < 0x20 || (ch >= 0x7F && ch < 0x100))
      out += fmt::format("\\x{:02x}", ch);
    else if (ch < 0x80)
      out.push_back(static_cast<char>(ch));
    else if (ch < 0x10000)
      out += fmt::format("\\u{:04x}", ch);
    else
      out += fmt::format("\\U{:08x}", ch);
  }
  return bytes_new(out);
}

Ref unicode_escape_decode(Value input, std::string_view data, std::string_view errors, bool raw,
                          bool final, int64_t* consumed) {
  DecodeCtx c(raw ? "rawunicodeescape" : "unicodeescape", input, data, errors);
  auto p = reinterpret_cast<const unsigned char*>(data.data());
  int64_t n = static_cast<int64_t>(data.size());
  int64_t i = 0;
  while (i < n) {
    if (p[i] != '\\') {
      put_utf8(c.out, p[i++]);  // bytes are Latin-1
      continue;
    }
    int64_t start = i;
    if (raw) {
      // Only \u and \U escape, and only after an odd number of backslashes.
      int64_t j = i;
      while (j < n && p[j] == '\\') j++;
      int64_t run = j - i;
      if (run % 2 == 0 || j >= n || (p[j] != 'u' && p[j] != 'U')) {
        if (j >= n && run % 2 == 1 && !final) {
          c.out.append(static_cast<size_t>(run - 1), '\\');
          i = j - 1;
          break;
        }
        c.out.append(static_cast<size_t>(run), '\\');
        i = j;
        continue;
      }
      c.out.append(static_cast<size_t>(run - 1), '\\');
      start = j - 1;
      int count = p[j] == 'u' ? 4 : 8;
      int64_t k = j + 1;
      uint32_t v = 0;
      while (k < n && k < j + 1 + count && hex_value(p[k]) >= 0) v = v * 16 + hex_value(p[k++]);
      if (k < j + 1 + count) {
        if (k >= n && !final) {
          i = start;
          break;
        }
        i = decode_error(c, start, k,
                         count == 4 ? "truncated \\uXXXX escape" : "truncated \\UXXXXXXXX escape");
      } else if (v > 0x10FFFF) {
        i = decode_error(c, start, k, "\\Uxxxxxxxx out of range");
      } else {
        put_utf8(c.out, v);
        i = k;
      }
      if (i < 0) return Ref();
      continue;
    }
    if (i + 1 >= n) {
      if (!final) break;
      i = decode_error(c, start, n, "\\ at end of string");
      if (i < 0) return Ref();
      continue;
    }
    unsigned char e = p[i + 1];
    i += 2;
    switch (e) {
      case '\n':
        continue;
      case '\\':
        c.out.push_back('\\');
        continue;
      case '\'':
        c.out.push_back('\'');
        continue;
      case '"':
        c.out.push_back('"');
        continue;
      case 'b':
        c.out.push_back('\b');
        continue;
      case 'f':
        c.out.push_back('\f');
        continue;
      case 't':
        c.out.push_back('\t');
        continue;
      case 'n':
        c.out.push_back('\n');
        continue;
      case 'r':
        c.out.push_back('\r');
        continue;
      case 'v':
        c.out.push_back('\v');
        continue;
      case 'a':
        c.out.push_back('\a');
        continue;
      case '0':
      case '1':
      case '2':
      case '3':
      case '4':
      case '5':
      case '6':
      case '7': {
        uint32_t v = e - '0';
        for (int k = 0; k < 2 && i < n && p[i] >= '0' && p[i] <= '7'; k++)
          v = v * 8 + (p[i++] - '0');
        put_utf8(c.out, v);
        continue;
      }
      case 'x':
      case 'u':
      case 'U': {
        int count = e == 'x' ? 2 : e == 'u' ? 4 : 8;
        const char* why = e == 'x'   ? "truncated \\xXX escape"
                          : e == 'u' ? "truncated \\uXXXX escape"
                                     : "truncated \\UXXXXXXXX escape";
        uint32_t v = 0;
        int64_t k = i;
        while (k < n && k < i + count && hex_value(p[k]) >= 0) v = v * 16 + hex_value(p[k++]);
        if (k < i + count) {
          if (k >= n && !final) {
            i = start;
            goto done;
          }
          i = decode_error(c, start, k, why);
        } else if (v > 0x10FFFF) {
          i = decode_error(c, start, k, "illegal Unicode character");
        } else {
          put_utf8(c.out, v);
          i = k;
        }
        if (i < 0) return Ref();
        continue;
      }
      case 'N': {
        // \N{NAME}: needs unicodedata's name table.
        int64_t close = -1;
        if (i < n && p[i] == '{') {
          for (int64_t k = i + 1; k < n; k++) {
            if (p[k] == '}') {
              close = k;
              break;
            }
          }
        }
        if (close == i + 1) {
          i = decode_error(c, start, close, "malformed \\N character escape");
        } else if (close < 0) {
          if (!final && (i >= n || p[i] == '{')) {
            i = start;
            goto done;
          }
          i = decode_error(c, start, i < n && p[i] == '{' ? n : i,
                           "malformed \\N character escape");
        } else {
          bool found = false;
          uint32_t cp =
              close > i + 1
                  ? lookup_char_name(std::string_view(data.data() + i + 1, close - i - 1), &found)
                  : 0;
          if (found) {
            put_utf8(c.out, cp);
            i = close + 1;
          } else {
            i = decode_error(c, start, close + 1, "unknown Unicode character name");
          }
        }
        if (i < 0) return Ref();
        continue;
      }
      default:
        // Unknown escapes stay as they are (CPython warns; the text is kept).
        c.out.push_back('\\');
        put_utf8(c.out, e);
        continue;
    }
  }
done:
  *consumed = i;
  return str_new(c.out);
}

Ref escape_encode(std::string_view data) {
  std::string out;
  for (unsigned char ch : data) {
    if (ch == '\\' || ch == '\'') {
      out.push_back('\\');
      out.push_back(static_cast<char>(ch));
    } else if (ch == '\t') {
      out += "\\t";
    } else if (ch == '\n') {
      out += "\\n";
    } else if (ch == '\r') {
      out += "\\r";
    } else if (ch < 0x20 || ch >= 0x7F) {
      out += fmt::format("\\x{:02x}", ch);
    } else {
      out.push_back(static_cast<char>(ch));
    }
  }
  return bytes_new(out);
}

Ref escape_decode(std::string_view data, std::string_view errors) {
  std::string out;
  auto p = reinterpret_cast<const unsigned char*>(data.data());
  size_t n = data.size();
  for (size_t i = 0; i < n;) {
    if (p[i] != '\\') {
      out.push_back(static_cast<char>(p[i++]));
      continue;
    }
    if (++i >= n) return raise(&exc_ValueError, "Trailing \\ in string");
    unsigned char e = p[i++];
    switch (e) {
      case '\n':
        break;
      case '\\':
        out.push_back('\\');
        break;
      case '\'':
        out.push_back('\'');
        break;
      case '"':
        out.push_back('"');
        break;
      case 'b':
        out.push_back('\b');
        break;
      case 'f':
        out.push_back('\f');
        break;
      case 't':
        out.push_back('\t');
        break;
      case 'n':
        out.push_back('\n');
        break;
      case 'r':
        out.push_back('\r');
        break;
      case 'v':
        out.push_back('\v');
        break;
      case 'a':
        out.push_back('\a');
        break;
      case '0':
      case '1':
      case '2':
      case '3':
      case '4':
      case '5':
      case '6':
      case '7': {
        unsigned v = e - '0';
        for (int k = 0; k < 2 && i < n && p[i] >= '0' && p[i] <= '7'; k++)
          v = v * 8 + (p[i++] - '0');
        out.push_back(static_cast<char>(v & 0xFF));
        break;
      }
      case 'x': {
        if (i + 1 < n && hex_value(p[i]) >= 0 && hex_value(p[i + 1]) >= 0) {
          out.push_back(static_cast<char>(hex_value(p[i]) * 16 + hex_value(p[i + 1])));
          i += 2;
          break;
        }
        if (errors.empty() || errors == "strict") {
          return raise_fmt(&exc_ValueError, "invalid \\x escape at position {}", i - 2);
        }
        if (errors == "replace") {
          out.push_back('?');
        } else if (errors != "ignore") {
          return raise_fmt(&exc_ValueError, "decoding error; unknown error handling code: {}",
                           errors);
        }
        // Skip the hex digits that were there.
        if (i < n && hex_value(p[i]) >= 0) i++;
        break;
      }
      default:
        out.push_back('\\');
        out.push_back(static_cast<char>(e));
        break;
    }
  }
  return bytes_new(out);
}

}  // namespace minipy::lib::codecs
