// str methods, str.format and printf-style formatting (`'%d' % x`); runtime layer, called from
// the VM through method descriptors in str_type's dict and the nb[Mod] slot (str.cpp).
//
// Text is UTF-8. ASCII strings take byte-level fast paths; others decode to code points. The
// character classes (letters, digits, numerics, whitespace, printable) come from the Unicode
// Character Database (unicode/unicode_db.h, Debian's unicode-data), and so do the case
// properties and the full case mappings (SpecialCasing.txt, CaseFolding.txt).
//
// The byte-level algorithms (split, strip, replace, splitlines, the printf engine) are shared with
// bytes_methods.cpp, which declares the few it uses.
#include <algorithm>
#include <charconv>
#include <cstdint>
#include <cstring>
#include <new>
#include <string>
#include <vector>

#include "runtime/errors.h"
#include "runtime/int_str_limit.h"
#include "runtime/numfmt.h"
#include "runtime/objects/bytes.h"
#include "runtime/objects/dict.h"
#include "runtime/objects/float.h"
#include "runtime/objects/int.h"
#include "runtime/objects/list.h"
#include "runtime/objects/native.h"
#include "runtime/objects/singletons.h"
#include "runtime/objects/str.h"
#include "runtime/objects/tuple.h"
#include "runtime/ops.h"
#include "runtime/size_check.h"
#include "unicode/unicode_db.h"

namespace minipy::rt {

// ============================================================ Unicode character properties

namespace uni {

// Case: the UCD's properties and full mappings (unicode_db.h), ASCII answered inline.
static bool is_ascii_upper(uint32_t c) { return c >= 'A' && c <= 'Z'; }
static bool is_ascii_lower(uint32_t c) { return c >= 'a' && c <= 'z'; }

static bool is_titlecase(uint32_t c) { return c >= 0x80 && unicode::is_titlecase(c); }
bool is_upper(uint32_t c) { return c < 0x80 ? is_ascii_upper(c) : unicode::is_uppercase(c); }
bool is_lower(uint32_t c) { return c < 0x80 ? is_ascii_lower(c) : unicode::is_lowercase(c); }
bool is_cased(uint32_t c) {
  return c < 0x80 ? is_ascii_upper(c) || is_ascii_lower(c) : unicode::is_cased(c);
}
// For the title-case and final-sigma rules: apostrophes, periods, combining marks, modifiers.
static bool is_case_ignorable(uint32_t c) { return unicode::is_case_ignorable(c); }

void append_lower(std::u32string& out, uint32_t c) {
  if (c < 0x80) out.push_back(is_ascii_upper(c) ? c + 32 : c);
  else unicode::append_lower(out, c);
}
void append_upper(std::u32string& out, uint32_t c) {
  if (c < 0x80) out.push_back(is_ascii_lower(c) ? c - 32 : c);
  else unicode::append_upper(out, c);
}
void append_title(std::u32string& out, uint32_t c) {
  if (c < 0x80) out.push_back(is_ascii_lower(c) ? c - 32 : c);
  else unicode::append_title(out, c);
}
void append_fold(std::u32string& out, uint32_t c) {
  if (c < 0x80) out.push_back(is_ascii_upper(c) ? c + 32 : c);
  else unicode::append_fold(out, c);
}

bool is_space(uint32_t c) {
  if (c < 0x80) return c == ' ' || (c >= 0x09 && c <= 0x0D) || (c >= 0x1C && c <= 0x1F);
  return unicode::is_space(c);
}

bool is_decimal(uint32_t c) {
  if (c < 0x80) return c >= '0' && c <= '9';
  return unicode::decimal(c) >= 0;
}

bool is_digit(uint32_t c) {
  if (c < 0x80) return c >= '0' && c <= '9';
  return unicode::digit(c) >= 0;
}

bool is_numeric(uint32_t c) {
  if (c < 0x80) return c >= '0' && c <= '9';
  double value;
  return unicode::numeric(c, &value);
}

bool is_alpha(uint32_t c) {
  if (c < 0x80) return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
  return unicode::is_alpha(c);
}

bool is_alnum(uint32_t c) { return is_alpha(c) || is_decimal(c) || is_digit(c) || is_numeric(c); }

bool is_printable(uint32_t c) {
  if (c < 0x80) return c >= 0x20 && c < 0x7F;
  return unicode::is_printable(c);
}

static bool is_xid_start(uint32_t c) {
  if (c < 0x80) return c == '_' || is_alpha(c);
  return unicode::is_xid_start(c);
}
static bool is_xid_continue(uint32_t c) {
  if (c < 0x80) return c == '_' || is_alpha(c) || (c >= '0' && c <= '9');
  return unicode::is_xid_continue(c);
}

}  // namespace uni

// ============================================================ small helpers

static std::u32string to_cps(std::string_view s) {
  std::u32string out;
  out.reserve(s.size());
  size_t pos = 0;
  while (pos < s.size()) out.push_back(utf8_decode(s, pos));
  return out;
}

static std::string from_cps(const std::u32string& cps) {
  std::string out;
  out.reserve(cps.size());
  for (char32_t c : cps) utf8_append(out, c);
  return out;
}

static StrObject* S(Value v) { return as_str(v); }

/// A str result that reuses `self` when the text did not change (exact str only).
static Ref str_result(Value self, std::string&& text) {
  if (is_str_exact(self) && text == S(self)->data) return Ref::new_ref(self);
  return str_new(std::move(text));
}

static int64_t byte_to_cp(std::string_view s, size_t byte_pos) {
  int64_t n = 0;
  for (size_t i = 0; i < byte_pos; i++) {
    if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) n++;
  }
  return n;
}

/// Resolves optional start/end arguments (None allowed) the way CPython's ADJUST_INDICES does:
/// negatives count from the end, end is clamped to [0, len], start to >= 0 (it may exceed end).
bool adjust_indices(Value vstart, Value vend, int64_t len, int64_t* start, int64_t* end) {
  *start = 0;
  *end = len;
  for (int k = 0; k < 2; k++) {
    Value v = k == 0 ? vstart : vend;
    if (!v || is_none(v)) continue;
    int64_t x;
    if (!is_int(v) && type_of(v)->nb_index == nullptr) {
      raise(&exc_TypeError, "slice indices must be integers or None or have an __index__ method");
      return false;
    }
    if (!index_int64(v, &x)) {
      if (!exception_matches(&exc_OverflowError)) return false;
      clear_exception();
      x = int_sign(v) < 0 ? INT64_MIN / 2 : INT64_MAX / 2;
    }
    if (x < 0) {
      x += len;
      if (x < 0) x = 0;
    } else if (x > len && k == 1) {
      x = len;  // only end is clamped: a start past the end finds nothing, even ""
    }
    (k == 0 ? *start : *end) = x;
  }
  return true;
}

// ============================================================ shared byte-level algorithms
// `utf8` selects str semantics (code points, Unicode whitespace) over bytes semantics.

static bool byte_space(unsigned char c) { return c == ' ' || (c >= 0x09 && c <= 0x0D); }

/// Decodes one element (a code point or a byte) at pos.
static uint32_t next_elem(std::string_view s, size_t& pos, bool utf8) {
  if (!utf8) return static_cast<unsigned char>(s[pos++]);
  return utf8_decode(s, pos);
}
/// Steps back one element ending at pos; returns its value and sets pos to its start.
static uint32_t prev_elem(std::string_view s, size_t& pos, bool utf8) {
  if (!utf8) return static_cast<unsigned char>(s[--pos]);
  size_t e = pos;
  do {
    pos--;
  } while (pos > 0 && (static_cast<unsigned char>(s[pos]) & 0xC0) == 0x80);
  size_t p = pos;
  (void)e;
  return utf8_decode(s, p);
}
static bool elem_space(uint32_t c, bool utf8) { return utf8 ? uni::is_space(c) : byte_space(c); }

