// Python-compatible number formatting: see numfmt.h.
#include "runtime/numfmt.h"

#include "runtime/int_str_limit.h"

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <limits>
#include <vector>

namespace minipy::rt {

// ---- UTF-8 --------------------------------------------------------------------------

size_t utf8_length(std::string_view s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

std::string utf8_encode(char32_t cp) {
  std::string s;
  if (cp < 0x80) {
    s.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    s.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    s.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    s.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    s.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    s.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    s.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    s.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    s.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    s.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
  return s;
}

namespace {

std::vector<char32_t> utf8_decode(std::string_view s) {
  std::vector<char32_t> out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    int len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 1;
    char32_t cp = len == 1 ? c : len == 2 ? (c & 0x1F) : len == 3 ? (c & 0x0F) : (c & 0x07);
    for (int k = 1; k < len; ++k) {
      if (i + k >= s.size()) break;
      cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    }
    out.push_back(cp);
    i += len;
  }
  return out;
}

// Byte offset of the n-th code point (or s.size()).
size_t utf8_offset(std::string_view s, size_t n) {
  size_t i = 0;
  for (; i < s.size(); ++i) {
    if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) {
      if (n == 0) return i;
      --n;
    }
  }
  return s.size();
}

void append_fill(std::string& out, char32_t fill, int64_t n) {
  if (n <= 0) return;
  if (fill < 0x80) {
    out.append(static_cast<size_t>(n), static_cast<char>(fill));
    return;
  }
  std::string f = utf8_encode(fill);
  for (int64_t i = 0; i < n; ++i) out += f;
}

std::string char_repr_for_error(char32_t c) {
  if (c > 32 && c < 128) return std::string(1, static_cast<char>(c));
  char buf[32];
  std::snprintf(buf, sizeof buf, "\\x%x", static_cast<unsigned>(c));
  return buf;
}

std::string unknown_code(char32_t type, std::string_view type_name) {
  return "Unknown format code '" + char_repr_for_error(type) + "' for object of type '" +
         std::string(type_name) + "'";
}

// ---- decimal digit generation (replacement for _Py_dg_dtoa) -------------------------

struct Digits {
  std::string digits;  // no leading/trailing zeros except "0" for zero
  int decpt = 0;       // value = 0.digits * 10^decpt
  bool negative = false;
};

void strip_trailing(Digits& d) {
  while (!d.digits.empty() && d.digits.back() == '0') d.digits.pop_back();
  if (d.digits.empty()) {
    d.digits = "0";
    d.decpt = 1;
  }
}

// From "d.ddde+XX" produced by to_chars scientific.
void parse_sci(const char* b, const char* e, Digits& d) {
  d.digits.clear();
  const char* p = b;
  for (; p < e && *p != 'e'; ++p)
    if (*p != '.') d.digits.push_back(*p);
  int exp = 0;
  if (p < e) std::from_chars(p + 1 + (p[1] == '+'), e, exp);
  d.decpt = exp + 1;
  strip_trailing(d);
}

// mode 0: shortest; mode 2: ndigits significant; mode 3: ndigits after the point.
Digits dtoa(double x, int mode, int ndigits) {
  Digits d;
  d.negative = std::signbit(x);
  double ax = std::fabs(x);
  if (mode == 0) {
    char buf[64];
    auto r = std::to_chars(buf, buf + sizeof buf, ax, std::chars_format::scientific);
    parse_sci(buf, r.ptr, d);
  } else if (mode == 2) {
    std::vector<char> buf(static_cast<size_t>(ndigits) + 32);
    auto r = std::to_chars(buf.data(), buf.data() + buf.size(), ax, std::chars_format::scientific,
                           std::max(ndigits - 1, 0));
    parse_sci(buf.data(), r.ptr, d);
  } else {
    std::vector<char> buf(static_cast<size_t>(std::max(ndigits, 0)) + 330);
    auto r = std::to_chars(buf.data(), buf.data() + buf.size(), ax, std::chars_format::fixed,
                           std::max(ndigits, 0));
    std::string& s = d.digits;
    int intlen = -1;
    for (const char* p = buf.data(); p < r.ptr; ++p) {
      if (*p == '.')
        intlen = static_cast<int>(s.size());
      else
        s.push_back(*p);
    }
    if (intlen < 0) intlen = static_cast<int>(s.size());
    size_t lead = 0;
    while (lead < s.size() && s[lead] == '0') ++lead;
    s.erase(0, lead);
    d.decpt = intlen - static_cast<int>(lead);
    strip_trailing(d);
  }
  return d;
}

}  // namespace

// Mirrors CPython's format_float_short.
std::string double_to_string(double x, char type, int precision, bool add_dot_0, bool alternate,
                             bool no_neg_zero) {
  bool upper = false;
  int mode = 0;
  char code = type;
  switch (type) {
    case 'E': upper = true; code = 'e'; [[fallthrough]];
    case 'e': mode = 2; precision++; break;
    case 'F': upper = true; code = 'f'; [[fallthrough]];
    case 'f': mode = 3; break;
    case 'G': upper = true; code = 'g'; [[fallthrough]];
    case 'g': mode = 2; if (precision == 0) precision = 1; break;
    default: code = 'r'; mode = 0; precision = 0; break;
  }
  if (std::isnan(x)) return upper ? "NAN" : "nan";
  if (std::isinf(x)) return std::string(x < 0 ? "-" : "") + (upper ? "INF" : "inf");

  Digits dg = dtoa(x, mode, precision);
  const std::string& digits = dg.digits;
  bool sign = dg.negative;
  int64_t digits_len = static_cast<int64_t>(digits.size());
  if (no_neg_zero && sign && digits == "0") sign = false;

  int64_t decpt = dg.decpt;
  int64_t vdigits_end = digits_len;
  bool use_exp = false;
  switch (code) {
    case 'e': use_exp = true; vdigits_end = precision; break;
    case 'f': vdigits_end = decpt + precision; break;
    case 'g':
      if (decpt <= -4 || decpt > (add_dot_0 ? precision - 1 : precision)) use_exp = true;
      if (alternate) vdigits_end = precision;
      break;
    default:
      if (decpt <= -4 || decpt > 16) use_exp = true;
      break;
  }
  int64_t exp = 0;
  if (use_exp) {
    exp = decpt - 1;
    decpt = 1;
  }
  int64_t vdigits_start = decpt <= 0 ? decpt - 1 : 0;
  if (!use_exp && add_dot_0)
    vdigits_end = std::max(vdigits_end, decpt + 1);
  else
    vdigits_end = std::max(vdigits_end, decpt);

  std::string out;
  out.reserve(static_cast<size_t>(vdigits_end - vdigits_start + 16));
  if (sign) out.push_back('-');
  if (decpt <= 0) {
    out.append(static_cast<size_t>(decpt - vdigits_start), '0');
    out.push_back('.');
    out.append(static_cast<size_t>(-decpt), '0');
  } else {
    out.append(static_cast<size_t>(-vdigits_start), '0');
  }
  if (0 < decpt && decpt <= digits_len) {
    out.append(digits, 0, static_cast<size_t>(decpt));
    out.push_back('.');
    out.append(digits, static_cast<size_t>(decpt), std::string::npos);
  } else {
    out += digits;
  }
  if (digits_len < decpt) {
    out.append(static_cast<size_t>(decpt - digits_len), '0');
    out.push_back('.');
    out.append(static_cast<size_t>(vdigits_end - decpt), '0');
  } else {
    out.append(static_cast<size_t>(vdigits_end - digits_len), '0');
  }
  if (out.back() == '.' && !alternate) out.pop_back();
  if (use_exp) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%c%+.02d", upper ? 'E' : 'e', static_cast<int>(exp));
    out += buf;
  }
  return out;
}

