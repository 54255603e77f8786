// bytes and bytearray methods beyond the core (bytes.cpp holds construction, indexing, decode).
// Both types share one implementation: methods read the receiver through bytes_like_data and
// build results of the receiver's kind (bytes -> bytes, bytearray -> bytearray). The byte-level
// algorithms and the printf engine are the ones str uses (str_methods.cpp), in bytes mode.
#include <algorithm>
#include <string>
#include <vector>

#include "runtime/critical_section.h"
#include "runtime/errors.h"
#include "runtime/objects/bytes.h"
#include "runtime/objects/int.h"
#include "runtime/objects/list.h"
#include "runtime/objects/native.h"
#include "runtime/objects/singletons.h"
#include "runtime/objects/str.h"
#include "runtime/objects/tuple.h"
#include "runtime/ops.h"

namespace minipy::rt {

// Shared with str (defined in str_methods.cpp); `utf8` false selects bytes semantics.
std::vector<std::string_view> sv_split_ws(std::string_view s, int64_t maxsplit, bool utf8);
std::vector<std::string_view> sv_rsplit_ws(std::string_view s, int64_t maxsplit, bool utf8);
std::vector<std::string_view> sv_split_sep(std::string_view s, std::string_view sep, int64_t maxsplit);
std::vector<std::string_view> sv_rsplit_sep(std::string_view s, std::string_view sep, int64_t maxsplit);
std::string_view sv_strip(std::string_view s, const std::string_view* chars, bool left, bool right, bool utf8);
std::string sv_replace(std::string_view s, std::string_view old, std::string_view repl, int64_t count, bool utf8);
std::vector<std::string_view> sv_splitlines(std::string_view s, bool keepends, bool utf8);
std::string sv_expandtabs(std::string_view s, int64_t tabsize, bool utf8);
std::string sv_pad(std::string_view s, int64_t len, int64_t width, std::string_view fill, char where);
std::string sv_zfill(std::string_view s, int64_t len, int64_t width);
bool adjust_indices(Value vstart, Value vend, int64_t len, int64_t* start, int64_t* end);
bool printf_format(std::string_view f, Value args, bool bytes_mode, std::string* out);

namespace {

std::string_view data(Value v) {
  std::string_view d;
  bytes_like_data(v, &d);
  return d;
}
std::string& mut_data(Value v) { return static_cast<ByteArrayObject*>(v.obj())->data; }

Ref like(Value self, std::string_view d) { return is_bytearray(self) ? bytearray_new(d) : bytes_new(d); }

bool need_buffer(Value v, std::string_view* out) {
  if (bytes_like_data(v, out)) return true;
  raise_fmt(&exc_TypeError, "a bytes-like object is required, not '{}'", type_name(v));
  return false;
}

bool get_int(Value v, int64_t* out) {
  if (!is_int(v) && type_of(v)->nb_index == nullptr) {
    raise_fmt(&exc_TypeError, "'{}' object cannot be interpreted as an integer", type_name(v));
    return false;
  }
  return index_int64(v, out);
}

bool byte_arg(Value v, unsigned char* out) {
  int64_t n;
  if (!get_int(v, &n)) return false;
  if (n < 0 || n > 255) {
    raise(&exc_ValueError, "byte must be in range(0, 256)");
    return false;
  }
  *out = static_cast<unsigned char>(n);
  return true;
}

Ref list_of(Value self, const std::vector<std::string_view>& parts) {
  Ref l = list_new(parts.size());
  for (std::string_view p : parts) list_append_steal(as_list(l.get()), like(self, p).release());
  return l;
}

#ifndef MINIPY_FREE_THREADING
#define BMETHOD(name) Ref name(Value self, const Value* args, size_t nargs, TupleObject* kw)
#else
// Free-threaded: every method of a bytearray runs with the receiver locked (its buffer may be
// resized by another thread between two reads); bytes are immutable and never locked.
#define BMETHOD(name)                                                                     \
  static Ref name##_locked(Value self, const Value* args, size_t nargs, TupleObject* kw); \
  Ref name(Value self, const Value* args, size_t nargs, TupleObject* kw) {                \
    CriticalSection cs(is_bytearray(self) ? self : Value());                              \
    return name##_locked(self, args, nargs, kw);                                          \
  }                                                                                       \
  static Ref name##_locked(Value self, const Value* args, size_t nargs, TupleObject* kw)
#endif

Ref do_split(Value self, const Value* args, size_t nargs, TupleObject* kw, bool right) {
  Value a[2] = {};
  if (!parse_args(right ? "rsplit" : "split", args, nargs, kw, {"sep", "maxsplit"}, 0, a)) return Ref();
  int64_t maxsplit = -1;
  if (a[1] && !get_int(a[1], &maxsplit)) return Ref();
  std::string_view s = data(self);
  if (!a[0] || is_none(a[0])) return list_of(self, right ? sv_rsplit_ws(s, maxsplit, false) : sv_split_ws(s, maxsplit, false));
  std::string_view sep;
  if (!need_buffer(a[0], &sep)) return Ref();
  if (sep.empty()) return raise(&exc_ValueError, "empty separator");
  return list_of(self, right ? sv_rsplit_sep(s, sep, maxsplit) : sv_split_sep(s, sep, maxsplit));
}
BMETHOD(m_split) { return do_split(self, args, nargs, kw, false); }
BMETHOD(m_rsplit) { return do_split(self, args, nargs, kw, true); }

BMETHOD(m_splitlines) {
  Value a[1] = {};
  if (!parse_args("splitlines", args, nargs, kw, {"keepends"}, 0, a)) return Ref();
  int keep = 0;
  if (a[0] && (keep = truthy(a[0])) < 0) return Ref();
  return list_of(self, sv_splitlines(data(self), keep != 0, false));
}

BMETHOD(m_join) {
  if (!check_nargs("join", nargs, kw, 1, 1)) return Ref();
  Ref l = list_from_iterable(args[0]);
  if (!l) return Ref();
  std::string out;
  std::string_view sep = data(self);
  auto& items = as_list(l.get())->items;
  for (size_t i = 0; i < items.size(); i++) {
    std::string_view part;
    if (!bytes_like_data(items[i], &part)) {
      return raise_fmt(&exc_TypeError, "sequence item {}: expected a bytes-like object, {} found", i,
                       type_name(items[i]));
    }
    if (i) out.append(sep);
    out.append(part);
  }
  return like(self, out);
}

Ref do_strip(Value self, const Value* args, size_t nargs, TupleObject* kw, const char* name, bool l, bool r) {
  if (!check_nargs(name, nargs, kw, 0, 1)) return Ref();
  std::string_view chars;
  const std::string_view* cp = nullptr;
  if (nargs == 1 && !is_none(args[0])) {
    if (!need_buffer(args[0], &chars)) return Ref();
    cp = &chars;
  }
  return like(self, sv_strip(data(self), cp, l, r, false));
}
BMETHOD(m_strip) { return do_strip(self, args, nargs, kw, "strip", true, true); }
BMETHOD(m_lstrip) { return do_strip(self, args, nargs, kw, "lstrip", true, false); }
BMETHOD(m_rstrip) { return do_strip(self, args, nargs, kw, "rstrip", false, true); }

BMETHOD(m_replace) {
  if (!check_nargs("replace", nargs, kw, 2, 3)) return Ref();
  std::string_view old, repl;
  if (!need_buffer(args[0], &old) || !need_buffer(args[1], &repl)) return Ref();
  int64_t count = -1;
  if (nargs == 3 && !get_int(args[2], &count)) return Ref();
  return like(self, sv_replace(data(self), old, repl, count, false));
}

// kind: 0 find, 1 rfind, 2 index, 3 rindex, 4 count
Ref do_find(Value self, const Value* args, size_t nargs, TupleObject* kw, int kind) {
  static const char* const kNames[] = {"find", "rfind", "index", "rindex", "count"};
  if (!check_nargs(kNames[kind], nargs, kw, 1, 3)) return Ref();
  std::string needle;
  std::string_view nv;
  if (bytes_like_data(args[0], &nv)) {
    needle = std::string(nv);
  } else if (is_int(args[0])) {
    unsigned char c;
    if (!byte_arg(args[0], &c)) return Ref();
    needle.push_back(static_cast<char>(c));
  } else {
    return raise_fmt(&exc_TypeError, "argument should be integer or bytes-like object, not '{}'", type_name(args[0]));
  }
  std::string_view s = data(self);
  int64_t start, end;
  if (!adjust_indices(nargs > 1 ? args[1] : Value(), nargs > 2 ? args[2] : Value(), static_cast<int64_t>(s.size()),
                      &start, &end)) {
    return Ref();
  }
  if (end - start < static_cast<int64_t>(needle.size())) {
    if (kind == 4) return Ref::small(0);
    if (kind >= 2) return raise(&exc_ValueError, "subsection not found");
    return Ref::small(-1);
  }
  std::string_view hay = s.substr(start, end - start);
  if (kind == 4) {
    if (needle.empty()) return Ref::small(end - start + 1);
    int64_t n = 0;
    for (size_t p = hay.find(needle); p != std::string_view::npos; p = hay.find(needle, p + needle.size())) n++;
    return Ref::small(n);
  }
  size_t f = (kind & 1) ? hay.rfind(needle) : hay.find(needle);
  if (f == std::string_view::npos) {
    if (kind >= 2) return raise(&exc_ValueError, "subsection not found");
    return Ref::small(-1);
  }
  return Ref::small(start + static_cast<int64_t>(f));
}
BMETHOD(m_find) { return do_find(self, args, nargs, kw, 0); }
BMETHOD(m_rfind) { return do_find(self, args, nargs, kw, 1); }
BMETHOD(m_index) { return do_find(self, args, nargs, kw, 2); }
BMETHOD(m_rindex) { return do_find(self, args, nargs, kw, 3); }
BMETHOD(m_count) { return do_find(self, args, nargs, kw, 4); }

Ref do_startsend(Value self, const Value* args, size_t nargs, TupleObject* kw, bool ends) {
  const char* name = ends ? "endswith" : "startswith";
  if (!check_nargs(name, nargs, kw, 1, 3)) return Ref();
  std::string_view s = data(self);
  int64_t start, end;
  if (!adjust_indices(nargs > 1 ? args[1] : Value(), nargs > 2 ? args[2] : Value(), static_cast<int64_t>(s.size()),
                      &start, &end)) {
    return Ref();
  }
  auto test = [&](std::string_view p) {
    if (end - start < static_cast<int64_t>(p.size())) return false;
    std::string_view hay = s.substr(start, end - start);
    return ends ? hay.ends_with(p) : hay.starts_with(p);
  };
  std::string_view p;
  if (is_tuple(args[0])) {
    TupleObject* t = as_tuple(args[0]);
    for (size_t i = 0; i < t->size; i++) {
      if (!bytes_like_data(t->at(i), &p)) {
        return raise_fmt(&exc_TypeError, "a bytes-like object is required, not '{}'", type_name(t->at(i)));
      }
      if (test(p)) return bool_ref(true);
    }
    return bool_ref(false);
  }
  if (!bytes_like_data(args[0], &p)) {
    return raise_fmt(&exc_TypeError, "{} first arg must be bytes or a tuple of bytes, not {}", name,
                     type_name(args[0]));
  }
  return bool_ref(test(p));
}
BMETHOD(m_startswith) { return do_startsend(self, args, nargs, kw, false); }
BMETHOD(m_endswith) { return do_startsend(self, args, nargs, kw, true); }

bool is_up(unsigned char c) { return c >= 'A' && c <= 'Z'; }
bool is_lo(unsigned char c) { return c >= 'a' && c <= 'z'; }

// op: 0 upper, 1 lower, 2 swapcase, 3 title, 4 capitalize
Ref change_case(Value self, size_t nargs, TupleObject* kw, const char* name, int op) {
  if (!check_nargs(name, nargs, kw, 0, 0)) return Ref();
  std::string out(data(self));
  bool prev = false;
  for (size_t i = 0; i < out.size(); i++) {
    auto c = static_cast<unsigned char>(out[i]);
    bool up = is_up(c), lo = is_lo(c);
    bool flip = false;
    switch (op) {
      case 0: flip = lo; break;
      case 1: flip = up; break;
      case 2: flip = up || lo; break;
      case 3: flip = prev ? up : lo; prev = up || lo; break;
      case 4: flip = i == 0 ? lo : up; break;
    }
    if (flip) out[i] = static_cast<char>(c ^ 0x20);
  }
  return like(self, out);
}
BMETHOD(m_upper) { (void)args; return change_case(self, nargs, kw, "upper", 0); }
BMETHOD(m_lower) { (void)args; return change_case(self, nargs, kw, "lower", 1); }
BMETHOD(m_swapcase) { (void)args; return change_case(self, nargs, kw, "swapcase", 2); }
BMETHOD(m_title) { (void)args; return change_case(self, nargs, kw, "title", 3); }
BMETHOD(m_capitalize) { (void)args; return change_case(self, nargs, kw, "capitalize", 4); }

template <bool (*Pred)(unsigned char)>
Ref all_bytes(Value self, size_t nargs, TupleObject* kw, const char* name) {
  if (!check_nargs(name, nargs, kw, 0, 0)) return Ref();
  std::string_view s = data(self);
  if (s.empty()) return bool_ref(false);
  for (unsigned char c : s) {
    if (!Pred(c)) return bool_ref(false);
  }
  return bool_ref(true);
}
bool p_digit(unsigned char c) { return c >= '0' && c <= '9'; }
bool p_alpha(unsigned char c) { return is_up(c) || is_lo(c); }
bool p_alnum(unsigned char c) { return p_alpha(c) || p_digit(c); }
bool p_space(unsigned char c) { return c == ' ' || (c >= 9 && c <= 13); }
BMETHOD(m_isdigit) { (void)args; return all_bytes<p_digit>(self, nargs, kw, "isdigit"); }
BMETHOD(m_isalpha) { (void)args; return all_bytes<p_alpha>(self, nargs, kw, "isalpha"); }
BMETHOD(m_isalnum) { (void)args; return all_bytes<p_alnum>(self, nargs, kw, "isalnum"); }
BMETHOD(m_isspace) { (void)args; return all_bytes<p_space>(self, nargs, kw, "isspace"); }

BMETHOD(m_isascii) {
  (void)args;
  if (!check_nargs("isascii", nargs, kw, 0, 0)) return Ref();
  for (unsigned char c : data(self)) {
    if (c >= 0x80) return bool_ref(false);
  }
  return bool_ref(true);
}

Ref cased(Value self, size_t nargs, TupleObject* kw, bool upper) {
  if (!check_nargs(upper ? "isupper" : "islower", nargs, kw, 0, 0)) return Ref();
  bool any = false;
  for (unsigned char c : data(self)) {
    if (upper ? is_lo(c) : is_up(c)) return bool_ref(false);
    if (upper ? is_up(c) : is_lo(c)) any = true;
  }
  return bool_ref(any);
}
BMETHOD(m_isupper) { (void)args; return cased(self, nargs, kw, true); }
BMETHOD(m_islower) { (void)args; return cased(self, nargs, kw, false); }

BMETHOD(m_istitle) {
  (void)args;
  if (!check_nargs("istitle", nargs, kw, 0, 0)) return Ref();
  bool any = false, prev = false;
  for (unsigned char c : data(self)) {
    if (is_up(c)) {
      if (prev) return bool_ref(false);
      prev = any = true;
    } else if (is_lo(c)) {
      if (!prev) return bool_ref(false);
      prev = any = true;
    } else {
      prev = false;
    }
  }
  return bool_ref(any);
}

Ref do_pad(Value self, const Value* args, size_t nargs, TupleObject* kw, const char* name, char where) {
  if (!check_nargs(name, nargs, kw, 1, 2)) return Ref();
  int64_t width;
  if (!get_int(args[0], &width)) return Ref();
  std::string_view fill = " ";
  if (nargs == 2) {
    if (!bytes_like_data(args[1], &fill) || fill.size() != 1) {
      return raise_fmt(&exc_TypeError, "{}() argument 2 must be a byte string of length 1, not {}", name,
                       type_name(args[1]));
    }
  }
  std::string_view s = data(self);
  return like(self, sv_pad(s, static_cast<int64_t>(s.size()), width, fill, where));
}
BMETHOD(m_center) { return do_pad(self, args, nargs, kw, "center", '^'); }
BMETHOD(m_ljust) { return do_pad(self, args, nargs, kw, "ljust", '<'); }
BMETHOD(m_rjust) { return do_pad(self, args, nargs, kw, "rjust", '>'); }

BMETHOD(m_zfill) {
  if (!check_nargs("zfill", nargs, kw, 1, 1)) return Ref();
  int64_t width;
  if (!get_int(args[0], &width)) return Ref();
  std::string_view s = data(self);
  return like(self, sv_zfill(s, static_cast<int64_t>(s.size()), width));
}

BMETHOD(m_expandtabs) {
  Value a[1] = {};
  if (!parse_args("expandtabs", args, nargs, kw, {"tabsize"}, 0, a)) return Ref();
  int64_t tab = 8;
  if (a[0] && !get_int(a[0], &tab)) return Ref();
  if (tab > INT32_MAX || tab < INT32_MIN) return raise(&exc_OverflowError, "Python int too large to convert to C int");
  return like(self, sv_expandtabs(data(self), tab, false));
}

Ref do_partition(Value self, const Value* args, size_t nargs, TupleObject* kw, bool right) {
  if (!check_nargs(right ? "rpartition" : "partition", nargs, kw, 1, 1)) return Ref();
  std::string_view sep;
  if (!need_buffer(args[0], &sep)) return Ref();
  if (sep.empty()) return raise(&exc_ValueError, "empty separator");
  std::string_view s = data(self);
  size_t f = right ? s.rfind(sep) : s.find(sep);
  Ref a, b, c;
  if (f == std::string_view::npos) {
    a = like(self, right ? "" : s);
    b = like(self, "");
    c = like(self, right ? s : "");
  } else {
    a = like(self, s.substr(0, f));
    b = like(self, sep);
    c = like(self, s.substr(f + sep.size()));
  }
  return tuple_of({a.get(), b.get(), c.get()});
}
BMETHOD(m_partition) { return do_partition(self, args, nargs, kw, false); }
BMETHOD(m_rpartition) { return do_partition(self, args, nargs, kw, true); }

Ref do_affix(Value self, const Value* args, size_t nargs, TupleObject* kw, bool suffix) {
  if (!check_nargs(suffix ? "removesuffix" : "removeprefix", nargs, kw, 1, 1)) return Ref();
  std::string_view a;
  if (!need_buffer(args[0], &a)) return Ref();
  std::string_view s = data(self);
  if (!a.empty() && suffix && s.ends_with(a)) return like(self, s.substr(0, s.size() - a.size()));
  if (!a.empty() && !suffix && s.starts_with(a)) return like(self, s.substr(a.size()));
  return like(self, s);
}
BMETHOD(m_removeprefix) { return do_affix(self, args, nargs, kw, false); }
BMETHOD(m_removesuffix) { return do_affix(self, args, nargs, kw, true); }

BMETHOD(m_hex) {
  Value a[2] = {};
  if (!parse_args("hex", args, nargs, kw, {"sep", "bytes_per_sep"}, 0, a)) return Ref();
  std::string_view s = data(self);
  std::string sep;
  if (a[0]) {
    std::string_view sv;
    if (is_str(a[0])) sv = as_str(a[0])->view();
    else if (!bytes_like_data(a[0], &sv)) return raise(&exc_TypeError, "sep must be str or bytes.");
    if (sv.size() != 1) return raise(&exc_ValueError, "sep must be length 1.");
    sep = std::string(sv);
  }
  int64_t per = 1;
  if (a[1] && !get_int(a[1], &per)) return Ref();
  static const char kHex[] = "0123456789abcdef";
  std::string out;
  size_t n = s.size();
  int64_t group = per < 0 ? -per : per;
  for (size_t i = 0; i < n; i++) {
    if (!sep.empty() && i > 0 && group > 0) {
      // Groups count from the right for positive bytes_per_sep, from the left for negative.
      bool boundary = per > 0 ? (n - i) % group == 0 : i % group == 0;
      if (boundary) out.append(sep);
    }
    auto c = static_cast<unsigned char>(s[i]);
    out.push_back(kHex[c >> 4]);
    out.push_back(kHex[c & 15]);
  }
  return str_new(std::move(out));
}

BMETHOD(m_fromhex) {
  if (!check_nargs("fromhex", nargs, kw, 1, 1)) return Ref();
  if (!is_str(args[0])) return raise_fmt(&exc_TypeError, "fromhex() argument must be str, not {}", type_name(args[0]));
  std::string_view s = as_str(args[0])->view();
  std::string out;
  auto hexval = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  size_t i = 0;
  while (i < s.size()) {
    if (s[i] == ' ' || (s[i] >= 9 && s[i] <= 13)) {
      i++;
      continue;
    }
    int hi = hexval(s[i]);
    int lo = i + 1 < s.size() ? hexval(s[i + 1]) : -1;
    if (hi < 0 || lo < 0) {
      size_t bad = hi < 0 ? i : i + 1;
      if (bad >= s.size()) bad = s.size();
      return raise_fmt(&exc_ValueError, "non-hexadecimal number found in fromhex() arg at position {}", bad);
    }
    out.push_back(static_cast<char>(hi * 16 + lo));
    i += 2;
  }
  Ref b = bytes_new(out);
  if (self == Value(&bytes_type)) return b;
  if (self == Value(&bytearray_type)) return bytearray_new(out);
  return call1(self, b);  // subclasses: cls(bytes)
}

BMETHOD(m_translate) {
  Value a[2] = {};
  if (!parse_args("translate", args, nargs, kw, {"", "delete"}, 1, a)) return Ref();
  std::string_view table, del;
  bool has_table = !is_none(a[0]);
  if (has_table && (!need_buffer(a[0], &table))) return Ref();
  if (has_table && table.size() != 256) return raise(&exc_ValueError, "translation table must be 256 characters long");
  if (a[1] && !need_buffer(a[1], &del)) return Ref();
  std::string out;
  for (unsigned char c : data(self)) {
    if (del.find(static_cast<char>(c)) != std::string_view::npos) continue;
    out.push_back(has_table ? table[c] : static_cast<char>(c));
  }
  return like(self, out);
}

BMETHOD(m_maketrans) {
  (void)self;
  if (!check_nargs("maketrans", nargs, kw, 2, 2)) return Ref();
  std::string_view from, to;
  if (!need_buffer(args[0], &from) || !need_buffer(args[1], &to)) return Ref();
  if (from.size() != to.size()) return raise(&exc_ValueError, "maketrans arguments must have same length");
  std::string table(256, '\0');
  for (int i = 0; i < 256; i++) table[i] = static_cast<char>(i);
  for (size_t i = 0; i < from.size(); i++) table[static_cast<unsigned char>(from[i])] = to[i];
  return bytes_new(table);
}

// ---- bytearray mutation

BMETHOD(m_append) {
  if (!check_nargs("append", nargs, kw, 1, 1)) return Ref();
  unsigned char c;
  if (!byte_arg(args[0], &c)) return Ref();
  mut_data(self).push_back(static_cast<char>(c));
  return none_ref();
}

BMETHOD(m_extend) {
  if (!check_nargs("extend", nargs, kw, 1, 1)) return Ref();
  std::string_view sv;
  if (bytes_like_data(args[0], &sv)) {
    std::string copy(sv);  // may alias self
    mut_data(self).append(copy);
    return none_ref();
  }
  if (is_str(args[0])) return raise(&exc_TypeError, "expected iterable of integers; got: 'str'");
  Ref l = list_from_iterable(args[0]);
  if (!l) {
    if (exception_matches(&exc_TypeError)) {
      clear_exception();
      return raise_fmt(&exc_TypeError, "can't extend bytearray with {}", type_name(args[0]));
    }
    return Ref();
  }
  std::string add;
  for (Value x : as_list(l.get())->items) {
    unsigned char c;
    if (!byte_arg(x, &c)) return Ref();
    add.push_back(static_cast<char>(c));
  }
  mut_data(self).append(add);
  return none_ref();
}

BMETHOD(m_pop) {
  if (!check_nargs("pop", nargs, kw, 0, 1)) return Ref();
  std::string& d = mut_data(self);
  int64_t i = -1;
  if (nargs == 1 && !get_int(args[0], &i)) return Ref();
  if (d.empty()) return raise(&exc_IndexError, "pop from empty bytearray");
  if (i < 0) i += static_cast<int64_t>(d.size());
  if (i < 0 || i >= static_cast<int64_t>(d.size())) return raise(&exc_IndexError, "pop index out of range");
  auto c = static_cast<unsigned char>(d[i]);
  d.erase(static_cast<size_t>(i), 1);
  return Ref::small(c);
}

BMETHOD(m_insert) {
  if (!check_nargs("insert", nargs, kw, 2, 2)) return Ref();
  int64_t i;
  unsigned char c;
  if (!get_int(args[0], &i) || !byte_arg(args[1], &c)) return Ref();
  std::string& d = mut_data(self);
  auto n = static_cast<int64_t>(d.size());
  if (i < 0) i = std::max<int64_t>(0, i + n);
  if (i > n) i = n;
  d.insert(d.begin() + i, static_cast<char>(c));
  return none_ref();
}

BMETHOD(m_remove) {
  if (!check_nargs("remove", nargs, kw, 1, 1)) return Ref();
  unsigned char c;
  if (!byte_arg(args[0], &c)) return Ref();
  std::string& d = mut_data(self);
  size_t f = d.find(static_cast<char>(c));
  if (f == std::string::npos) return raise(&exc_ValueError, "value not found in bytearray");
  d.erase(f, 1);
  return none_ref();
}

BMETHOD(m_reverse) {
  (void)args;
  if (!check_nargs("reverse", nargs, kw, 0, 0)) return Ref();
  std::string& d = mut_data(self);
  std::reverse(d.begin(), d.end());
  return none_ref();
}

BMETHOD(m_clear) {
  (void)args;
  if (!check_nargs("clear", nargs, kw, 0, 0)) return Ref();
  mut_data(self).clear();
  return none_ref();
}

BMETHOD(m_copy) {
  (void)args;
  if (!check_nargs("copy", nargs, kw, 0, 0)) return Ref();
  return bytearray_new(mut_data(self));
}

/// bytearray.__alloc__(): the bytes allocated for the data, its terminating NUL included (what
/// CPython's ob_alloc counts); 0 while an empty bytearray has no buffer of its own.
BMETHOD(m_alloc) {
  (void)args;
  if (!check_nargs("__alloc__", nargs, kw, 0, 0)) return Ref();
  const std::string& d = mut_data(self);
  return Ref::small(d.empty() ? 0 : static_cast<int64_t>(d.capacity()) + 1);
}

Ref bytes_mod(Value a, Value b) {
  std::string_view f;
  if (!bytes_like_data(a, &f)) return not_implemented_ref();
  std::string fmt_copy(f), out;
  if (!printf_format(fmt_copy, b, true, &out)) return Ref();
  return like(a, out);
}

}  // namespace

void bytes_methods_init() {
  struct Entry {
    const char* name;
    NativeFn fn;
  };
  static const Entry kCommon[] = {
      {"split", m_split},           {"rsplit", m_rsplit},         {"splitlines", m_splitlines},
      {"join", m_join},             {"strip", m_strip},           {"lstrip", m_lstrip},
      {"rstrip", m_rstrip},         {"replace", m_replace},       {"find", m_find},
      {"rfind", m_rfind},           {"index", m_index},           {"rindex", m_rindex},
      {"count", m_count},           {"startswith", m_startswith}, {"endswith", m_endswith},
      {"upper", m_upper},           {"lower", m_lower},           {"swapcase", m_swapcase},
      {"title", m_title},           {"capitalize", m_capitalize}, {"isdigit", m_isdigit},
      {"isalpha", m_isalpha},       {"isalnum", m_isalnum},       {"isspace", m_isspace},
      {"isascii", m_isascii},       {"isupper", m_isupper},       {"islower", m_islower},
      {"istitle", m_istitle},       {"center", m_center},         {"ljust", m_ljust},
      {"rjust", m_rjust},           {"zfill", m_zfill},           {"expandtabs", m_expandtabs},
      {"partition", m_partition},   {"rpartition", m_rpartition}, {"removeprefix", m_removeprefix},
      {"removesuffix", m_removesuffix}, {"hex", m_hex},           {"translate", m_translate},
  };
  for (TypeObject* t : {&bytes_type, &bytearray_type}) {
    for (const Entry& e : kCommon) add_method(t, e.name, e.fn);
    add_method(t, "fromhex", m_fromhex, kNativeClassMethod);
    add_method(t, "maketrans", m_maketrans, kNativeStaticMethod);
    t->nb[static_cast<int>(NumOp::Mod)] = bytes_mod;
  }
  static const Entry kMutable[] = {
      {"append", m_append}, {"extend", m_extend}, {"pop", m_pop},     {"insert", m_insert},
      {"remove", m_remove}, {"reverse", m_reverse}, {"clear", m_clear}, {"copy", m_copy},
      {"__alloc__", m_alloc},
  };
  for (const Entry& e : kMutable) add_method(&bytearray_type, e.name, e.fn);
}

}  // namespace minipy::rt