std::vector<std::string_view> sv_split_ws(std::string_view s, int64_t maxsplit, bool utf8) {
  std::vector<std::string_view> out;
  size_t pos = 0, n = s.size();
  if (maxsplit < 0) maxsplit = INT64_MAX;
  while (pos < n) {
    // skip whitespace
    size_t p = pos;
    while (p < n) {
      size_t q = p;
      if (!elem_space(next_elem(s, q, utf8), utf8)) break;
      p = q;
    }
    pos = p;
    if (pos >= n) break;
    if (maxsplit-- == 0) {
      out.push_back(s.substr(pos));
      return out;
    }
    size_t start = pos;
    while (p < n) {
      size_t q = p;
      if (elem_space(next_elem(s, q, utf8), utf8)) break;
      p = q;
    }
    out.push_back(s.substr(start, p - start));
    pos = p;
  }
  return out;
}

std::vector<std::string_view> sv_rsplit_ws(std::string_view s, int64_t maxsplit, bool utf8) {
  std::vector<std::string_view> out;
  size_t pos = s.size();
  if (maxsplit < 0) maxsplit = INT64_MAX;
  while (pos > 0) {
    size_t p = pos;
    while (p > 0) {
      size_t q = p;
      if (!elem_space(prev_elem(s, q, utf8), utf8)) break;
      p = q;
    }
    pos = p;
    if (pos == 0) break;
    if (maxsplit-- == 0) {
      out.push_back(s.substr(0, pos));
      break;
    }
    size_t end = pos;
    while (p > 0) {
      size_t q = p;
      if (elem_space(prev_elem(s, q, utf8), utf8)) break;
      p = q;
    }
    out.push_back(s.substr(p, end - p));
    pos = p;
  }
  std::reverse(out.begin(), out.end());
  return out;
}

std::vector<std::string_view> sv_split_sep(std::string_view s, std::string_view sep, int64_t maxsplit) {
  std::vector<std::string_view> out;
  if (maxsplit < 0) maxsplit = INT64_MAX;
  size_t pos = 0;
  while (maxsplit-- > 0) {
    size_t f = s.find(sep, pos);
    if (f == std::string_view::npos) break;
    out.push_back(s.substr(pos, f - pos));
    pos = f + sep.size();
  }
  out.push_back(s.substr(pos));
  return out;
}

std::vector<std::string_view> sv_rsplit_sep(std::string_view s, std::string_view sep, int64_t maxsplit) {
  std::vector<std::string_view> out;
  if (maxsplit < 0) maxsplit = INT64_MAX;
  size_t end = s.size();
  while (maxsplit-- > 0 && end >= sep.size()) {
    size_t f = s.rfind(sep, end - sep.size());
    if (f == std::string_view::npos) break;
    out.push_back(s.substr(f + sep.size(), end - f - sep.size()));
    end = f;
  }
  out.push_back(s.substr(0, end));
  std::reverse(out.begin(), out.end());
  return out;
}

/// strip: chars null = whitespace.
std::string_view sv_strip(std::string_view s, const std::string_view* chars, bool left, bool right, bool utf8) {
  std::u32string set;
  if (chars && utf8) set = to_cps(*chars);
  if (chars && !utf8) {
    for (unsigned char c : *chars) set.push_back(c);
  }
  auto strip_it = [&](uint32_t c) {
    if (!chars) return elem_space(c, utf8);
    return set.find(static_cast<char32_t>(c)) != std::u32string::npos;
  };
  size_t b = 0, e = s.size();
  if (left) {
    while (b < e) {
      size_t q = b;
      if (!strip_it(next_elem(s, q, utf8))) break;
      b = q;
    }
  }
  if (right) {
    while (e > b) {
      size_t q = e;
      if (!strip_it(prev_elem(s, q, utf8))) break;
      e = q;
    }
  }
  return s.substr(b, e - b);
}

std::string sv_replace(std::string_view s, std::string_view old, std::string_view repl, int64_t count, bool utf8) {
  if (count < 0) count = INT64_MAX;
  std::string out;
  if (old.empty()) {
    size_t pos = 0;
    while (true) {
      if (count > 0) {
        out.append(repl);
        count--;
      }
      if (pos >= s.size()) break;
      size_t q = pos;
      next_elem(s, q, utf8);
      out.append(s.substr(pos, q - pos));
      pos = q;
    }
    return out;
  }
  size_t pos = 0;
  while (count-- > 0) {
    size_t f = s.find(old, pos);
    if (f == std::string_view::npos) break;
    out.append(s.substr(pos, f - pos));
    out.append(repl);
    pos = f + old.size();
  }
  out.append(s.substr(pos));
  return out;
}

std::vector<std::string_view> sv_splitlines(std::string_view s, bool keepends, bool utf8) {
  std::vector<std::string_view> out;
  size_t pos = 0, n = s.size();
  while (pos < n) {
    size_t start = pos, p = pos, eol = n, next = n;
    while (p < n) {
      size_t q = p;
      uint32_t c = next_elem(s, q, utf8);
      bool brk = c == '\n' || c == '\r' ||
                 (utf8 && (c == 0x0B || c == 0x0C || c == 0x1C || c == 0x1D || c == 0x1E || c == 0x85 ||
                           c == 0x2028 || c == 0x2029));
      if (brk) {
        eol = p;
        next = q;
        if (c == '\r' && q < n && s[q] == '\n') next = q + 1;
        break;
      }
      p = q;
    }
    out.push_back(s.substr(start, (keepends ? next : eol) - start));
    pos = next;
  }
  return out;
}

std::string sv_expandtabs(std::string_view s, int64_t tabsize, bool utf8) {
  std::string out;
  int64_t col = 0;
  size_t pos = 0;
  while (pos < s.size()) {
    size_t start = pos;
    uint32_t c = next_elem(s, pos, utf8);
    if (c == '\t') {
      if (tabsize > 0) {
        int64_t n = tabsize - col % tabsize;
        out.append(static_cast<size_t>(n), ' ');
        col += n;
      }
    } else {
      out.append(s.substr(start, pos - start));
      col++;
      if (c == '\n' || c == '\r') col = 0;
    }
  }
  return out;
}

/// Pads to `width` elements (fill is UTF-8 of one element); where: '<' ljust, '>' rjust, '^' center.
std::string sv_pad(std::string_view s, int64_t len, int64_t width, std::string_view fill, char where) {
  if (width <= len) return std::string(s);
  int64_t total = width - len, left = 0;
  if (where == '>') left = total;
  if (where == '^') left = total / 2 + (total & width & 1);
  int64_t bytes;
  if (!size_mul(total, fill.size(), &bytes) || !size_add(bytes, s.size(), &bytes)) throw std::bad_alloc();
  std::string out;
  out.reserve(bytes);  // one allocation up front: an impossible width fails here, not after filling memory
  append_repeated(out, fill, left);
  out.append(s);
  append_repeated(out, fill, total - left);
  return out;
}

std::string sv_zfill(std::string_view s, int64_t len, int64_t width) {
  if (width <= len) return std::string(s);
  int64_t bytes;
  if (!size_add(width - len, s.size(), &bytes)) throw std::bad_alloc();
  std::string out;
  out.reserve(bytes);
  size_t rest = 0;
  if (!s.empty() && (s[0] == '+' || s[0] == '-')) {
    out.push_back(s[0]);
    rest = 1;
  }
  out.append(static_cast<size_t>(width - len), '0');
  out.append(s.substr(rest));
  return out;
}

// ============================================================ str methods

#define STR_METHOD(name) static Ref name(Value self, const Value* args, size_t nargs, TupleObject* kw)

static bool get_maxsplit(Value v, int64_t* out) {
  *out = -1;
  if (!v) return true;
  if (!is_int(v) && type_of(v)->nb_index == nullptr) {
    raise_fmt(&exc_TypeError, "'{}' object cannot be interpreted as an integer", type_name(v));
    return false;
  }
  return index_int64(v, out);
}