std::string float_repr(double x) { return double_to_string(x, 'r', 0, /*add_dot_0=*/true); }

// ---- format spec parsing --------------------------------------------------------------

namespace {
bool is_align(char32_t c) { return c == '<' || c == '>' || c == '=' || c == '^'; }
bool is_sign(char32_t c) { return c == ' ' || c == '+' || c == '-'; }

// Returns number of digits consumed; -1 on overflow.
int get_integer(const std::vector<char32_t>& s, size_t& pos, int64_t* out) {
  int64_t v = 0;
  int n = 0;
  while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') {
    int d = static_cast<int>(s[pos] - '0');
    if (v > (std::numeric_limits<int64_t>::max() - d) / 10) return -1;
    v = v * 10 + d;
    ++pos;
    ++n;
  }
  *out = v;
  return n;
}
}  // namespace

std::optional<FormatSpec> parse_format_spec(std::string_view spec_utf8, std::string_view type_name,
                                            char32_t default_type, char default_align,
                                            std::string* error) {
  std::vector<char32_t> s = utf8_decode(spec_utf8);
  const size_t end = s.size();
  size_t pos = 0;
  FormatSpec f;
  f.align = default_align;
  f.type = default_type;
  bool align_specified = false, fill_specified = false;

  if (end - pos >= 2 && is_align(s[pos + 1])) {
    f.align = static_cast<char>(s[pos + 1]);
    f.fill = s[pos];
    fill_specified = align_specified = true;
    pos += 2;
  } else if (end - pos >= 1 && is_align(s[pos])) {
    f.align = static_cast<char>(s[pos]);
    align_specified = true;
    ++pos;
  }
  if (pos < end && is_sign(s[pos])) f.sign = static_cast<char>(s[pos++]);
  if (pos < end && s[pos] == 'z') {
    f.no_neg_zero = true;
    ++pos;
  }
  if (pos < end && s[pos] == '#') {
    f.alternate = true;
    ++pos;
  }
  if (!fill_specified && pos < end && s[pos] == '0') {
    f.fill = '0';
    if (!align_specified && default_align == '>') f.align = '=';
    ++pos;
  }
  int consumed = get_integer(s, pos, &f.width);
  if (consumed < 0) {
    *error = "Too many decimal digits in format string";
    return std::nullopt;
  }
  if (consumed == 0) f.width = -1;
  if (pos < end && s[pos] == ',') {
    f.grouping = ',';
    ++pos;
  }
  if (pos < end && s[pos] == '_') {
    if (f.grouping) {
      *error = "Cannot specify both ',' and '_'.";
      return std::nullopt;
    }
    f.grouping = '_';
    ++pos;
  }
  if (pos < end && s[pos] == ',' && f.grouping == '_') {
    *error = "Cannot specify both ',' and '_'.";
    return std::nullopt;
  }
  if (pos < end && s[pos] == '.') {
    ++pos;
    consumed = get_integer(s, pos, &f.precision);
    if (consumed < 0) {
      *error = "Too many decimal digits in format string";
      return std::nullopt;
    }
    if (consumed == 0) {
      *error = "Format specifier missing precision";
      return std::nullopt;
    }
  }
  if (end - pos > 1) {
    *error = "Invalid format specifier '" + std::string(spec_utf8) + "' for object of type '" +
             std::string(type_name) + "'";
    return std::nullopt;
  }
  if (end - pos == 1) f.type = s[pos++];
  if (f.grouping) {
    switch (f.type) {
      case 'd': case 'e': case 'f': case 'g': case 'E': case 'G': case '%': case 'F': case 0:
        break;
      case 'b': case 'o': case 'x': case 'X':
        if (f.grouping == '_') break;
        [[fallthrough]];
      default:
        *error = std::string("Cannot specify '") + f.grouping + "' with '" + char_repr_for_error(f.type) + "'.";
        return std::nullopt;
    }
  }
  return f;
}

