// bytes and bytearray core: construction, repr, comparison, hashing, indexing, slicing,
// concatenation, iteration, encode/decode (utf-8, ascii, latin-1). Methods: bytes_methods.cpp.
#include "runtime/objects/bytes.h"

#include <cstddef>

#include "runtime/critical_section.h"
#include "runtime/errors.h"
#include "runtime/hash.h"
#include "runtime/objects/dict.h"
#include "runtime/objects/int.h"
#include "runtime/objects/iter_reduce.h"
#include "runtime/objects/list.h"
#include "runtime/objects/memoryview.h"
#include "runtime/objects/misc.h"
#include "runtime/objects/native.h"
#include "runtime/objects/singletons.h"
#include "runtime/objects/str.h"
#include "runtime/objects/tuple.h"
#include "runtime/ops.h"
#include "runtime/size_check.h"

namespace minipy::rt {

TypeObject bytes_type;
TypeObject bytearray_type;
TypeObject bytes_iter_type;

/// A bytearray's bytes can be resized by another thread: callers reading them more than once
/// hold this guard (nothing for immutable bytes; nothing at all in the default build).
static Value lock_target(Value v) { return is_bytearray(v) ? v : Value(); }

static std::string& data_of(Value v) {
  if (is_bytearray(v)) return static_cast<ByteArrayObject*>(v.obj())->data;
  return static_cast<BytesObject*>(v.obj())->data;
}

Ref bytes_new(std::string_view data) {
  auto* b = alloc_instance<BytesObject>(&bytes_type);
  b->data = std::string(data);
  return Ref::steal(Value(b));
}

Ref bytearray_new(std::string_view data) {
  auto* b = alloc_instance<ByteArrayObject>(&bytearray_type);
  b->data = std::string(data);
  return Ref::steal(Value(b));
}

bool bytes_like_data(Value v, std::string_view* out) {
  if (is_memoryview(v)) return memoryview_contiguous_data(v, out);
  if (!is_bytes(v) && !is_bytearray(v)) {
    const BufferProcs* bp = v.is_object() ? v.obj()->type->buffer : nullptr;
    if (bp == nullptr) return false;
    *out = *bp->storage(v.obj());
    return true;
  }
  *out = data_of(v);
  return true;
}

std::string bytes_repr_text(std::string_view data, bool bytearray) {
  bool has_single = data.find('\'') != std::string_view::npos;
  bool has_double = data.find('"') != std::string_view::npos;
  char quote = (has_single && !has_double) ? '"' : '\'';
  std::string out = "b";
  out.push_back(quote);
  for (unsigned char c : data) {
    if (c == static_cast<unsigned char>(quote) || c == '\\') {
      out.push_back('\\');
      out.push_back(static_cast<char>(c));
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\r') {
      out += "\\r";
    } else if (c == '\t') {
      out += "\\t";
    } else if (c < 0x20 || c >= 0x7F) {
      out += fmt::format("\\x{:02x}", c);
    } else {
      out.push_back(static_cast<char>(c));
    }
  }
  out.push_back(quote);
  if (bytearray) out = "bytearray(" + out + ")";
  return out;
}

static std::string normalize_encoding(Value encoding) {
  if (!encoding || !is_str(encoding)) return "utf-8";
  std::string e;
  for (char c : as_str(encoding)->view())
    e.push_back(c == '_' ? '-' : static_cast<char>(std::tolower(c)));
  if (e == "utf8") e = "utf-8";
  if (e == "latin-1" || e == "latin1" || e == "iso-8859-1" || e == "iso8859-1") e = "latin-1";
  if (e == "us-ascii") e = "ascii";
  return e;
}

// Raises UnicodeDecodeError/UnicodeEncodeError(codec, object, pos, pos + 1, reason) for one bad
// byte or character, so the exception has its attributes (errors.cpp formats the message).
static Ref raise_unicode_error(TypeObject* type, const char* codec, Value object, int64_t pos,
                               std::string_view why) {
  Ref enc = str_new(codec);
  Ref reason = str_new(std::string(why));
  Value args[5] = {enc.get(), object, Value::from_small(pos), Value::from_small(pos + 1),
                   reason.get()};
  Ref e = make_exception(type, args, 5);
  if (!e) return e;
  return set_exception(std::move(e));
}

CodecHooks codec_hooks;

/// The encoding/errors arguments of str.encode and bytes.decode must be str when given.
static bool check_codec_args(const char* fname, Value encoding, Value errors) {
  if (encoding && !is_str(encoding)) {
    raise_fmt(&exc_TypeError, "{}() argument 'encoding' must be str, not {}", fname,
              type_name(encoding));
    return false;
  }
  if (errors && !is_str(errors)) {
    raise_fmt(&exc_TypeError, "{}() argument 'errors' must be str, not {}", fname,
              type_name(errors));
    return false;
  }
  return true;
}

static bool all_ascii(std::string_view data) {
  for (char c : data)
    if (static_cast<unsigned char>(c) >= 0x80) return false;
  return true;
}

/// Valid UTF-8 without surrogates (what str holds for text that encodes as is).
static bool plain_utf8(std::string_view data) {
  size_t i = 0;
  while (i < data.size()) {
    auto c = static_cast<unsigned char>(data[i]);
    if (c < 0x80) {
      i++;
      continue;
    }
    int len = (c >= 0xC2 && c <= 0xDF)   ? 2
              : (c >= 0xE0 && c <= 0xEF) ? 3
              : (c >= 0xF0 && c <= 0xF4) ? 4
                                         : 0;
    if (len == 0 || i + len > data.size()) return false;
    auto c1 = static_cast<unsigned char>(data[i + 1]);
    if ((c == 0xE0 && c1 < 0xA0) || (c == 0xED && c1 > 0x9F) || (c == 0xF0 && c1 < 0x90) ||
        (c == 0xF4 && c1 > 0x8F))
      return false;
    for (int k = 1; k < len; k++)
      if ((static_cast<unsigned char>(data[i + k]) & 0xC0) != 0x80) return false;
    i += len;
  }
  return true;
}

Ref bytes_decode_to_str(Value bytes, Value encoding, Value errors) {
  std::string_view data;
  if (!bytes_like_data(bytes, &data)) {
    return raise_fmt(&exc_TypeError, "decoding to str: need a bytes-like object, {} found",
                     type_name(bytes));
  }
  if (!check_codec_args("decode", encoding, errors)) return Ref();
  std::string enc = normalize_encoding(encoding);
  // Fast path: well-formed UTF-8/ASCII and any Latin-1; everything else goes to the codecs.
  if ((enc == "utf-8" && plain_utf8(data)) || (enc == "ascii" && all_ascii(data)))
    return str_new(data);
  if (codec_hooks.decode) return codec_hooks.decode(bytes, encoding, errors);
  std::string err = (errors && is_str(errors)) ? std::string(as_str(errors)->view()) : "strict";
  std::string out;
  if (enc == "latin-1") {
    for (unsigned char c : data) utf8_append(out, c);
    return str_new(std::move(out));
  }
  if (enc != "utf-8" && enc != "ascii")
    return raise_fmt(&exc_LookupError, "unknown encoding: {}", enc);
  size_t i = 0;
  while (i < data.size()) {
    auto c = static_cast<unsigned char>(data[i]);
    int len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
    bool ok = len > 0 && i + len <= data.size() && (enc == "utf-8" || len == 1);
    for (int k = 1; ok && k < len; k++)
      ok = (static_cast<unsigned char>(data[i + k]) & 0xC0) == 0x80;
    if (ok) {
      out.append(data.substr(i, len));
      i += len;
      continue;
    }
    if (err == "ignore") {
      i++;
    } else if (err == "replace") {
      utf8_append(out, 0xFFFD);
      i++;
    } else {
      const char* codec = enc == "ascii" ? "ascii" : "utf-8";
      const char* why = enc == "ascii" ? "ordinal not in range(128)" : "invalid start byte";
      if (enc != "ascii" && len > 0)
        why = i + len > data.size() ? "unexpected end of data" : "invalid continuation byte";
      (void)c;
      return raise_unicode_error(&exc_UnicodeDecodeError, codec, bytes, static_cast<int64_t>(i),
                                 why);
    }
  }
  return str_new(std::move(out));
}

Ref str_encode(Value str, Value encoding, Value errors) {
  if (!check_codec_args("encode", encoding, errors)) return Ref();
  std::string enc = normalize_encoding(encoding);
  StrObject* so = as_str(str);
  if ((enc == "utf-8" && plain_utf8(so->view())) ||
      ((enc == "ascii" || enc == "latin-1") && so->ascii)) {
    return bytes_new(so->view());
  }
  if (codec_hooks.encode) return codec_hooks.encode(str, encoding, errors);
  std::string err = (errors && is_str(errors)) ? std::string(as_str(errors)->view()) : "strict";
  std::string_view s = as_str(str)->view();
  if (enc == "utf-8") return bytes_new(s);
  if (enc != "ascii" && enc != "latin-1")
    return raise_fmt(&exc_LookupError, "unknown encoding: {}", enc);
  uint32_t limit = enc == "ascii" ? 0x80 : 0x100;
  std::string out;
  size_t pos = 0;
  int64_t index = 0;
  while (pos < s.size()) {
    uint32_t cp = utf8_decode(s, pos);
    if (cp < limit) {
      out.push_back(static_cast<char>(cp));
    } else if (err == "ignore") {
    } else if (err == "replace") {
      out.push_back('?');
    } else {
      std::string why = fmt::format("ordinal not in range({})", limit);
      return raise_unicode_error(&exc_UnicodeEncodeError, enc == "ascii" ? "ascii" : "latin-1", str,
                                 index, why);
    }
    index++;
  }
  return bytes_new(out);
}

// ---------------------------------------------------------------- slots

static Ref bytes_repr(Value v) {
  CriticalSection cs(lock_target(v));
  return str_new(bytes_repr_text(data_of(v), is_bytearray(v)));
}

static bool bytes_hash(Value v, int64_t* out) {
  auto* b = static_cast<BytesObject*>(v.obj());
  if (b->hash == -1) b->hash = hash_bytes(b->data.data(), b->data.size());  // as str: SipHash-1-3
  *out = b->hash;
  return true;
}

static Ref bytes_richcompare(Value a, Value b, CmpOp op) {
  std::string_view x, y;
  // bytes compares only with bytes (a memoryview answers for itself); bytearray with any buffer.
  if ((is_bytes(a) && b.is_object() && b.obj()->type->buffer != nullptr) ||
      (is_bytes(b) && a.is_object() && a.obj()->type->buffer != nullptr)) {
    return not_implemented_ref();
  }
  if (!bytes_like_data(a, &x) || !bytes_like_data(b, &y)) return not_implemented_ref();
  int c = x.compare(y);
  return bool_ref(cmp_holds(c, op));
}

static bool bytes_len(Value v, int64_t* out) {
  CriticalSection cs(lock_target(v));
  *out = static_cast<int64_t>(data_of(v).size());
  return true;
}

static Ref make_like(Value like, std::string_view data) {
  return is_bytearray(like) ? bytearray_new(data) : bytes_new(data);
}

static Ref bytes_getitem(Value v, Value key) {
  CriticalSection cs(lock_target(v));
  std::string& d = data_of(v);
  if (type_of(key) == &slice_type) {
    int64_t start, stop, step, n;
    if (!slice_indices(static_cast<SliceObject*>(key.obj()), static_cast<int64_t>(d.size()), &start,
                       &stop, &step, &n)) {
      return Ref();
    }
    std::string out;
    for (int64_t i = 0, j = start; i < n; i++, j += step) out.push_back(d[j]);
    return make_like(v, out);
  }
  if (!is_int(key) && type_of(key)->nb_index == nullptr) {
    return raise_fmt(&exc_TypeError, "byte indices must be integers or slices, not {}",
                     type_name(key));
  }
  int64_t i;
  if (!index_int64(key, &i)) return Ref();
  if (i < 0) i += static_cast<int64_t>(d.size());
  if (i < 0 || i >= static_cast<int64_t>(d.size())) {
    return raise(&exc_IndexError,
                 is_bytearray(v) ? "bytearray index out of range" : "index out of range");
  }
  return Ref::small(static_cast<unsigned char>(d[i]));
}

static bool byte_value(Value v, unsigned char* out, bool plural = false) {
  int64_t n;
  if (!is_int(v) && type_of(v)->nb_index == nullptr) {
    raise_fmt(&exc_TypeError, "'{}' object cannot be interpreted as an integer", type_name(v));
    return false;
  }
  if (!index_int64(v, &n)) return false;
  if (n < 0 || n > 255) {
    // bytes(...) says "bytes must", bytearray and item assignment "byte must" (as CPython).
    raise(&exc_ValueError,
          plural ? "bytes must be in range(0, 256)" : "byte must be in range(0, 256)");
    return false;
  }
  *out = static_cast<unsigned char>(n);
  return true;
}

static bool bytearray_setitem(Value v, Value key, Value value) {
  CriticalSection cs(v);
  std::string& d = data_of(v);
  if (type_of(key) == &slice_type) {
    int64_t start, stop, step, n;
    if (!slice_indices(static_cast<SliceObject*>(key.obj()), static_cast<int64_t>(d.size()), &start,
                       &stop, &step, &n)) {
      return false;
    }
    if (step != 1) {
      raise(&exc_ValueError, "extended slice assignment not supported");
      return false;
    }
    if (n < 0) n = 0;
    std::string repl;
    if (value) {
      std::string_view src;
      if (bytes_like_data(value, &src)) {
        repl = std::string(src);
      } else {
        Ref l = list_from_iterable(value);
        if (!l) return false;
        for (Value x : as_list(l.get())->items) {
          unsigned char c;
          if (!byte_value(x, &c)) return false;
          repl.push_back(static_cast<char>(c));
        }
      }
    }
    d.replace(static_cast<size_t>(start), static_cast<size_t>(n), repl);
    return true;
  }
  int64_t i;
  if (!index_int64(key, &i)) return false;
  if (i < 0) i += static_cast<int64_t>(d.size());
  if (i < 0 || i >= static_cast<int64_t>(d.size())) {
    raise(&exc_IndexError, "bytearray index out of range");
    return false;
  }
  if (!value) {
    d.erase(static_cast<size_t>(i), 1);
    return true;
  }
  unsigned char c;
  if (!byte_value(value, &c)) return false;
  d[i] = static_cast<char>(c);
  return true;
}

static int bytes_contains(Value v, Value item) {
  CriticalSection cs(lock_target(v));
  std::string& d = data_of(v);
  std::string_view sub;
  if (bytes_like_data(item, &sub)) return d.find(sub) != std::string::npos;
  unsigned char c;
  if (!byte_value(item, &c)) return -1;
  return d.find(static_cast<char>(c)) != std::string::npos;
}

static Ref bytes_add(Value a, Value b) {
  std::string_view x, y;
  if (!bytes_like_data(a, &x)) return not_implemented_ref();
  if (!bytes_like_data(b, &y)) {
    return raise_fmt(&exc_TypeError, "can't concat {} to {}", type_name(b), type_name(a));
  }
  int64_t n;
  if (!size_add(x.size(), y.size(), &n)) return raise_no_memory();
  std::string out;
  out.reserve(n);
  out.append(x);
  out.append(y);
  return make_like(a, out);
}

static Ref bytes_mul(Value a, Value b) {
  Value s = a, n = b;
  std::string_view x;
  if (!bytes_like_data(s, &x)) {
    std::swap(s, n);
    if (!bytes_like_data(s, &x)) return not_implemented_ref();
  }
  // A non-integer count: NotImplemented, so the operator reports "can't multiply sequence by
  // non-int of type 'X'" (as CPython's sequence repeat).
  if (!is_int(n) && type_of(n)->nb_index == nullptr) return not_implemented_ref();
  int64_t count;
  if (!index_size(n, &count)) return Ref();
  int64_t total;
  if (count > 0 && !size_mul(x.size(), count, &total)) {
    if (is_bytearray(s)) return raise_no_memory();
    return raise(&exc_OverflowError, "repeated bytes are too long");
  }
  std::string out;
  append_repeated(out, x, count);
  return make_like(s, out);
}

/// bytearray += x: extends in place (a += b must not rebind other names to a copy).
static Ref bytearray_iadd(Value a, Value b) {
  std::string_view y;
  if (!bytes_like_data(b, &y)) {
    return raise_fmt(&exc_TypeError, "can't concat {} to {}", type_name(b), type_name(a));
  }
  std::string copy(y);  // b may be a itself or a view of it
  CriticalSection cs(a);
  std::string& d = data_of(a);
  int64_t n;
  if (!size_add(d.size(), copy.size(), &n)) return raise_no_memory();
  d.append(copy);
  return Ref::new_ref(a);
}

/// bytearray *= n: repeats in place.
static Ref bytearray_imul(Value a, Value b) {
  if (!is_int(b) && type_of(b)->nb_index == nullptr) return not_implemented_ref();
  int64_t count;
  if (!index_size(b, &count)) return Ref();
  CriticalSection cs(a);
  std::string& d = data_of(a);
  int64_t total;
  if (count > 0 && !size_mul(d.size(), count, &total)) return raise_no_memory();
  std::string out;
  append_repeated(out, d, count);
  d = std::move(out);
  return Ref::new_ref(a);
}

struct BytesIterObject : Object {
  Ref seq;
  size_t pos;
};

static Ref bytes_iter(Value v) {
  auto* it = alloc_instance<BytesIterObject>(&bytes_iter_type);
  it->seq = Ref::new_ref(v);
  it->pos = 0;
  return Ref::steal(Value(it));
}

static Ref bytes_iter_next(Value v) {
  auto* it = static_cast<BytesIterObject*>(v.obj());
  Ref done;  // an exhausted iterator's object, released after the sections end (it may be freed)
  CriticalSection its(it);  // threads may share one iterator
  if (!it->seq) return Ref();
  CriticalSection cs(lock_target(it->seq.get()));
  std::string& d = data_of(it->seq.get());
  if (it->pos >= d.size()) {
    done = std::move(it->seq);
    return Ref();
  }
  return Ref::small(static_cast<unsigned char>(d[it->pos++]));
}

// Pickling and the length hint of the bytes/bytearray iterator, as CPython's.
static Ref bytes_iter_length_hint(Value self, NativeArgs&) {
  auto* it = static_cast<BytesIterObject*>(self.obj());
  CriticalSection its(it);
  if (!it->seq) return Ref::small(0);
  CriticalSection cs(lock_target(it->seq.get()));
  size_t n = data_of(it->seq.get()).size();
  return int_from_int64(n > it->pos ? static_cast<int64_t>(n - it->pos) : 0);
}
static Ref bytes_iter_reduce(Value self, NativeArgs&) {
  auto* it = static_cast<BytesIterObject*>(self.obj());
  CriticalSection its(it);
  if (!it->seq) {
    Ref empty = tuple_new(0);
    return iter_reduce_exhausted(empty.get());
  }
  return iter_reduce_indexed(it->seq.get(), static_cast<int64_t>(it->pos));
}
static Ref bytes_iter_setstate(Value self, NativeArgs& a) {
  auto* it = static_cast<BytesIterObject*>(self.obj());
  int64_t index;
  if (!iter_state_index(a[0], &index)) return Ref();
  CriticalSection its(it);
  if (it->seq) {
    CriticalSection cs(lock_target(it->seq.get()));
    int64_t n = static_cast<int64_t>(data_of(it->seq.get()).size());
    it->pos = static_cast<size_t>(index < 0 ? 0 : index > n ? n : index);
  }
  return none_ref();
}
static const NativeDef kBytesIterMethods[] = {
    {"__length_hint__($self, /)", bytes_iter_length_hint, 0,
     "Private method returning an estimate of len(list(it))."},
    {"__reduce__($self, /)", bytes_iter_reduce, 0, "Return state information for pickling."},
    {"__setstate__($self, state, /)", bytes_iter_setstate, 0,
     "Set state information for unpickling."},
};

static bool bytes_from_source(Value src, Value encoding, Value errors, std::string* out,
                              bool for_bytes) {
  if (is_str(src)) {
    if (!encoding) {
      raise(&exc_TypeError, "string argument without an encoding");
      return false;
    }
    Ref b = str_encode(src, encoding, errors);
    if (!b) return false;
    *out = data_of(b.get());
    return true;
  }
  std::string_view sv;
  if (bytes_like_data(src, &sv)) {
    *out = std::string(sv);
    return true;
  }
  if (is_memoryview(src)) {  // not contiguous (a stepped slice): its bytes, item by item
    Ref b = call_method(src, intern("tobytes"), nullptr, 0);
    if (!b) return false;
    *out = data_of(b.get());
    return true;
  }
  if (is_int(src)) {
    int64_t n;
    if (!index_size(src, &n)) return false;
    if (n < 0) {
      raise(&exc_ValueError, "negative count");
      return false;
    }
    out->assign(static_cast<size_t>(n), '\0');
    return true;
  }
  Ref l = list_from_iterable(src);
  if (!l) {
    if (exception_matches(&exc_TypeError)) {
      clear_exception();
      raise_fmt(&exc_TypeError, "cannot convert '{}' object to bytes", type_name(src));
    }
    return false;
  }
  for (Value x : as_list(l.get())->items) {
    unsigned char c;
    if (!byte_value(x, &c, for_bytes)) return false;
    out->push_back(static_cast<char>(c));
  }
  return true;
}

static Ref bytes_new_slot(TypeObject* type, const Value* args, size_t nargs, TupleObject* kw) {
  Value a[3] = {};
  if (!parse_args("bytes", args, nargs, kw, {"source", "encoding", "errors"}, 0, a)) return Ref();
  std::string data;
  if (a[0] && !a[1] && !a[2] && !is_str(a[0])) {
    // CPython's bytes_new: an object's __bytes__ comes first (a weakref proxy forwards it).
    bool found = false;
    Ref r = call_special(a[0], intern("__bytes__"), nullptr, 0, &found);
    if (found) {
      if (!r) return r;
      if (!is_bytes(r.get())) {
        return raise_fmt(&exc_TypeError, "__bytes__ returned non-bytes (type {})",
                         type_name(r.get()));
      }
      if (type == &bytes_type) return r;
      data = data_of(r.get());
      auto* b = alloc_instance<BytesObject>(type);
      b->data = std::move(data);
      return Ref::steal(Value(b));
    }
  }
  if (a[0] && !bytes_from_source(a[0], a[1], a[2], &data, true)) return Ref();
  auto* b = alloc_instance<BytesObject>(type);
  b->data = std::move(data);
  return Ref::steal(Value(b));
}

static Ref bytearray_new_slot(TypeObject* type, const Value*, size_t, TupleObject*) {
  return Ref::steal(Value(alloc_instance<ByteArrayObject>(type)));
}

static bool bytearray_init(Value self, const Value* args, size_t nargs, TupleObject* kw) {
  Value a[3] = {};
  if (!parse_args("bytearray", args, nargs, kw, {"source", "encoding", "errors"}, 0, a))
    return false;
  std::string data;
  if (a[0] && !bytes_from_source(a[0], a[1], a[2], &data, false)) return false;
  data_of(self) = std::move(data);
  return true;
}

static void bytes_dealloc(Object* o) { delete static_cast<BytesObject*>(o); }
static void bytearray_dealloc(Object* o) { delete static_cast<ByteArrayObject*>(o); }
static void bytes_iter_dealloc(Object* o) { delete static_cast<BytesIterObject*>(o); }
static Ref self_iter(Value v) { return Ref::new_ref(v); }

static Ref m_decode(Value self, const Value* args, size_t nargs, TupleObject* kw) {
  Value a[2] = {};
  if (!parse_args("decode", args, nargs, kw, {"encoding", "errors"}, 0, a)) return Ref();
  return bytes_decode_to_str(self, a[0], a[1]);
}

void bytes_types_init() {
  for (TypeObject* t : {&bytes_type, &bytearray_type}) {
    bool ba = t == &bytearray_type;
    t->name = ba ? "bytearray" : "bytes";
    t->flags = ba ? kTypeBaseType : kTypeBaseType | kTypeLeaf;
    t->basic_size = ba ? sizeof(ByteArrayObject) : sizeof(BytesObject);
    if (ba) t->subclass_dict_offset = offsetof(ByteArrayObject, dict);
    t->dealloc = ba ? bytearray_dealloc : bytes_dealloc;
    t->repr = bytes_repr;
    t->richcompare = bytes_richcompare;
    t->len = bytes_len;
    t->getitem = bytes_getitem;
    t->contains = bytes_contains;
    t->iter = bytes_iter;
    t->nb[static_cast<int>(NumOp::Add)] = bytes_add;
    t->nb[static_cast<int>(NumOp::Mul)] = bytes_mul;
    if (ba) {
      t->setitem = bytearray_setitem;
      t->nb_inplace[static_cast<int>(NumOp::Add)] = bytearray_iadd;
      t->nb_inplace[static_cast<int>(NumOp::Mul)] = bytearray_imul;
      t->new_ = bytearray_new_slot;
      t->init = bytearray_init;
    } else {
      t->hash = bytes_hash;
      t->new_ = bytes_new_slot;
    }
    t->flags |= kTypeMatchSelf;  // `case bytes(x)` binds the subject
    type_ready(t, &object_type);
    add_method(t, "decode", m_decode);
  }
  bytearray_type.hash = nullptr;
  add_attr(&bytearray_type, "__hash__", None());
  bytes_iter_type.name = "bytes_iterator";
  bytes_iter_type.basic_size = sizeof(BytesIterObject);
  bytes_iter_type.dealloc = bytes_iter_dealloc;
  bytes_iter_type.iter = self_iter;
  bytes_iter_type.iternext = bytes_iter_next;
  type_ready(&bytes_iter_type, &object_type);
  add_methods(&bytes_iter_type, kBytesIterMethods);
  bytes_methods_init();
}

}  // namespace minipy::rt