static Ref list_of_views(const std::vector<std::string_view>& parts) {
  Ref l = list_new(parts.size());
  for (std::string_view p : parts) {
    Ref s = str_new(p);
    if (!s) return Ref();
    list_append_steal(as_list(l.get()), s.release());
  }
  return l;
}

static Ref do_split(Value self, const Value* args, size_t nargs, TupleObject* kw, bool right) {
  Value a[2] = {};
  if (!parse_args(right ? "rsplit" : "split", args, nargs, kw, {"sep", "maxsplit"}, 0, a)) return Ref();
  int64_t maxsplit;
  if (!get_maxsplit(a[1], &maxsplit)) return Ref();
  StrObject* s = S(self);
  if (!a[0] || is_none(a[0])) {
    return list_of_views(right ? sv_rsplit_ws(s->data, maxsplit, !s->ascii) : sv_split_ws(s->data, maxsplit, !s->ascii));
  }
  if (!is_str(a[0])) return raise_fmt(&exc_TypeError, "must be str or None, not {}", type_name(a[0]));
  std::string_view sep = S(a[0])->data;
  if (sep.empty()) return raise(&exc_ValueError, "empty separator");
  return list_of_views(right ? sv_rsplit_sep(s->data, sep, maxsplit) : sv_split_sep(s->data, sep, maxsplit));
}
STR_METHOD(m_split) { return do_split(self, args, nargs, kw, false); }
STR_METHOD(m_rsplit) { return do_split(self, args, nargs, kw, true); }

STR_METHOD(m_splitlines) {
  Value a[1] = {};
  if (!parse_args("splitlines", args, nargs, kw, {"keepends"}, 0, a)) return Ref();
  int keep = 0;
  if (a[0] && (keep = truthy(a[0])) < 0) return Ref();
  return list_of_views(sv_splitlines(S(self)->data, keep != 0, true));
}

STR_METHOD(m_join) {
  if (!check_nargs("join", nargs, kw, 1, 1)) return Ref();
  Ref seq;
  const Value* items;
  size_t n;
  // A list stays locked while it is joined (its items are borrowed); nothing for a tuple.
  CriticalSection cs(is_list(args[0]) ? args[0] : Value());
  if (is_list(args[0])) {
    items = as_list(args[0])->items.data();
    n = as_list(args[0])->items.size();
  } else if (is_tuple(args[0])) {
    items = as_tuple(args[0])->items();
    n = as_tuple(args[0])->size;
  } else {
    seq = list_from_iterable(args[0]);
    if (!seq) {
      if (exception_matches(&exc_TypeError) && type_of(args[0])->iter == nullptr) {
        clear_exception();
        return raise(&exc_TypeError, "can only join an iterable");
      }
      return Ref();
    }
    items = as_list(seq.get())->items.data();
    n = as_list(seq.get())->items.size();
  }
  std::string_view sep = S(self)->data;
  std::string out;
  for (size_t i = 0; i < n; i++) {
    if (!is_str(items[i])) {
      return raise_fmt(&exc_TypeError, "sequence item {}: expected str instance, {} found", i, type_name(items[i]));
    }
    if (i) out.append(sep);
    out.append(S(items[i])->data);
  }
  if (n == 1 && is_str_exact(items[0])) return Ref::new_ref(items[0]);
  return str_new(std::move(out));
}

static Ref do_strip(Value self, const Value* args, size_t nargs, TupleObject* kw, const char* name, bool l, bool r) {
  if (!check_nargs(name, nargs, kw, 0, 1)) return Ref();
  std::string_view chars;
  const std::string_view* cp = nullptr;
  if (nargs == 1 && !is_none(args[0])) {
    if (!is_str(args[0])) return raise_fmt(&exc_TypeError, "{} arg must be None or str", name);
    chars = S(args[0])->data;
    cp = &chars;
  }
  StrObject* s = S(self);
  return str_result(self, std::string(sv_strip(s->data, cp, l, r, !s->ascii)));
}
STR_METHOD(m_strip) { return do_strip(self, args, nargs, kw, "strip", true, true); }
STR_METHOD(m_lstrip) { return do_strip(self, args, nargs, kw, "lstrip", true, false); }
STR_METHOD(m_rstrip) { return do_strip(self, args, nargs, kw, "rstrip", false, true); }

STR_METHOD(m_replace) {
  if (!check_nargs("replace", nargs, kw, 2, 3)) return Ref();
  if (!is_str(args[0])) return raise_fmt(&exc_TypeError, "replace() argument 1 must be str, not {}", type_name(args[0]));
  if (!is_str(args[1])) return raise_fmt(&exc_TypeError, "replace() argument 2 must be str, not {}", type_name(args[1]));
  int64_t count = -1;
  if (nargs == 3 && !get_maxsplit(args[2], &count)) return Ref();
  StrObject* s = S(self);
  return str_result(self, sv_replace(s->data, S(args[0])->data, S(args[1])->data, count, !s->ascii));
}

// find family. kind: 0 find, 1 rfind, 2 index, 3 rindex, 4 count.
static Ref do_find(Value self, const Value* args, size_t nargs, TupleObject* kw, int kind) {
  static const char* const kNames[] = {"find", "rfind", "index", "rindex", "count"};
  Value a3[3] = {};
  if (!parse_args(kNames[kind], args, nargs, kw, {"", "", ""}, 1, a3)) return Ref();
  if (!is_str(args[0])) return raise_fmt(&exc_TypeError, "must be str, not {}", type_name(args[0]));
  StrObject* s = S(self);
  StrObject* sub = S(args[0]);
  int64_t start, end;
  if (!adjust_indices(nargs > 1 ? args[1] : Value(), nargs > 2 ? args[2] : Value(), s->length, &start, &end)) {
    return Ref();
  }
  if (end - start < sub->length) {
    if (kind == 4) return Ref::small(0);
    if (kind >= 2) return raise(&exc_ValueError, "substring not found");
    return Ref::small(-1);
  }
  size_t b = str_byte_offset(s, start), e = str_byte_offset(s, end);
  std::string_view hay = std::string_view(s->data).substr(b, e - b);
  std::string_view needle = sub->data;
  if (kind == 4) {
    if (needle.empty()) return Ref::small(end - start + 1);
    int64_t n = 0;
    for (size_t p = hay.find(needle); p != std::string_view::npos; p = hay.find(needle, p + needle.size())) n++;
    return Ref::small(n);
  }
  size_t f = (kind & 1) ? hay.rfind(needle) : hay.find(needle);
  if (f == std::string_view::npos) {
    if (kind >= 2) return raise(&exc_ValueError, "substring not found");
    return Ref::small(-1);
  }
  return Ref::small(start + (s->ascii ? static_cast<int64_t>(f) : byte_to_cp(hay, f)));
}
STR_METHOD(m_find) { return do_find(self, args, nargs, kw, 0); }
STR_METHOD(m_rfind) { return do_find(self, args, nargs, kw, 1); }
STR_METHOD(m_index) { return do_find(self, args, nargs, kw, 2); }
STR_METHOD(m_rindex) { return do_find(self, args, nargs, kw, 3); }
STR_METHOD(m_count) { return do_find(self, args, nargs, kw, 4); }