// ---- number layout (calc_number_widths + fill_number) ---------------------------------

namespace {

// _PyUnicode_InsertThousandsGrouping: group == 0 means no grouping.
std::string group_digits(std::string_view digits, int64_t min_width, int group, char sep) {
  min_width = std::max<int64_t>(0, min_width);
  const int64_t sep_len = sep ? 1 : 0;
  std::string rev;  // built right to left
  int64_t remaining = static_cast<int64_t>(digits.size());
  size_t dpos = digits.size();
  bool use_sep = false, loop_broken = false;
  auto emit = [&](int64_t n_chars, int64_t n_zeros) {
    if (use_sep && sep) rev.push_back(sep);
    for (int64_t i = 0; i < n_chars; ++i) rev.push_back(digits[--dpos]);
    rev.append(static_cast<size_t>(n_zeros), '0');
  };
  if (group > 0) {
    for (;;) {
      int64_t len = std::min<int64_t>(group, std::max<int64_t>(std::max(remaining, min_width), 1));
      int64_t n_zeros = std::max<int64_t>(0, len - remaining);
      int64_t n_chars = std::max<int64_t>(0, std::min(remaining, len));
      emit(n_chars, n_zeros);
      use_sep = true;
      remaining -= n_chars;
      min_width -= len;
      if (remaining <= 0 && min_width <= 0) {
        loop_broken = true;
        break;
      }
      min_width -= sep_len;
    }
  }
  if (!loop_broken) {
    int64_t len = std::max<int64_t>(std::max(remaining, min_width), 1);
    int64_t n_zeros = std::max<int64_t>(0, len - remaining);
    int64_t n_chars = std::max<int64_t>(0, std::min(remaining, len));
    emit(n_chars, n_zeros);
  }
  return std::string(rev.rbegin(), rev.rend());
}

struct Number {
  char sign_char = 0;          // '-' or 0
  std::string_view prefix;     // "0x" etc.
  std::string_view digits;     // leading digit run (grouped)
  bool has_decimal = false;
  std::string_view remainder;  // after the decimal point
  int64_t remainder_len = 0;   // in code points
};

std::string layout_number(const Number& n, const FormatSpec& spec, int group, char sep, bool upper) {
  int64_t n_sign = 0;
  char sign = 0;
  switch (spec.sign) {
    case '+': n_sign = 1; sign = n.sign_char == '-' ? '-' : '+'; break;
    case ' ': n_sign = 1; sign = n.sign_char == '-' ? '-' : ' '; break;
    default:
      if (n.sign_char == '-') {
        n_sign = 1;
        sign = '-';
      }
  }
  int64_t n_prefix = static_cast<int64_t>(n.prefix.size());
  int64_t n_decimal = n.has_decimal ? 1 : 0;
  int64_t non_digit = n_sign + n_prefix + n_decimal + n.remainder_len;
  int64_t min_width = (spec.fill == '0' && spec.align == '=') ? spec.width - non_digit : 0;
  std::string grouped;
  if (!n.digits.empty()) grouped = group_digits(n.digits, min_width, group, sep);
  int64_t n_grouped = static_cast<int64_t>(grouped.size());
  int64_t padding = spec.width - (non_digit + n_grouped);
  int64_t lpad = 0, spad = 0, rpad = 0;
  if (padding > 0) {
    switch (spec.align) {
      case '<': rpad = padding; break;
      case '^': lpad = padding / 2; rpad = padding - lpad; break;
      case '=': spad = padding; break;
      default: lpad = padding; break;
    }
  }
  std::string out;
  out.reserve(static_cast<size_t>(std::max<int64_t>(spec.width, 0) + n_grouped + non_digit + 8));
  append_fill(out, spec.fill, lpad);
  if (n_sign) out.push_back(sign);
  for (char c : n.prefix) out.push_back(upper && c >= 'a' && c <= 'z' ? static_cast<char>(c - 32) : c);
  append_fill(out, spec.fill, spad);
  for (char c : grouped) out.push_back(upper && c >= 'a' && c <= 'z' ? static_cast<char>(c - 32) : c);
  if (n.has_decimal) out.push_back('.');
  out += n.remainder;
  append_fill(out, spec.fill, rpad);
  return out;
}

int group_size(const FormatSpec& spec) {
  if (spec.type == 'n') return 0;  // C locale: no grouping
  if (!spec.grouping) return 0;
  if (spec.grouping == '_' && (spec.type == 'b' || spec.type == 'o' || spec.type == 'x' || spec.type == 'X'))
    return 4;
  return 3;
}

bool is_float_type(char32_t t) {
  return t == 'e' || t == 'E' || t == 'f' || t == 'F' || t == 'g' || t == 'G' || t == '%';
}

NumError value_error(std::string* error, std::string msg) {
  *error = std::move(msg);
  return NumError::ValueError;
}

}  // namespace

