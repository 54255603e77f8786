// str core: construction, interning, hashing, UTF-8 helpers, repr, comparison, concatenation,
// indexing and slicing by code point, iteration. The many str methods live in str_methods.cpp.
#include "runtime/objects/str.h"

#include <algorithm>
#include <bit>
#include <cstring>
#include <mutex>
#include <new>
#include <unordered_map>
#include <vector>

#include "runtime/cache_word.h"
#include "runtime/errors.h"
#include "runtime/hash.h"
#include "runtime/objects/int.h"
#include "runtime/objects/iter_reduce.h"
#include "runtime/objects/misc.h"
#include "runtime/objects/native.h"
#include "runtime/objects/singletons.h"
#include "runtime/objects/tuple.h"
#include "runtime/ops.h"
#include "runtime/size_check.h"

namespace minipy::rt {

TypeObject str_type;
TypeObject str_iter_type;

// Every new str is measured here, so it goes a word at a time: a byte counts as a code point
// unless it is a continuation byte (10xxxxxx): bit 7 set and bit 6 clear. In a 64-bit word,
// `w & ~(w << 1)` has bit 7 of each byte set exactly for those (the shift moves each byte's
// bit 6 onto its bit 7; what crosses into the next byte lands on bit 0, masked off).
int64_t utf8_length(std::string_view s, bool* ascii) {
  constexpr uint64_t kHigh = 0x8080808080808080ULL;
  const char* p = s.data();
  size_t size = s.size(), i = 0;
  uint64_t any_high = 0, continuation = 0;
  for (; i + 8 <= size; i += 8) {
    uint64_t w;
    std::memcpy(&w, p + i, 8);
    any_high |= w;
    continuation += static_cast<uint64_t>(std::popcount(w & ~(w << 1) & kHigh));
  }
  for (; i < size; i++) {
    auto c = static_cast<unsigned char>(p[i]);
    any_high |= c;
    if ((c & 0xC0) == 0x80) continuation++;
  }
  if (ascii) *ascii = (any_high & kHigh) == 0;  // the tail's bytes sit in the low byte
  return static_cast<int64_t>(size - continuation);
}

void utf8_append(std::string& out, uint32_t cp) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

uint32_t utf8_decode(std::string_view s, size_t& pos) {
  auto c = static_cast<unsigned char>(s[pos++]);
  if (c < 0x80) return c;
  int extra = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : 1;
  uint32_t cp = c & (0x3F >> extra);
  for (int i = 0; i < extra && pos < s.size(); i++) cp = (cp << 6) | (static_cast<unsigned char>(s[pos++]) & 0x3F);
  return cp;
}

size_t str_byte_offset(StrObject* s, int64_t i) {
  if (s->ascii) return static_cast<size_t>(i);
  size_t pos = 0;
  std::string_view d = s->data;
  while (i > 0 && pos < d.size()) {
    pos++;
    while (pos < d.size() && (static_cast<unsigned char>(d[pos]) & 0xC0) == 0x80) pos++;
    i--;
  }
  return pos;
}

static StrObject* alloc_str() { return alloc_instance<StrObject>(&str_type); }

Ref str_new(std::string&& utf8) {
  StrObject* s = alloc_str();
  s->length = utf8_length(utf8, &s->ascii);
  s->data = std::move(utf8);
  return Ref::steal(Value(s));
}

Ref str_new(std::string_view utf8) {
  if (utf8.size() == 1 && static_cast<unsigned char>(utf8[0]) < 0x80) return str_from_char(utf8[0]);
  if (utf8.empty()) return str_empty();
  return str_new(std::string(utf8));
}

namespace {
struct InternTable {
  std::mutex mu;  // interning happens before a thread holds the GIL, or without one (free-threaded)
  std::unordered_map<std::string_view, StrObject*> map;
};
InternTable& intern_table() {
  static InternTable* t = new InternTable();
  return *t;
}
StrObject* g_chars[128];
StrObject* g_empty;
}  // namespace

void intern_table_after_fork() { new (&intern_table().mu) std::mutex(); }

namespace {
/// The interned str with value `s`: the one in the table, else `adopt` (an exact str holding
/// `s`, made the canonical one) or, with no `adopt`, a new str. Immortal either way.
StrObject* intern_find_or_add(std::string_view s, StrObject* adopt) {
  InternTable& t = intern_table();
  std::lock_guard<std::mutex> lock(t.mu);
  auto it = t.map.find(s);
  if (it != t.map.end()) return it->second;
  StrObject* o = adopt;
  if (o == nullptr) {
    o = alloc_str();
    o->data = std::string(s);
    o->length = utf8_length(o->data, &o->ascii);
  }
  make_immortal(o);
  o->interned = true;
  t.map.emplace(o->view(), o);
  return o;
}
}  // namespace

StrObject* intern(std::string_view s) { return intern_find_or_add(s, nullptr); }

Ref intern_ref(Ref s) {
  StrObject* so = as_str(s.get());
  if (so->interned) return s;
#ifndef MINIPY_FREE_THREADING
  // CPython's PyUnicode_InternInPlace: the first exact str interned with a value becomes the
  // canonical one, so sys.intern(s) is s. Not in the free-threaded build, where another thread
  // may be changing the count that making it immortal overwrites: there the table gets a copy.
  if (is_str_exact(s.get())) return Ref::steal(Value(intern_find_or_add(so->view(), so)));
#endif
  return Ref::steal(Value(intern(so->view())));
}

Ref str_empty() {
  if (g_empty == nullptr) g_empty = intern("");
  return Ref::steal(Value(g_empty));
}

Ref str_from_char(uint32_t cp) {
  if (cp < 128) {
    if (g_chars[cp] == nullptr) {
      char c = static_cast<char>(cp);
      g_chars[cp] = intern(std::string_view(&c, 1));
    }
    return Ref::steal(Value(g_chars[cp]));
  }
  std::string out;
  utf8_append(out, cp);
  return str_new(std::move(out));
}

int64_t str_hash(StrObject* s) {
  if (int64_t cached = cache_load(s->hash); cached != -1) return cached;
  // CPython hashes the code points in its compact storage width (1, 2 or 4 bytes each, chosen by
  // the largest code point), so hash the same bytes to get the same value (see runtime/hash.h).
  int64_t h;
  if (s->ascii) {
    h = hash_bytes(s->data.data(), s->data.size());
  } else {
    std::vector<uint32_t> cps;
    cps.reserve(static_cast<size_t>(s->length));
    uint32_t max_cp = 0;
    for (size_t pos = 0; pos < s->data.size();) {
      uint32_t cp = utf8_decode(s->data, pos);
      max_cp = std::max(max_cp, cp);
      cps.push_back(cp);
    }
    const size_t width = max_cp < 0x100 ? 1 : max_cp < 0x10000 ? 2 : 4;
    std::string buf(cps.size() * width, '\0');
    for (size_t i = 0; i < cps.size(); i++) {
      for (size_t b = 0; b < width; b++) buf[i * width + b] = static_cast<char>((cps[i] >> (8 * b)) & 0xff);
    }
    h = hash_bytes(buf.data(), buf.size());
  }
  cache_store(s->hash, h);
  return h;
}

bool str_equal(StrObject* a, StrObject* b) {
  if (a == b) return true;
  if (a->interned && b->interned) return false;
  if (a->data.size() != b->data.size()) return false;
  int64_t ha = cache_load(a->hash), hb = cache_load(b->hash);
  if (ha != -1 && hb != -1 && ha != hb) return false;
  return a->data == b->data;
}

namespace uni {
bool is_printable(uint32_t c);  // objects/str_methods.cpp (str.isprintable)
}

std::string str_repr_text(std::string_view s) {
  bool has_single = s.find('\'') != std::string_view::npos;
  bool has_double = s.find('"') != std::string_view::npos;
  char quote = (has_single && !has_double) ? '"' : '\'';
  std::string out;
  out.reserve(s.size() + 2);
  out.push_back(quote);
  size_t pos = 0;
  while (pos < s.size()) {
    size_t start = pos;
    uint32_t cp = utf8_decode(s, pos);
    if (cp == static_cast<uint32_t>(quote) || cp == '\\') {
      out.push_back('\\');
      out.push_back(static_cast<char>(cp));
    } else if (cp == '\n') {
      out += "\\n";
    } else if (cp == '\r') {
      out += "\\r";
    } else if (cp == '\t') {
      out += "\\t";
    } else if (cp >= 0x20 && cp < 0x7F) {
      out.push_back(static_cast<char>(cp));
    } else if (cp < 0x100 && (cp < 0xA1 || cp == 0xAD)) {
      out += fmt::format("\\x{:02x}", cp);
    } else if (cp >= 0x80 && !uni::is_printable(cp)) {  // as CPython's unicode_repr
      if (cp < 0x100) {
        out += fmt::format("\\x{:02x}", cp);
      } else if (cp < 0x10000) {
        out += fmt::format("\\u{:04x}", cp);
      } else {
        out += fmt::format("\\U{:08x}", cp);
      }
    } else {
      out.append(s.substr(start, pos - start));
    }
  }
  out.push_back(quote);
  return out;
}

// ---------------------------------------------------------------- slots

static Ref str_repr(Value v) { return str_new(str_repr_text(as_str(v)->view())); }
static Ref str_str(Value v) {
  if (is_str_exact(v)) return Ref::new_ref(v);
  return str_new(as_str(v)->view());
}
static bool str_hash_slot(Value v, int64_t* out) {
  *out = str_hash(as_str(v));
  return true;
}

static Ref str_richcompare(Value a, Value b, CmpOp op) {
  if (!is_str(b)) return not_implemented_ref();
  StrObject* x = as_str(a);
  StrObject* y = as_str(b);
  if (op == CmpOp::Eq) return bool_ref(str_equal(x, y));
  if (op == CmpOp::Ne) return bool_ref(!str_equal(x, y));
  // UTF-8 byte order equals code point order.
  int c = x->data.compare(y->data);
  return bool_ref(cmp_holds(c, op));
}

static Ref str_add(Value a, Value b) {
  // Mixed operands: NotImplemented, so b.__radd__ gets its turn; binary_op reports the error.
  if (!is_str(a) || !is_str(b)) return not_implemented_ref();
  StrObject* x = as_str(a);
  StrObject* y = as_str(b);
  if (y->data.empty() && is_str_exact(a)) return Ref::new_ref(a);
  if (x->data.empty() && is_str_exact(b)) return Ref::new_ref(b);
  int64_t n;
  if (!size_add(x->data.size(), y->data.size(), &n)) return raise(&exc_OverflowError, "strings are too large to concat");
  StrObject* s = alloc_str();
  s->data.reserve(n);
  s->data.append(x->data);
  s->data.append(y->data);
  s->length = x->length + y->length;
  s->ascii = x->ascii && y->ascii;
  return Ref::steal(Value(s));
}

static Ref str_mul(Value a, Value b) {
  Value s = a, n = b;
  if (!is_str(s)) std::swap(s, n);
  if (!is_str(s) || !is_int(n)) {
    if (!is_str(s) || type_of(n)->nb_index == nullptr) return not_implemented_ref();  // see str_add
  }
  int64_t count;
  if (!index_size(n, &count)) return Ref();
  StrObject* x = as_str(s);
  if (count <= 0 || x->data.empty()) return str_empty();
  if (count == 1 && is_str_exact(s)) return Ref::new_ref(s);
  // CPython checks the length in code points; UTF-8 bytes are what we allocate, so check both.
  int64_t total;
  if (!size_mul(x->length, count, &total)) return raise(&exc_OverflowError, "repeated string is too long");
  if (!size_mul(x->data.size(), count, &total)) return raise_no_memory();
  Ref keep = Ref::steal(Value(alloc_str()));
  StrObject* r = as_str(keep.get());
  append_repeated(r->data, x->data, count);
  r->length = x->length * count;
  r->ascii = x->ascii;
  return keep;
}

Ref str_mod(Value a, Value b);  // printf-style formatting, str_methods.cpp

static Ref str_mod_slot(Value a, Value b) {
  if (!is_str(a)) return not_implemented_ref();
  return str_mod(a, b);
}

static bool str_len(Value v, int64_t* out) {
  *out = as_str(v)->length;
  return true;
}

static Ref str_getitem(Value v, Value key) {
  StrObject* s = as_str(v);
  if (is_int(key) || type_of(key)->nb_index != nullptr) {
    int64_t i;
    if (!index_int64(key, &i)) return Ref();
    if (i < 0) i += s->length;
    if (i < 0 || i >= s->length) return raise(&exc_IndexError, "string index out of range");
    if (s->ascii) return str_from_char(static_cast<unsigned char>(s->data[i]));
    size_t pos = str_byte_offset(s, i);
    return str_from_char(utf8_decode(s->data, pos));
  }
  if (type_of(key) == &slice_type) {
    int64_t start, stop, step, n;
    if (!slice_indices(static_cast<SliceObject*>(key.obj()), s->length, &start, &stop, &step, &n)) return Ref();
    if (n <= 0) return str_empty();
    if (step == 1) {
      if (n == s->length && is_str_exact(v)) return Ref::new_ref(v);
      size_t b = str_byte_offset(s, start);
      size_t e = s->ascii ? static_cast<size_t>(stop) : str_byte_offset(s, stop);
      return str_new(std::string_view(s->data).substr(b, e - b));
    }
    std::string out;
    if (s->ascii) {
      for (int64_t i = 0, j = start; i < n; i++, j += step) out.push_back(s->data[j]);
    } else {
      std::vector<uint32_t> cps;
      size_t pos = 0;
      while (pos < s->data.size()) cps.push_back(utf8_decode(s->data, pos));
      for (int64_t i = 0, j = start; i < n; i++, j += step) utf8_append(out, cps[j]);
    }
    return str_new(std::move(out));
  }
  return raise_fmt(&exc_TypeError, "string indices must be integers, not '{}'", type_name(key));
}

static int str_contains(Value v, Value item) {
  if (!is_str(item)) {
    raise_fmt(&exc_TypeError, "'in <string>' requires string as left operand, not {}", type_name(item));
    return -1;
  }
  return as_str(v)->data.find(as_str(item)->data) != std::string::npos;
}

struct StrIterObject : Object {
  Ref str;
  size_t pos;
};

static Ref str_iter(Value v) {
  auto* it = alloc_instance<StrIterObject>(&str_iter_type);
  it->str = Ref::new_ref(v);
  it->pos = 0;
  return Ref::steal(Value(it));
}

static Ref str_iter_next(Value v) {
  auto* it = static_cast<StrIterObject*>(v.obj());
  if (!it->str) return Ref();
  StrObject* s = as_str(it->str.get());
  if (it->pos >= s->data.size()) {
    it->str.reset();
    return Ref();
  }
  return str_from_char(utf8_decode(s->data, it->pos));
}

static Ref self_iter(Value v) { return Ref::new_ref(v); }

// Pickling and the length hint of the str iterator, in code points as CPython's (the iterator
// itself walks UTF-8 bytes).
static int64_t str_iter_index(const StrIterObject* it) {
  StrObject* s = as_str(it->str.get());
  if (s->ascii) return static_cast<int64_t>(it->pos);
  int64_t n = 0;
  for (size_t i = 0; i < it->pos && i < s->data.size(); i++)
    n += (static_cast<unsigned char>(s->data[i]) & 0xC0) != 0x80;
  return n;
}
static Ref str_iter_length_hint(Value self, NativeArgs&) {
  auto* it = static_cast<StrIterObject*>(self.obj());
  if (!it->str) return Ref::small(0);
  return int_from_int64(as_str(it->str.get())->length - str_iter_index(it));
}
static Ref str_iter_reduce(Value self, NativeArgs&) {
  auto* it = static_cast<StrIterObject*>(self.obj());
  if (!it->str) {
    Ref empty = str_new("");
    return iter_reduce_exhausted(empty.get());
  }
  return iter_reduce_indexed(it->str.get(), str_iter_index(it));
}
static Ref str_iter_setstate(Value self, NativeArgs& a) {
  auto* it = static_cast<StrIterObject*>(self.obj());
  int64_t index;
  if (!iter_state_index(a[0], &index)) return Ref();
  if (it->str) {
    StrObject* s = as_str(it->str.get());
    index = std::clamp<int64_t>(index, 0, s->length);
    it->pos = index == s->length ? s->data.size() : str_byte_offset(s, index);
  }
  return none_ref();
}
static const NativeDef kStrIterMethods[] = {
    {"__length_hint__($self, /)", str_iter_length_hint, 0,
     "Private method returning an estimate of len(list(it))."},
    {"__reduce__($self, /)", str_iter_reduce, 0, "Return state information for pickling."},
    {"__setstate__($self, state, /)", str_iter_setstate, 0,
     "Set state information for unpickling."},
};

static void str_dealloc(Object* o) { delete static_cast<StrObject*>(o); }
static void str_iter_dealloc(Object* o) { delete static_cast<StrIterObject*>(o); }

Ref bytes_decode_to_str(Value bytes, Value encoding, Value errors);  // bytes.cpp

static Ref str_new_slot(TypeObject* type, const Value* args, size_t nargs, TupleObject* kwnames) {
  Value a[3] = {};
  if (nargs == 1 && kwnames == nullptr) {
    a[0] = args[0];  // str(x), the common call
  } else if (!parse_args("str", args, nargs, kwnames, {"object", "encoding", "errors"}, 0, a)) {
    return Ref();
  }
  Ref r;
  if (!a[0]) {
    r = str_empty();
  } else if (a[1] || a[2]) {
    r = bytes_decode_to_str(a[0], a[1], a[2]);
  } else {
    r = to_str(a[0]);
  }
  if (!r || type == &str_type) return r;
  StrObject* s = alloc_instance<StrObject>(type);
  s->data = as_str(r.get())->data;
  s->length = as_str(r.get())->length;
  s->ascii = as_str(r.get())->ascii;
  return Ref::steal(Value(s));
}

void str_type_init() {
  str_type.name = "str";
  str_type.flags = kTypeBaseType | kTypeStrSubclass | kTypeLeaf;
  str_type.basic_size = sizeof(StrObject);
  str_type.dealloc = str_dealloc;
  str_type.repr = str_repr;
  str_type.str = str_str;
  str_type.hash = str_hash_slot;
  str_type.richcompare = str_richcompare;
  str_type.nb[static_cast<int>(NumOp::Add)] = str_add;
  str_type.nb[static_cast<int>(NumOp::Mul)] = str_mul;
  str_type.nb[static_cast<int>(NumOp::Mod)] = str_mod_slot;
  str_type.len = str_len;
  str_type.getitem = str_getitem;
  str_type.contains = str_contains;
  str_type.iter = str_iter;
  str_type.new_ = str_new_slot;
  str_type.subclass_dict_offset = offsetof(StrObject, dict);
  str_type.flags |= kTypeMatchSelf;  // `case str(x)` binds the subject
  type_ready(&str_type, &object_type);

  str_iter_type.name = "str_ascii_iterator";
  str_iter_type.basic_size = sizeof(StrIterObject);
  str_iter_type.dealloc = str_iter_dealloc;
  str_iter_type.iter = self_iter;
  str_iter_type.iternext = str_iter_next;
  type_ready(&str_iter_type, &object_type);
  add_methods(&str_iter_type, kStrIterMethods);
  str_methods_init();
#ifdef MINIPY_FREE_THREADING
  // The one-character and empty strings are made lazily by whichever thread asks first; without
  // a GIL two threads could race on the table, so the free-threaded build makes them all now.
  str_empty();
  for (uint32_t c = 0; c < 128; c++) str_from_char(c);
#endif
}

}  // namespace minipy::rt