static Ref do_startsend(Value self, const Value* args, size_t nargs, TupleObject* kw, bool ends) {
  const char* name = ends ? "endswith" : "startswith";
  Value a3[3] = {};
  if (!parse_args(name, args, nargs, kw, {"", "", ""}, 1, a3)) return Ref();
  StrObject* s = S(self);
  int64_t start, end;
  if (!adjust_indices(nargs > 1 ? args[1] : Value(), nargs > 2 ? args[2] : Value(), s->length, &start, &end)) {
    return Ref();
  }
  auto test = [&](StrObject* p) {
    if (end - start < p->length) return false;
    size_t b = str_byte_offset(s, start), e = str_byte_offset(s, end);
    std::string_view hay = std::string_view(s->data).substr(b, e - b);
    return ends ? hay.ends_with(p->view()) : hay.starts_with(p->view());
  };
  if (is_tuple(args[0])) {
    TupleObject* t = as_tuple(args[0]);
    for (size_t i = 0; i < t->size; i++) {
      if (!is_str(t->at(i))) {
        return raise_fmt(&exc_TypeError, "tuple for {} must only contain str, not {}", name, type_name(t->at(i)));
      }
      if (test(S(t->at(i)))) return bool_ref(true);
    }
    return bool_ref(false);
  }
  if (!is_str(args[0])) {
    return raise_fmt(&exc_TypeError, "{} first arg must be str or a tuple of str, not {}", name, type_name(args[0]));
  }
  return bool_ref(test(S(args[0])));
}
STR_METHOD(m_startswith) { return do_startsend(self, args, nargs, kw, false); }
STR_METHOD(m_endswith) { return do_startsend(self, args, nargs, kw, true); }

// ---- case conversion

enum class CaseOp { Upper, Lower, Fold, Swap, Title, Capitalize };

static bool final_sigma(const std::u32string& cps, size_t i) {
  size_t j = i;
  bool before = false;
  while (j > 0) {
    uint32_t c = cps[--j];
    if (uni::is_case_ignorable(c)) continue;
    before = uni::is_cased(c);
    break;
  }
  if (!before) return false;
  for (j = i + 1; j < cps.size(); j++) {
    uint32_t c = cps[j];
    if (uni::is_case_ignorable(c)) continue;
    return !uni::is_cased(c);
  }
  return true;
}

static void lower_at(std::u32string& out, const std::u32string& cps, size_t i) {
  if (cps[i] == 0x3A3) {
    out.push_back(final_sigma(cps, i) ? 0x3C2 : 0x3C3);
  } else {
    uni::append_lower(out, cps[i]);
  }
}

static std::string change_case(StrObject* s, CaseOp op) {
  if (s->ascii) {
    std::string out = s->data;
    bool prev_cased = false;
    for (size_t i = 0; i < out.size(); i++) {
      char& c = out[i];
      bool up = c >= 'A' && c <= 'Z', lo = c >= 'a' && c <= 'z';
      switch (op) {
        case CaseOp::Upper: if (lo) c -= 32; break;
        case CaseOp::Lower:
        case CaseOp::Fold: if (up) c += 32; break;
        case CaseOp::Swap: if (up) c += 32; else if (lo) c -= 32; break;
        case CaseOp::Title:
          if (prev_cased ? up : lo) c ^= 0x20;
          prev_cased = up || lo;
          break;
        case CaseOp::Capitalize:
          if (i == 0 ? lo : up) c ^= 0x20;
          break;
      }
    }
    return out;
  }
  std::u32string cps = to_cps(s->data), out;
  out.reserve(cps.size());
  bool prev_cased = false;
  for (size_t i = 0; i < cps.size(); i++) {
    uint32_t c = cps[i];
    switch (op) {
      case CaseOp::Upper: uni::append_upper(out, c); break;
      case CaseOp::Lower: lower_at(out, cps, i); break;
      case CaseOp::Fold: uni::append_fold(out, c); break;
      case CaseOp::Swap:
        if (uni::is_upper(c)) lower_at(out, cps, i);
        else if (uni::is_lower(c)) uni::append_upper(out, c);
        else out.push_back(c);
        break;
      case CaseOp::Title:
        if (prev_cased) lower_at(out, cps, i);
        else uni::append_title(out, c);
        prev_cased = uni::is_cased(c);
        break;
      case CaseOp::Capitalize:
        if (i == 0) uni::append_title(out, c);
        else lower_at(out, cps, i);
        break;
    }
  }
  return from_cps(out);
}

#define CASE_METHOD(fname, pyname, op)                       \
  STR_METHOD(fname) {                                        \
    if (!check_nargs(pyname, nargs, kw, 0, 0)) return Ref(); \
    (void)args;                                              \
    return str_result(self, change_case(S(self), op));       \
  }
CASE_METHOD(m_upper, "upper", CaseOp::Upper)
CASE_METHOD(m_lower, "lower", CaseOp::Lower)
CASE_METHOD(m_casefold, "casefold", CaseOp::Fold)
CASE_METHOD(m_swapcase, "swapcase", CaseOp::Swap)
CASE_METHOD(m_title, "title", CaseOp::Title)
CASE_METHOD(m_capitalize, "capitalize", CaseOp::Capitalize)

// ---- predicates

template <bool (*Pred)(uint32_t)>
static Ref all_of(Value self, const char* name, size_t nargs, TupleObject* kw) {
  if (!check_nargs(name, nargs, kw, 0, 0)) return Ref();
  std::string_view d = S(self)->data;
  if (d.empty()) return bool_ref(false);
  size_t pos = 0;
  while (pos < d.size()) {
    if (!Pred(utf8_decode(d, pos))) return bool_ref(false);
  }
  return bool_ref(true);
}
#define PRED_METHOD(fname, pyname, pred) \
  STR_METHOD(fname) {                    \
    (void)args;                          \
    return all_of<pred>(self, pyname, nargs, kw); \
  }
PRED_METHOD(m_isdigit, "isdigit", uni::is_digit)
PRED_METHOD(m_isdecimal, "isdecimal", uni::is_decimal)
PRED_METHOD(m_isnumeric, "isnumeric", uni::is_numeric)
PRED_METHOD(m_isalpha, "isalpha", uni::is_alpha)
PRED_METHOD(m_isalnum, "isalnum", uni::is_alnum)
PRED_METHOD(m_isspace, "isspace", uni::is_space)

STR_METHOD(m_isprintable) {
  (void)args;
  if (!check_nargs("isprintable", nargs, kw, 0, 0)) return Ref();
  std::string_view d = S(self)->data;
  size_t pos = 0;
  while (pos < d.size()) {
    if (!uni::is_printable(utf8_decode(d, pos))) return bool_ref(false);
  }
  return bool_ref(true);
}

STR_METHOD(m_isascii) {
  (void)args;
  if (!check_nargs("isascii", nargs, kw, 0, 0)) return Ref();
  return bool_ref(S(self)->ascii);
}

// kind: 0 isupper, 1 islower
static Ref cased_pred(Value self, size_t nargs, TupleObject* kw, int kind) {
  if (!check_nargs(kind == 0 ? "isupper" : "islower", nargs, kw, 0, 0)) return Ref();
  std::string_view d = S(self)->data;
  bool cased = false;
  size_t pos = 0;
  while (pos < d.size()) {
    uint32_t c = utf8_decode(d, pos);
    bool up = uni::is_upper(c), lo = uni::is_lower(c);
    if ((kind == 0 && (lo || uni::is_titlecase(c))) || (kind == 1 && (up || uni::is_titlecase(c)))) {
      return bool_ref(false);
    }
    if (up || lo) cased = true;
  }
  return bool_ref(cased);
}
STR_METHOD(m_isupper) { (void)args; return cased_pred(self, nargs, kw, 0); }
STR_METHOD(m_islower) { (void)args; return cased_pred(self, nargs, kw, 1); }

STR_METHOD(m_istitle) {
  (void)args;
  if (!check_nargs("istitle", nargs, kw, 0, 0)) return Ref();
  std::string_view d = S(self)->data;
  bool cased = false, prev_cased = false;
  size_t pos = 0;
  while (pos < d.size()) {
    uint32_t c = utf8_decode(d, pos);
    if (uni::is_upper(c) || uni::is_titlecase(c)) {
      if (prev_cased) return bool_ref(false);
      prev_cased = cased = true;
    } else if (uni::is_lower(c)) {
      if (!prev_cased) return bool_ref(false);
      prev_cased = cased = true;
    } else {
      prev_cased = false;
    }
  }
  return bool_ref(cased);
}