int int_format_base(char32_t type) {
  switch (type) {
    case 'b': return 2;
    case 'o': return 8;
    case 'x': case 'X': return 16;
    default: return 10;
  }
}

NumError format_integer_digits(bool negative, std::string_view abs_digits, const FormatSpec& spec,
                               std::string* out, std::string* error) {
  if (spec.precision != -1) return value_error(error, "Precision not allowed in integer format specifier");
  if (spec.no_neg_zero)
    return value_error(error, "Negative zero coercion (z) not allowed in integer format specifier");
  Number n;
  n.sign_char = negative ? '-' : 0;
  n.digits = abs_digits;
  if (spec.alternate) {
    switch (spec.type) {
      case 'b': n.prefix = "0b"; break;
      case 'o': n.prefix = "0o"; break;
      case 'x': case 'X': n.prefix = "0x"; break;
      default: break;
    }
  }
  *out = layout_number(n, spec, group_size(spec), spec.type == 'n' ? 0 : spec.grouping, spec.type == 'X');
  return NumError::Ok;
}

namespace {

NumError format_char(int64_t code, bool in_range, const FormatSpec& spec, std::string* out, std::string* error) {
  if (spec.precision != -1) return value_error(error, "Precision not allowed in integer format specifier");
  if (spec.no_neg_zero)
    return value_error(error, "Negative zero coercion (z) not allowed in integer format specifier");
  if (spec.sign) return value_error(error, "Sign not allowed with integer format specifier 'c'");
  if (spec.alternate) return value_error(error, "Alternate form (#) not allowed with integer format specifier 'c'");
  if (!in_range) {
    *error = "Python int too large to convert to C long";
    return NumError::Overflow;
  }
  if (code < 0 || code > 0x10ffff) {
    *error = "%c arg not in range(0x110000)";
    return NumError::Overflow;
  }
  std::string ch = utf8_encode(static_cast<char32_t>(code));
  Number n;
  n.remainder = ch;
  n.remainder_len = 1;
  *out = layout_number(n, spec, 0, 0, false);
  return NumError::Ok;
}

template <typename DigitsFn, typename DoubleFn>
NumError format_int_common(bool negative, const FormatSpec& spec, std::string_view type_name, bool fits,
                           int64_t small, DigitsFn digits_of, DoubleFn to_double, std::string* out,
                           std::string* error) {
  switch (spec.type) {
    case 'b': case 'd': case 'o': case 'x': case 'X': case 'n': case 0: {
      std::string digits = digits_of(int_format_base(spec.type));
      return format_integer_digits(negative, digits, spec, out, error);
    }
    case 'c':
      return format_char(small, fits, spec, out, error);
    default:
      if (is_float_type(spec.type)) {
        bool overflow = false;
        double d = to_double(&overflow);
        if (overflow) {
          *error = "int too large to convert to float";
          return NumError::Overflow;
        }
        return format_float(d, spec, type_name, out, error);
      }
      return value_error(error, unknown_code(spec.type, type_name));
  }
}

std::string u64_digits(uint64_t v, int base) {
  char buf[72];
  auto r = std::to_chars(buf, buf + sizeof buf, v, base);
  return std::string(buf, r.ptr);
}

}  // namespace

NumError format_int(int64_t v, const FormatSpec& spec, std::string_view type_name, std::string* out,
                    std::string* error) {
  uint64_t mag = v < 0 ? uint64_t{0} - static_cast<uint64_t>(v) : static_cast<uint64_t>(v);
  return format_int_common(
      v < 0, spec, type_name, true, v, [&](int base) { return u64_digits(mag, base); },
      [&](bool* ov) {
        *ov = false;
        return static_cast<double>(v);
      },
      out, error);
}

NumError format_int(const BigInt& v, const FormatSpec& spec, std::string_view type_name, std::string* out,
                    std::string* error) {
  if (v.fits_int64()) return format_int(v.to_int64(), spec, type_name, out, error);
  // Decimal output of a big int is subject to the digit limit (int_str_limit.h).
  if (int_format_base(spec.type) == 10 && spec.type != 'e' && spec.type != 'E' && spec.type != 'f' &&
      spec.type != 'F' && spec.type != 'g' && spec.type != 'G' && spec.type != '%' && spec.type != 'c' &&
      int_to_str_exceeds(v, error)) {
    return NumError::ValueError;
  }
  return format_int_common(
      v.is_negative(), spec, type_name, false, 0,
      [&](int base) {
        std::string s = v.to_string(base);
        if (!s.empty() && s[0] == '-') s.erase(0, 1);
        return s;
      },
      [&](bool* ov) { return v.to_double(ov); }, out, error);
}

NumError format_int(const BigInt& v, std::string_view spec, std::string_view type_name, std::string* out,
                    std::string* error) {
  if (spec.empty()) {
    if (int_to_str_exceeds(v, error)) return NumError::ValueError;
    *out = v.to_string();
    return NumError::Ok;
  }
  auto f = parse_format_spec(spec, type_name, 'd', '>', error);
  if (!f) return NumError::ValueError;
  return format_int(v, *f, type_name, out, error);
}

NumError format_int(int64_t v, std::string_view spec, std::string_view type_name, std::string* out,
                    std::string* error) {
  if (spec.empty()) {
    *out = std::to_string(v);
    return NumError::Ok;
  }
  auto f = parse_format_spec(spec, type_name, 'd', '>', error);
  if (!f) return NumError::ValueError;
  return format_int(v, *f, type_name, out, error);
}