/// str.isidentifier's test (also __slots__' valid_identifier, runtime/type.cpp).
bool str_is_identifier(std::string_view d) {
  if (d.empty()) return false;
  size_t pos = 0;
  if (!uni::is_xid_start(utf8_decode(d, pos))) return false;
  while (pos < d.size()) {
    if (!uni::is_xid_continue(utf8_decode(d, pos))) return false;
  }
  return true;
}

STR_METHOD(m_isidentifier) {
  (void)args;
  if (!check_nargs("isidentifier", nargs, kw, 0, 0)) return Ref();
  return bool_ref(str_is_identifier(S(self)->data));
}

// ---- padding

static bool get_width(Value v, int64_t* out) {
  if (!is_int(v) && type_of(v)->nb_index == nullptr) {
    raise_fmt(&exc_TypeError, "'{}' object cannot be interpreted as an integer", type_name(v));
    return false;
  }
  return index_int64(v, out);
}

static Ref do_pad(Value self, const Value* args, size_t nargs, TupleObject* kw, const char* name, char where) {
  if (!check_nargs(name, nargs, kw, 1, 2)) return Ref();
  int64_t width;
  if (!get_width(args[0], &width)) return Ref();
  std::string_view fill = " ";
  if (nargs == 2) {
    if (!is_str(args[1])) {
      return raise_fmt(&exc_TypeError, "{}() argument 2 must be str, not {}", name, type_name(args[1]));
    }
    if (S(args[1])->length != 1) return raise(&exc_TypeError, "The fill character must be exactly one character long");
    fill = S(args[1])->data;
  }
  StrObject* s = S(self);
  return str_result(self, sv_pad(s->data, s->length, width, fill, where));
}
STR_METHOD(m_center) { return do_pad(self, args, nargs, kw, "center", '^'); }
STR_METHOD(m_ljust) { return do_pad(self, args, nargs, kw, "ljust", '<'); }
STR_METHOD(m_rjust) { return do_pad(self, args, nargs, kw, "rjust", '>'); }

STR_METHOD(m_zfill) {
  if (!check_nargs("zfill", nargs, kw, 1, 1)) return Ref();
  int64_t width;
  if (!get_width(args[0], &width)) return Ref();
  return str_result(self, sv_zfill(S(self)->data, S(self)->length, width));
}

STR_METHOD(m_expandtabs) {
  Value a[1] = {};
  if (!parse_args("expandtabs", args, nargs, kw, {"tabsize"}, 0, a)) return Ref();
  int64_t tab = 8;
  if (a[0] && !get_width(a[0], &tab)) return Ref();
  if (tab > INT32_MAX || tab < INT32_MIN) return raise(&exc_OverflowError, "Python int too large to convert to C int");
  return str_result(self, sv_expandtabs(S(self)->data, tab, !S(self)->ascii));
}

static Ref do_partition(Value self, const Value* args, size_t nargs, TupleObject* kw, bool right) {
  if (!check_nargs(right ? "rpartition" : "partition", nargs, kw, 1, 1)) return Ref();
  if (!is_str(args[0])) return raise_fmt(&exc_TypeError, "must be str, not {}", type_name(args[0]));
  std::string_view s = S(self)->data, sep = S(args[0])->data;
  if (sep.empty()) return raise(&exc_ValueError, "empty separator");
  size_t f = right ? s.rfind(sep) : s.find(sep);
  Ref parts[3];
  if (f == std::string_view::npos) {
    Ref whole = is_str_exact(self) ? Ref::new_ref(self) : str_new(s);
    parts[right ? 2 : 0] = std::move(whole);
    parts[1] = str_empty();
    parts[right ? 0 : 2] = str_empty();
  } else {
    parts[0] = str_new(s.substr(0, f));
    parts[1] = Ref::new_ref(args[0]);
    parts[2] = str_new(s.substr(f + sep.size()));
  }
  return tuple_of({parts[0].get(), parts[1].get(), parts[2].get()});
}
STR_METHOD(m_partition) { return do_partition(self, args, nargs, kw, false); }
STR_METHOD(m_rpartition) { return do_partition(self, args, nargs, kw, true); }

STR_METHOD(m_encode) {
  Value a[2] = {};
  if (!parse_args("encode", args, nargs, kw, {"encoding", "errors"}, 0, a)) return Ref();
  return str_encode(self, a[0], a[1]);
}

static Ref do_affix(Value self, const Value* args, size_t nargs, TupleObject* kw, bool suffix) {
  const char* name = suffix ? "removesuffix" : "removeprefix";
  if (!check_nargs(name, nargs, kw, 1, 1)) return Ref();
  if (!is_str(args[0])) return raise_fmt(&exc_TypeError, "{}() argument must be str, not {}", name, type_name(args[0]));
  std::string_view s = S(self)->data, a = S(args[0])->data;
  if (a.empty()) return str_result(self, std::string(s));
  if (suffix && s.ends_with(a)) return str_new(s.substr(0, s.size() - a.size()));
  if (!suffix && s.starts_with(a)) return str_new(s.substr(a.size()));
  return str_result(self, std::string(s));
}
STR_METHOD(m_removeprefix) { return do_affix(self, args, nargs, kw, false); }
STR_METHOD(m_removesuffix) { return do_affix(self, args, nargs, kw, true); }

// ---- maketrans / translate

STR_METHOD(m_maketrans) {
  (void)self;
  if (!check_nargs("maketrans", nargs, kw, 1, 3)) return Ref();
  Ref d = dict_new();
  DictObject* dd = as_dict(d.get());
  if (nargs == 1) {
    if (!is_dict(args[0])) {
      return raise(&exc_TypeError, "if you give only one argument to maketrans it must be a dict");
    }
    size_t pos = 0;
    Value k, v;
    while (dict_next(as_dict(args[0]), &pos, &k, &v)) {
      if (is_str(k)) {
        if (S(k)->length != 1) return raise(&exc_ValueError, "string keys in translate table must be of length 1");
        size_t p = 0;
        Ref key = Ref::small(utf8_decode(S(k)->data, p));
        if (!dict_set(dd, key, v)) return Ref();
      } else if (is_int(k)) {
        if (!dict_set(dd, k, v)) return Ref();
      } else {
        return raise(&exc_TypeError, "keys in translate table must be strings or integers");
      }
    }
    return d;
  }
  if (!is_str(args[0])) return raise_fmt(&exc_TypeError, "maketrans() argument 1 must be str, not {}", type_name(args[0]));
  if (!is_str(args[1])) return raise_fmt(&exc_TypeError, "maketrans() argument 2 must be str, not {}", type_name(args[1]));
  std::u32string x = to_cps(S(args[0])->data), y = to_cps(S(args[1])->data);
  if (x.size() != y.size()) {
    return raise(&exc_ValueError, "the first two maketrans arguments must have equal length");
  }
  for (size_t i = 0; i < x.size(); i++) {
    if (!dict_set(dd, Ref::small(x[i]), Ref::small(y[i]))) return Ref();
  }
  if (nargs == 3) {
    if (!is_str(args[2])) return raise_fmt(&exc_TypeError, "maketrans() argument 3 must be str, not {}", type_name(args[2]));
    for (char32_t c : to_cps(S(args[2])->data)) {
      if (!dict_set(dd, Ref::small(c), None())) return Ref();
    }
  }
  return d;
}

STR_METHOD(m_translate) {
  if (!check_nargs("translate", nargs, kw, 1, 1)) return Ref();
  std::string_view d = S(self)->data;
  std::string out;
  size_t pos = 0;
  while (pos < d.size()) {
    size_t start = pos;
    uint32_t c = utf8_decode(d, pos);
    Ref r = getitem(args[0], Ref::small(c));
    if (!r) {
      if (exception_matches(&exc_LookupError)) {
        clear_exception();
        out.append(d.substr(start, pos - start));
        continue;
      }
      return Ref();
    }
    if (is_none(r)) continue;
    if (is_int(r)) {
      int64_t n;
      if (!index_int64(r, &n)) return Ref();
      if (n < 0 || n > 0x10FFFF) return raise(&exc_ValueError, "character mapping must be in range(0x110000)");
      utf8_append(out, static_cast<uint32_t>(n));
    } else if (is_str(r)) {
      out.append(S(r)->data);
    } else {
      return raise(&exc_TypeError, "character mapping must return integer, None or str");
    }
  }
  return str_result(self, std::move(out));
}

// ============================================================ str.format

namespace {

struct FormatArgs {
  const Value* args = nullptr;
  size_t nargs = 0;
  TupleObject* kwnames = nullptr;  // keyword values follow args[nargs]
  Value mapping;                   // format_map
  int64_t auto_index = 0;
  int mode = 0;  // 0 undecided, 1 automatic numbering, 2 manual
};

bool all_digits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

Ref lookup_keyword(FormatArgs& fa, std::string_view name) {
  Ref key = str_new(name);
  if (fa.mapping) return getitem(fa.mapping, key);
  if (fa.kwnames) {
    for (size_t i = 0; i < fa.kwnames->size; i++) {
      if (S(fa.kwnames->at(i))->view() == name) return Ref::new_ref(fa.args[fa.nargs + i]);
    }
  }
  return raise_with_value(&exc_KeyError, key);
}

// Resolves a field name ("0", "", "name", "0.attr[key]") to its object.
Ref resolve_field(FormatArgs& fa, std::string_view name) {
  size_t i = 0;
  while (i < name.size() && name[i] != '.' && name[i] != '[') i++;
  std::string_view first = name.substr(0, i);
  Ref obj;
  if (first.empty() || all_digits(first)) {
    int64_t idx;
    if (first.empty()) {
      if (fa.mode == 2) {
        return raise(&exc_ValueError, "cannot switch from manual field specification to automatic field numbering");
      }
      fa.mode = 1;
      idx = fa.auto_index++;
    } else {
      if (fa.mode == 1) {
        return raise(&exc_ValueError, "cannot switch from automatic field numbering to manual field specification");
      }
      fa.mode = 2;
      if (first.size() > 18) return raise(&exc_ValueError, "Too many decimal digits in format string");
      idx = std::stoll(std::string(first));
    }
    if (fa.mapping) return raise(&exc_ValueError, "Format string contains positional fields");
    if (idx >= static_cast<int64_t>(fa.nargs)) {
      return raise_fmt(&exc_IndexError, "Replacement index {} out of range for positional args tuple", idx);
    }
    obj = Ref::new_ref(fa.args[idx]);
  } else {
    obj = lookup_keyword(fa, first);
    if (!obj) return Ref();
  }
  while (i < name.size()) {
    if (name[i] == '.') {
      size_t j = ++i;
      while (j < name.size() && name[j] != '.' && name[j] != '[') j++;
      if (j == i) return raise(&exc_ValueError, "Empty attribute in format string");
      Ref attr = str_new(name.substr(i, j - i));
      obj = getattr(obj, as_str(attr.get()));
      if (!obj) return Ref();
      i = j;
    } else if (name[i] == '[') {
      size_t j = name.find(']', i + 1);
      if (j == std::string_view::npos) return raise(&exc_ValueError, "Missing ']' in format string");
      std::string_view key = name.substr(i + 1, j - i - 1);
      if (key.empty()) return raise(&exc_ValueError, "Empty attribute in format string");
      Ref k = all_digits(key) && key.size() <= 18 ? Ref::small(std::stoll(std::string(key))) : str_new(key);
      obj = getitem(obj, k);
      if (!obj) return Ref();
      i = j + 1;
      if (i < name.size() && name[i] != '.' && name[i] != '[') {
        return raise(&exc_ValueError, "Only '.' or '[' may follow ']' in format field specifier");
      }
    } else {
      return raise(&exc_ValueError, "Only '.' or '[' may follow ']' in format field specifier");
    }
  }
  return obj;
}

bool render_format(FormatArgs& fa, std::string_view f, int depth, std::string* out);

bool render_field(FormatArgs& fa, std::string_view field, int depth, std::string* out) {
  // Split name [!conv] [:spec]; brackets in the name may hold ':' or '!'.
  size_t i = 0;
  while (i < field.size() && field[i] != '!' && field[i] != ':') {
    if (field[i] == '[') {
      while (i < field.size() && field[i] != ']') i++;
      if (i == field.size()) break;
    }
    i++;
  }
  std::string_view name = field.substr(0, i);
  char conv = 0;
  std::string_view spec;
  if (i < field.size() && field[i] == '!') {
    if (i + 1 >= field.size()) {
      // CPython reads the closing '}' as the conversion and then misses it.
      raise(&exc_ValueError, "unmatched '{' in format spec");
      return false;
    }
    conv = field[i + 1];
    i += 2;
    if (i < field.size() && field[i] != ':') {
      raise(&exc_ValueError, "expected ':' after conversion specifier");
      return false;
    }
  }
  if (i < field.size() && field[i] == ':') spec = field.substr(i + 1);
  Ref obj = resolve_field(fa, name);
  if (!obj) return false;
  switch (conv) {
    case 0: break;
    case 'r': obj = repr(obj); break;
    case 's': obj = to_str(obj); break;
    case 'a': obj = ascii(obj); break;
    default:
      if (static_cast<unsigned char>(conv) < 0x80) {
        raise_fmt(&exc_ValueError, "Unknown conversion specifier {}", conv);
      } else {
        raise(&exc_ValueError, "Unknown conversion specifier");
      }
      return false;
  }
  if (!obj) return false;
  std::string spec_text;
  if (spec.find('{') != std::string_view::npos) {
    if (!render_format(fa, spec, depth + 1, &spec_text)) return false;
  } else {
    spec_text = std::string(spec);
  }
  Ref spec_str = str_new(std::move(spec_text));
  Ref r = format(obj, spec_str);
  if (!r) return false;
  out->append(S(r)->data);
  return true;
}

bool render_format(FormatArgs& fa, std::string_view f, int depth, std::string* out) {
  if (depth >= 2) {  // the format string itself plus one level of nested specs
    raise(&exc_ValueError, "Max string recursion exceeded");
    return false;
  }
  size_t i = 0, n = f.size();
  while (i < n) {
    char c = f[i];
    if (c == '{') {
      if (i + 1 < n && f[i + 1] == '{') {
        out->push_back('{');
        i += 2;
        continue;
      }
      size_t j = i + 1;
      int level = 1;
      while (j < n) {
        if (f[j] == '[') {
          while (j < n && f[j] != ']') j++;  // brackets may hold braces
          if (j >= n) break;
        } else if (f[j] == '{') {
          level++;
        } else if (f[j] == '}' && --level == 0) {
          break;
        }
        j++;
      }
      if (j >= n) {
        raise(&exc_ValueError, i + 1 == n ? "Single '{' encountered in format string"
                                          : "expected '}' before end of string");
        return false;
      }
      if (!render_field(fa, f.substr(i + 1, j - i - 1), depth, out)) return false;
      i = j + 1;
    } else if (c == '}') {
      if (i + 1 < n && f[i + 1] == '}') {
        out->push_back('}');
        i += 2;
        continue;
      }
      raise(&exc_ValueError, "Single '}' encountered in format string");
      return false;
    } else {
      out->push_back(c);
      i++;
    }
  }
  return true;
}

}  // namespace

STR_METHOD(m_format) {
  FormatArgs fa;
  fa.args = args;
  fa.nargs = nargs;
  fa.kwnames = kw;
  std::string out;
  if (!render_format(fa, S(self)->data, 0, &out)) return Ref();
  return str_new(std::move(out));
}

STR_METHOD(m_format_map) {
  if (!check_nargs("format_map", nargs, kw, 1, 1)) return Ref();
  FormatArgs fa;
  fa.mapping = args[0];
  std::string out;
  if (!render_format(fa, S(self)->data, 0, &out)) return Ref();
  return str_new(std::move(out));
}