NumError format_float(double v, const FormatSpec& spec, std::string_view type_name, std::string* out,
                      std::string* error) {
  char32_t type = spec.type;
  switch (type) {
    case 0: case 'e': case 'E': case 'f': case 'F': case 'g': case 'G': case 'n': case '%': break;
    default: return value_error(error, unknown_code(type, type_name));
  }
  if (spec.precision > std::numeric_limits<int>::max()) return value_error(error, "precision too big");
  int precision = static_cast<int>(spec.precision);
  int default_precision = 6;
  bool add_dot_0 = false;
  char code = static_cast<char>(type);
  if (type == 0) {
    add_dot_0 = true;
    code = 'r';
    default_precision = 0;
  }
  if (type == 'n') code = 'g';
  bool add_pct = false;
  if (type == '%') {
    code = 'f';
    v *= 100;
    add_pct = true;
  }
  if (precision < 0)
    precision = default_precision;
  else if (code == 'r')
    code = 'g';
  std::string s = double_to_string(v, code, precision, add_dot_0, spec.alternate, spec.no_neg_zero);
  if (add_pct) s.push_back('%');
  Number n;
  std::string_view sv = s;
  if (!sv.empty() && sv[0] == '-') {
    n.sign_char = '-';
    sv.remove_prefix(1);
  }
  size_t i = 0;
  while (i < sv.size() && sv[i] >= '0' && sv[i] <= '9') ++i;
  n.digits = sv.substr(0, i);
  if (i < sv.size() && sv[i] == '.') {
    n.has_decimal = true;
    ++i;
  }
  n.remainder = sv.substr(i);
  n.remainder_len = static_cast<int64_t>(n.remainder.size());
  *out = layout_number(n, spec, group_size(spec), spec.type == 'n' ? 0 : spec.grouping, false);
  return NumError::Ok;
}

NumError format_float(double v, std::string_view spec, std::string_view type_name, std::string* out,
                      std::string* error) {
  if (spec.empty()) {
    *out = float_repr(v);
    return NumError::Ok;
  }
  auto f = parse_format_spec(spec, type_name, 0, '>', error);
  if (!f) return NumError::ValueError;
  return format_float(v, *f, type_name, out, error);
}

NumError format_str(std::string_view s, const FormatSpec& spec, std::string_view type_name, std::string* out,
                    std::string* error) {
  if (spec.type != 's' && spec.type != 0) return value_error(error, unknown_code(spec.type, type_name));
  if (spec.sign) {
    return value_error(error, spec.sign == ' ' ? "Space not allowed in string format specifier"
                                               : "Sign not allowed in string format specifier");
  }
  if (spec.no_neg_zero)
    return value_error(error, "Negative zero coercion (z) not allowed in string format specifier");
  if (spec.alternate) return value_error(error, "Alternate form (#) not allowed in string format specifier");
  if (spec.align == '=') return value_error(error, "'=' alignment not allowed in string format specifier");
  int64_t len = static_cast<int64_t>(utf8_length(s));
  if (spec.precision >= 0 && spec.precision < len) {
    s = s.substr(0, utf8_offset(s, static_cast<size_t>(spec.precision)));
    len = spec.precision;
  }
  int64_t pad = spec.width > len ? spec.width - len : 0;
  int64_t lpad = 0, rpad = 0;
  if (spec.align == '>')
    lpad = pad;
  else if (spec.align == '^') {
    lpad = pad / 2;
    rpad = pad - lpad;
  } else
    rpad = pad;
  std::string r;
  r.reserve(s.size() + static_cast<size_t>(pad));
  append_fill(r, spec.fill, lpad);
  r += s;
  append_fill(r, spec.fill, rpad);
  *out = std::move(r);
  return NumError::Ok;
}

NumError format_str(std::string_view s, std::string_view spec, std::string_view type_name, std::string* out,
                    std::string* error) {
  if (spec.empty()) {
    *out = std::string(s);
    return NumError::Ok;
  }
  auto f = parse_format_spec(spec, type_name, 's', '<', error);
  if (!f) return NumError::ValueError;
  return format_str(s, *f, type_name, out, error);
}