// ============================================================ printf-style formatting

/// The engine behind `str % args` and `bytes % args`. bytes_mode: %s takes bytes-like objects,
/// %r/%a give ASCII reprs, %c takes a byte. Appends to *out; false with an exception pending.
bool printf_format(std::string_view f, Value args, bool bytes_mode, std::string* out) {
  const Value* items = &args;
  int64_t arglen = -1, argidx = -2;  // CPython's convention for a single non-tuple argument
  if (is_tuple(args)) {
    items = as_tuple(args)->items();
    arglen = static_cast<int64_t>(as_tuple(args)->size);
    argidx = 0;
  }
  Value dict;
  if (!is_tuple(args) && !is_str(args) && type_of(args)->getitem != nullptr && !is_bytes(args) &&
      !is_bytearray(args)) {
    dict = args;
  }
  auto next_arg = [&]() -> Value {
    if (argidx < arglen) {
      int64_t i = argidx++;
      return arglen < 0 ? args : items[i];
    }
    if (argidx == -2) {
      argidx = -1;
      return args;
    }
    raise(&exc_TypeError, "not enough arguments for format string");
    return Value();
  };
  size_t i = 0, n = f.size();
  while (i < n) {
    size_t pct = f.find('%', i);
    if (pct == std::string_view::npos) {
      out->append(f.substr(i));
      break;
    }
    out->append(f.substr(i, pct - i));
    i = pct + 1;
    if (i >= n) {
      raise(&exc_ValueError, "incomplete format");
      return false;
    }
    Value arg;  // set by %(key)
    Ref keyed;
    if (f[i] == '(') {
      if (!dict) {
        raise(&exc_TypeError, "format requires a mapping");
        return false;
      }
      int level = 1;
      size_t j = i + 1;
      while (j < n && level > 0) {
        if (f[j] == '(') level++;
        else if (f[j] == ')') level--;
        j++;
      }
      if (level > 0) {
        raise(&exc_ValueError, "incomplete format key");
        return false;
      }
      std::string_view key = f.substr(i + 1, j - i - 2);
      Ref k = bytes_mode ? bytes_new(key) : str_new(key);
      keyed = getitem(dict, k);
      if (!keyed) return false;
      arg = keyed;
      arglen = -1;
      argidx = -2;
      i = j;
    }
    PrintfSpec spec;
    for (; i < n; i++) {
      char c = f[i];
      if (c == '-') spec.left = true;
      else if (c == '+') spec.plus = true;
      else if (c == ' ') spec.space = true;
      else if (c == '#') spec.alt = true;
      else if (c == '0') spec.zero = true;
      else break;
    }
    auto read_num = [&](int64_t* dst) -> bool {
      if (i < n && f[i] == '*') {
        Value v = next_arg();
        if (!v) return false;
        if (!is_int(v)) {
          raise(&exc_TypeError, "* wants int");
          return false;
        }
        if (!index_int64(v, dst)) return false;
        // CPython reads a '*' precision as a C int, a '*' width as a Py_ssize_t.
        if (dst == &spec.precision && (*dst > INT32_MAX || *dst < INT32_MIN)) {
          raise(&exc_OverflowError, "Python int too large to convert to C int");
          return false;
        }
        if (*dst == INT64_MIN) *dst = INT64_MAX;  // negated below; still far too wide (MemoryError)
        i++;
        return true;
      }
      if (i < n && f[i] >= '0' && f[i] <= '9') {
        // CPython's bounds: a width is a Py_ssize_t (a huge one is MemoryError when padded), a
        // precision a C int.
        const bool is_precision = dst == &spec.precision;
        const int64_t limit = is_precision ? INT32_MAX : INT64_MAX;
        int64_t x = 0;
        while (i < n && f[i] >= '0' && f[i] <= '9') {
          int digit = f[i] - '0';
          if (x > (limit - digit) / 10) {
            raise(&exc_ValueError, !is_precision ? "width too big"
                                   : bytes_mode  ? "prec too big"
                                                 : "precision too big");
            return false;
          }
          x = x * 10 + digit;
          i++;
        }
        *dst = x;
      }
      return true;
    };
    if (!read_num(&spec.width)) return false;
    if (i > 0 && f[i - 1] == '*' && spec.width < 0) {  // a negative '*' width means left-justify
      spec.left = true;
      spec.width = -spec.width;
    }
    if (i < n && f[i] == '.') {
      i++;
      spec.precision = 0;
      if (!read_num(&spec.precision)) return false;
      if (spec.precision < 0) spec.precision = 0;
    }
    while (i < n && (f[i] == 'h' || f[i] == 'l' || f[i] == 'L')) i++;
    if (i >= n) {
      raise(&exc_ValueError, "incomplete format");
      return false;
    }
    char type = f[i];
    size_t type_pos = i;
    i++;
    if (type == '%') {
      out->push_back('%');
      continue;
    }
    if (!arg) {
      arg = next_arg();
      if (!arg) return false;
    }
    switch (type) {
      case 's': case 'r': case 'a': case 'b': {
        std::string text;
        if (bytes_mode) {
          if (type == 's' || type == 'b') {
            std::string_view bv;
            if (bytes_like_data(arg, &bv)) {
              text = std::string(bv);
            } else {
              bool found = false;
              Ref b = call_special(arg, intern("__bytes__"), nullptr, 0, &found);
              if (!found) {
                raise_fmt(&exc_TypeError,
                          "%b requires a bytes-like object, or an object that implements __bytes__, not '{}'",
                          type_name(arg));
                return false;
              }
              if (!b || !bytes_like_data(b, &bv)) return false;
              text = std::string(bv);
            }
          } else {
            Ref r = ascii(arg);
            if (!r) return false;
            text = S(r)->data;
          }
          spec.type = 's';
          if (spec.precision >= 0 && static_cast<size_t>(spec.precision) < text.size()) text.resize(spec.precision);
          if (spec.width > static_cast<int64_t>(text.size())) {
            std::string pad(spec.width - text.size(), ' ');
            text = spec.left ? text + pad : pad + text;
          }
          out->append(text);
          break;
        }
        if (type == 'b') goto unsupported;
        Ref r = type == 's' ? to_str(arg) : type == 'r' ? repr(arg) : ascii(arg);
        if (!r) return false;
        spec.type = 's';
        out->append(format_str_printf(S(r)->data, spec));
        break;
      }
      case 'd': case 'i': case 'u': case 'x': case 'X': case 'o': {
        Ref num;
        bool needs_index = type == 'x' || type == 'X' || type == 'o';
        if (is_int(arg)) {
          num = Ref::new_ref(arg);
        } else if (!needs_index && is_float(arg)) {
          num = int_from_double(float_value(arg));
        } else {
          TypeObject* t = type_of(arg);
          bool ok = needs_index ? t->nb_index != nullptr : (t->nb_index || t->nb_int || t->nb_float);
          if (!ok) {
            raise_fmt(&exc_TypeError, "%{} format: {} is required, not {}", type,
                      needs_index ? "an integer" : "a real number", type_name(arg));
            return false;
          }
          num = needs_index ? number_index(arg) : number_int(arg);
        }
        if (!num) return false;
        // CPython's _PyUnicode_FormatLong: the zero padding would need over 2 GiB.
        if (spec.precision > INT32_MAX - 3) {
          raise(&exc_OverflowError, "precision too large");
          return false;
        }
        spec.type = (type == 'i' || type == 'u') ? 'd' : type;
        if (num.get().is_small()) {  // no BigInt (and no allocation) for a machine-sized int
          int64_t n = num.get().small();
          int base = spec.type == 'o' ? 8 : (spec.type == 'x' || spec.type == 'X') ? 16 : 10;
          char buf[72];
          uint64_t mag = n < 0 ? 0 - static_cast<uint64_t>(n) : static_cast<uint64_t>(n);
          auto res = std::to_chars(buf, buf + sizeof buf, mag, base);
          out->append(format_int_printf(n < 0, std::string_view(buf, res.ptr - buf), spec));
          break;
        }
        BigInt big = int_to_bigint(num);
        if (std::string limit_error; spec.type == 'd' && int_to_str_exceeds(big, &limit_error)) {
          raise(&exc_ValueError, limit_error.c_str());
          return false;
        }
        out->append(format_int_printf(big, spec));
        break;
      }
      case 'e': case 'E': case 'f': case 'F': case 'g': case 'G': {
        double x;
        if (is_float(arg)) {
          x = float_value(arg);
        } else if (is_int(arg)) {
          if (!to_double(arg, &x)) return false;
        } else if (type_of(arg)->nb_float || type_of(arg)->nb_index) {
          Ref fl = number_float(arg);
          if (!fl) return false;
          x = float_value(fl);
        } else {
          raise_fmt(&exc_TypeError, "must be real number, not {}", type_name(arg));
          return false;
        }
        spec.type = type;
        out->append(format_float_printf(x, spec));
        break;
      }
      case 'c': {
        std::string text;
        if (bytes_mode) {
          std::string_view bv;
          if (bytes_like_data(arg, &bv) && bv.size() == 1) {
            text = std::string(bv);
          } else if (is_int(arg)) {
            int64_t v;
            if (!index_int64(arg, &v) || v < 0 || v > 255) {
              clear_exception();
              raise(&exc_OverflowError, "%c arg not in range(256)");
              return false;
            }
            text.push_back(static_cast<char>(v));
          } else {
            raise(&exc_TypeError, "%c requires an integer in range(256) or a single byte");
            return false;
          }
          if (spec.width > 1) {
            std::string pad(spec.width - 1, ' ');
            text = spec.left ? text + pad : pad + text;
          }
          out->append(text);
          break;
        }
        if (is_str(arg)) {
          if (S(arg)->length != 1) {
            raise(&exc_TypeError, "%c requires int or char");
            return false;
          }
          text = S(arg)->data;
        } else if (is_int(arg)) {
          int64_t v;
          if (!index_int64(arg, &v) || v < 0 || v > 0x10FFFF) {
            clear_exception();
            raise(&exc_OverflowError, "%c arg not in range(0x110000)");
            return false;
          }
          utf8_append(text, static_cast<uint32_t>(v));
        } else {
          raise(&exc_TypeError, "%c requires int or char");
          return false;
        }
        spec.type = 's';
        spec.precision = -1;
        out->append(format_str_printf(text, spec));
        break;
      }
      default:
      unsupported: {
        size_t p = type_pos;
        uint32_t c = bytes_mode ? static_cast<unsigned char>(f[p]) : utf8_decode(f, p);
        int64_t idx = bytes_mode ? static_cast<int64_t>(type_pos) : byte_to_cp(f, type_pos);
        std::string ch;
        if (bytes_mode || c < 0x80) ch.push_back(static_cast<char>(c));
        else utf8_append(ch, c);
        if (bytes_mode && c >= 0x80) ch = "?";
        raise_fmt(&exc_ValueError, "unsupported format character '{}' (0x{:x}) at index {}", ch, c, idx);
        return false;
      }
    }
  }
  if (argidx < arglen && !dict) {
    raise_fmt(&exc_TypeError, "not all arguments converted during {} formatting", bytes_mode ? "bytes" : "string");
    return false;
  }
  return true;
}