NumError format_complex(double re, double im, std::string_view spec_text, std::string_view type_name,
                        std::string* out, std::string* error) {
  auto parsed = parse_format_spec(spec_text, type_name, 0, '>', error);
  if (!parsed) return NumError::ValueError;
  FormatSpec spec = *parsed;
  switch (spec.type) {
    case 0: case 'e': case 'E': case 'f': case 'F': case 'g': case 'G': case 'n': break;
    default: return value_error(error, unknown_code(spec.type, type_name));
  }
  if (spec.fill == '0') return value_error(error, "Zero padding is not allowed in complex format specifier");
  if (spec.align == '=')
    return value_error(error, "'=' alignment flag is not allowed in complex format specifier");
  if (spec.precision > std::numeric_limits<int>::max()) return value_error(error, "precision too big");
  char code = static_cast<char>(spec.type);
  int precision = static_cast<int>(spec.precision);
  int default_precision = 6;
  bool skip_re = false, add_parens = false;
  if (code == 0) {
    // Like str(self): 'r' digits, the real part left out when it is +0.0.
    code = 'r';
    default_precision = 0;
    if (re == 0.0 && !std::signbit(re))
      skip_re = true;
    else
      add_parens = true;
  }
  if (code == 'n') code = 'g';
  if (precision < 0)
    precision = default_precision;
  else if (code == 'r')
    code = 'g';
  // Each part is laid out as a number without padding; the padding wraps the whole.
  auto part = [&](double v, char sign) {
    std::string s = double_to_string(v, code, precision, false, spec.alternate, spec.no_neg_zero);
    Number n;
    std::string_view sv = s;
    if (!sv.empty() && sv[0] == '-') {
      n.sign_char = '-';
      sv.remove_prefix(1);
    }
    size_t i = 0;
    while (i < sv.size() && sv[i] >= '0' && sv[i] <= '9') ++i;
    n.digits = sv.substr(0, i);
    if (i < sv.size() && sv[i] == '.') {
      n.has_decimal = true;
      ++i;
    }
    n.remainder = sv.substr(i);
    n.remainder_len = static_cast<int64_t>(n.remainder.size());
    FormatSpec tmp = spec;
    tmp.fill = ' ';
    tmp.align = '<';
    tmp.width = -1;
    tmp.sign = sign;
    return layout_number(n, tmp, group_size(spec), spec.type == 'n' ? 0 : spec.grouping, false);
  };
  std::string body;
  if (add_parens) body.push_back('(');
  if (!skip_re) body += part(re, spec.sign);
  body += part(im, skip_re ? spec.sign : '+');
  body += add_parens ? "j)" : "j";
  int64_t len = static_cast<int64_t>(body.size());
  int64_t pad = spec.width > len ? spec.width - len : 0;
  int64_t lpad = 0, rpad = 0;
  if (spec.align == '<')
    rpad = pad;
  else if (spec.align == '^') {
    lpad = pad / 2;
    rpad = pad - lpad;
  } else
    lpad = pad;
  std::string r;
  append_fill(r, spec.fill, lpad);
  r += body;
  append_fill(r, spec.fill, rpad);
  *out = std::move(r);
  return NumError::Ok;
}

// ---- printf-style --------------------------------------------------------------------

namespace {
// unicode_format_arg_output for numeric conversions (arg->sign == 1).
std::string printf_output(std::string_view str, const PrintfSpec& spec, bool numeric, bool has_alt_prefix) {
  char fill = (numeric && spec.zero) ? '0' : ' ';
  int64_t width = spec.width;
  int64_t len = static_cast<int64_t>(utf8_length(str));
  size_t pos = 0;
  char signchar = 0;
  bool sign = numeric;
  if (sign) {
    char ch = str.empty() ? 0 : str[0];
    if (ch == '-' || ch == '+') {
      signchar = ch;
      --len;
      ++pos;
    } else if (spec.plus) {
      signchar = '+';
    } else if (spec.space) {
      signchar = ' ';
    } else {
      sign = false;
    }
  }
  if (width < len) width = len;
  std::string out;
  if (sign) {
    if (fill != ' ') out.push_back(signchar);
    if (width > len) --width;
  }
  bool alt_prefix = spec.alt && has_alt_prefix;
  if (alt_prefix) {
    if (fill != ' ') {
      out.append(str.substr(pos, 2));
      pos += 2;
    }
    width -= 2;
    if (width < 0) width = 0;
    len -= 2;
  }
  if (width > len && !spec.left) {
    out.append(static_cast<size_t>(width - len), fill);
    width = len;
  }
  if (fill == ' ') {
    if (sign) out.push_back(signchar);
    if (alt_prefix) {
      out.append(str.substr(pos, 2));
      pos += 2;
    }
  }
  out.append(str.substr(pos));
  if (width > len) out.append(static_cast<size_t>(width - len), ' ');
  return out;
}
}  // namespace

std::string format_float_printf(double x, const PrintfSpec& spec) {
  int prec = spec.precision < 0 ? 6 : static_cast<int>(std::min<int64_t>(spec.precision, 1 << 30));
  std::string s = double_to_string(x, spec.type, prec, false, spec.alt, false);
  return printf_output(s, spec, true, false);
}

std::string format_int_printf(bool negative, std::string_view abs_digits, const PrintfSpec& spec) {
  std::string s;
  if (negative) s.push_back('-');
  bool prefixed = spec.alt && (spec.type == 'o' || spec.type == 'x' || spec.type == 'X');
  if (prefixed) s += spec.type == 'o' ? "0o" : "0x";
  int64_t nd = static_cast<int64_t>(abs_digits.size());
  if (spec.precision > nd) s.append(static_cast<size_t>(spec.precision - nd), '0');
  s += abs_digits;
  if (spec.type == 'X')
    for (char& c : s)
      if (c >= 'a' && c <= 'x') c = static_cast<char>(c - 32);
  return printf_output(s, spec, true, prefixed);
}

std::string format_int_printf(const BigInt& v, const PrintfSpec& spec) {
  int base = spec.type == 'o' ? 8 : (spec.type == 'x' || spec.type == 'X') ? 16 : 10;
  std::string s = v.to_string(base);
  std::string_view sv = s;
  if (v.is_negative()) sv.remove_prefix(1);
  return format_int_printf(v.is_negative(), sv, spec);
}

std::string format_str_printf(std::string_view s, const PrintfSpec& spec) {
  if (spec.precision >= 0) s = s.substr(0, utf8_offset(s, static_cast<size_t>(spec.precision)));
  return printf_output(s, spec, false, false);
}

// ---- round ---------------------------------------------------------------------------

double round_half_even(double x) {
  double r = std::round(x);
  if (std::fabs(x - r) == 0.5) r = 2.0 * std::round(x / 2.0);
  return r;
}

NumError round_double(double x, int64_t ndigits, double* out) {
  constexpr int kNdigitsMax = static_cast<int>((53 - (-1021)) * 0.30103);
  constexpr int kNdigitsMin = -static_cast<int>((1024 + 1) * 0.30103);
  if (!std::isfinite(x) || ndigits > kNdigitsMax) {
    *out = x;
    return NumError::Ok;
  }
  if (ndigits < kNdigitsMin) {
    *out = 0.0 * x;
    return NumError::Ok;
  }
  std::string digits;  // rounded digits; value = digits * 10^exp10
  int64_t exp10;
  bool neg = std::signbit(x);
  double ax = std::fabs(x);
  if (ndigits >= 0) {
    Digits d = dtoa(ax, 3, static_cast<int>(ndigits));
    digits = d.digits;
    exp10 = d.decpt - static_cast<int64_t>(digits.size());
  } else {
    // Exact integer part plus a sticky bit for the fraction, then round by hand.
    double ip = std::trunc(ax);
    bool sticky = ip != ax;
    char buf[400];
    auto r = std::to_chars(buf, buf + sizeof buf, ip, std::chars_format::fixed, 0);
    std::string s(buf, r.ptr);
    int64_t cut = static_cast<int64_t>(s.size()) + ndigits;  // digits kept
    exp10 = -ndigits;
    if (cut < 0) {
      digits = "0";
    } else {
      std::string keep = s.substr(0, static_cast<size_t>(cut));
      std::string rest = s.substr(static_cast<size_t>(cut));
      bool rest_nonzero_after_first = sticky;
      for (size_t k = 1; k < rest.size(); ++k) rest_nonzero_after_first |= rest[k] != '0';
      char first = rest.empty() ? '0' : rest[0];
      bool last_odd = !keep.empty() && ((keep.back() - '0') & 1);
      bool up = first > '5' || (first == '5' && (rest_nonzero_after_first || last_odd));
      if (keep.empty()) keep = "0";
      if (up) {
        int k = static_cast<int>(keep.size()) - 1;
        while (k >= 0 && keep[k] == '9') keep[k--] = '0';
        if (k < 0)
          keep.insert(keep.begin(), '1');
        else
          keep[k]++;
      }
      digits = keep;
    }
  }
  std::string num = (neg ? "-" : "") + digits + "e" + std::to_string(exp10);
  errno = 0;
  double r = std::strtod(num.c_str(), nullptr);
  if (errno == ERANGE && std::fabs(r) >= 1.0) return NumError::Overflow;
  *out = r;
  return NumError::Ok;
}

double round_half_even(double x, int ndigits) {
  double r;
  if (round_double(x, ndigits, &r) != NumError::Ok) return x;
  return r;
}

}  // namespace minipy::rt