Ref str_mod(Value a, Value b) {
  std::string out;
  if (!printf_format(S(a)->data, b, false, &out)) return Ref();
  return str_new(std::move(out));
}

// ============================================================ dunder wrappers
// Explicit calls like "abc".__len__() or str.__add__(a, b); the operators themselves go through
// the type slots set in str.cpp.

STR_METHOD(d_len) {
  (void)args;
  if (!check_nargs("__len__", nargs, kw, 0, 0)) return Ref();
  return Ref::small(S(self)->length);
}
STR_METHOD(d_contains) {
  if (!check_nargs("__contains__", nargs, kw, 1, 1)) return Ref();
  int r = str_type.contains(self, args[0]);
  if (r < 0) return Ref();
  return bool_ref(r != 0);
}
STR_METHOD(d_getitem) {
  if (!check_nargs("__getitem__", nargs, kw, 1, 1)) return Ref();
  return str_type.getitem(self, args[0]);
}
STR_METHOD(d_iter) {
  (void)args;
  if (!check_nargs("__iter__", nargs, kw, 0, 0)) return Ref();
  return str_type.iter(self);
}
STR_METHOD(d_add) {
  if (!check_nargs("__add__", nargs, kw, 1, 1)) return Ref();
  if (!is_str(args[0])) return not_implemented_ref();
  return str_type.nb[static_cast<int>(NumOp::Add)](self, args[0]);
}
STR_METHOD(d_mul) {
  if (!check_nargs("__mul__", nargs, kw, 1, 1)) return Ref();
  if (!is_int(args[0]) && type_of(args[0])->nb_index == nullptr) return not_implemented_ref();
  return str_type.nb[static_cast<int>(NumOp::Mul)](self, args[0]);
}
STR_METHOD(d_mod) {
  if (!check_nargs("__mod__", nargs, kw, 1, 1)) return Ref();
  return str_mod(self, args[0]);
}
STR_METHOD(d_rmod) {
  (void)self;
  if (!check_nargs("__rmod__", nargs, kw, 1, 1)) return Ref();
  return not_implemented_ref();
}

// ============================================================ registration

void str_methods_init() {
  struct Entry {
    const char* name;
    NativeFn fn;
  };
  static const Entry kMethods[] = {
      {"split", m_split},         {"rsplit", m_rsplit},
      {"splitlines", m_splitlines}, {"join", m_join},
      {"strip", m_strip},         {"lstrip", m_lstrip},
      {"rstrip", m_rstrip},       {"replace", m_replace},
      {"find", m_find},           {"rfind", m_rfind},
      {"index", m_index},         {"rindex", m_rindex},
      {"count", m_count},         {"startswith", m_startswith},
      {"endswith", m_endswith},   {"upper", m_upper},
      {"lower", m_lower},         {"casefold", m_casefold},
      {"swapcase", m_swapcase},   {"title", m_title},
      {"capitalize", m_capitalize}, {"isdigit", m_isdigit},
      {"isdecimal", m_isdecimal}, {"isnumeric", m_isnumeric},
      {"isalpha", m_isalpha},     {"isalnum", m_isalnum},
      {"isspace", m_isspace},     {"isupper", m_isupper},
      {"islower", m_islower},     {"istitle", m_istitle},
      {"isidentifier", m_isidentifier}, {"isprintable", m_isprintable},
      {"isascii", m_isascii},     {"center", m_center},
      {"ljust", m_ljust},         {"rjust", m_rjust},
      {"zfill", m_zfill},         {"expandtabs", m_expandtabs},
      {"partition", m_partition}, {"rpartition", m_rpartition},
      {"encode", m_encode},       {"removeprefix", m_removeprefix},
      {"removesuffix", m_removesuffix}, {"translate", m_translate},
      {"format", m_format},       {"format_map", m_format_map},
  };
  for (const Entry& e : kMethods) add_method(&str_type, e.name, e.fn);
  static const Entry kDunders[] = {
      {"__len__", d_len}, {"__contains__", d_contains}, {"__getitem__", d_getitem}, {"__iter__", d_iter},
      {"__add__", d_add}, {"__mul__", d_mul},           {"__rmul__", d_mul},         {"__mod__", d_mod},
      {"__rmod__", d_rmod},
  };
  // Only where nothing (e.g. generic slot wrappers) has provided them already.
  for (const Entry& e : kDunders) {
    if (!dict_get_cstr(str_type.dict, e.name)) add_method(&str_type, e.name, e.fn);
  }
  add_method(&str_type, "maketrans", m_maketrans, kNativeStaticMethod);
}

}  // namespace minipy::rt
