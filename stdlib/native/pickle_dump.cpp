// _pickle.Pickler's algorithm: the fast paths for the builtin types, globals by name, and
// __reduce_ex__ / copyreg for everything else, with protocol 4's framing, as CPython 3.11's
// Modules/_pickle.c writes them (our own code): the same bytes as CPython for the same objects,
// so pickles move between the two and pickletools reads them alike.
#include <cstring>

#include "runtime/bigint.h"
#include "runtime/errors.h"
#include "runtime/objects/bytes.h"
#include "runtime/objects/dict.h"
#include "runtime/objects/float.h"
#include "runtime/objects/int.h"
#include "runtime/objects/list.h"
#include "runtime/objects/native.h"
#include "runtime/objects/set.h"
#include "runtime/objects/singletons.h"
#include "runtime/objects/str.h"
#include "runtime/objects/tuple.h"
#include "runtime/ops.h"
#include "runtime/state/interpreter.h"
#include "stdlib/native/pickle.h"
#include "vm/code.h"
#include "vm/import.h"

namespace minipy::lib::pickle {

using namespace rt;

// ---------------------------------------------------------------- the memo

namespace {
inline uint64_t mix(uint64_t key) { return (key >> 4) * 0x9E3779B97F4A7C15ull; }
}  // namespace

size_t IdentityMemo::slot(uint64_t key) const {
  size_t mask = table_.size() - 1;
  size_t i = static_cast<size_t>(mix(key) >> 20) & mask;
  while (table_[i].key != 0 && table_[i].key != key) i = (i + 1) & mask;
  return i;
}

const int64_t* IdentityMemo::get(Value v) const {
  if (used_ == 0) return nullptr;
  const Entry& e = table_[slot(v.bits())];
  return e.key == 0 ? nullptr : &e.index;
}

void IdentityMemo::set(Value v, int64_t index) {
  if ((used_ + 1) * 3 >= table_.size() * 2) {
    std::vector<Entry> old = std::move(table_);
    table_.assign(old.empty() ? 64 : old.size() * 4, Entry{});
    for (const Entry& e : old)
      if (e.key != 0) table_[slot(e.key)] = e;
  }
  Entry& e = table_[slot(v.bits())];
  if (e.key == 0) {
    incref(v);
    e.key = v.bits();
    used_++;
  }
  e.index = index;
}

void IdentityMemo::clear() {
  std::vector<Entry> old = std::move(table_);
  table_.clear();
  used_ = 0;
  for (const Entry& e : old)
    if (e.key != 0) decref(Value::from_bits(e.key));
}

namespace {

constexpr size_t kFrameHeaderSize = 9;
constexpr size_t kFrameSizeMin = 4;
constexpr size_t kFrameSizeTarget = 64 * 1024;
constexpr int kBatchSize = 1000;
constexpr int kFastNestingLimit = 50;

bool fail(std::string_view msg) {
  raise_pickle(state().pickling_error, msg);
  return false;
}

// ---------------------------------------------------------------- output

/// Appends to the output, opening a frame first when framing and none is open.
inline void write(PicklerObject* p, std::string_view s) {
  if (p->framing && p->frame_start == -1) {
    p->frame_start = static_cast<int64_t>(p->out.size());
    p->out.append(kFrameHeaderSize, '\xfe');
  }
  p->out.append(s);
}
inline void write_op(PicklerObject* p, uint8_t op) {
  char c = static_cast<char>(op);
  write(p, std::string_view(&c, 1));
}

void put_le(char* out, uint64_t v, int n) {
  for (int i = 0; i < n; i++) out[i] = static_cast<char>((v >> (8 * i)) & 0xff);
}

/// Closes the open frame: FRAME + its length, or no frame at all when it is tiny.
void commit_frame(PicklerObject* p) {
  if (!p->framing || p->frame_start == -1) return;
  size_t start = static_cast<size_t>(p->frame_start);
  size_t len = p->out.size() - start - kFrameHeaderSize;
  if (len >= kFrameSizeMin) {
    p->out[start] = static_cast<char>(FRAME);
    put_le(&p->out[start + 1], len, 8);
  } else {
    p->out.erase(start, kFrameHeaderSize);
  }
  p->frame_start = -1;
}

bool flush_to_file(PicklerObject* p) {
  Ref data = bytes_new(p->out);
  p->out.clear();
  return static_cast<bool>(call1(p->write.get(), data.get()));
}

/// Between opcodes: a frame that reached the target size is closed, and written out when
/// pickling to a file, so that a large pickle never sits whole in memory.
bool opcode_boundary(PicklerObject* p) {
  if (!p->framing || p->frame_start == -1) return true;
  size_t len = p->out.size() - static_cast<size_t>(p->frame_start) - kFrameHeaderSize;
  if (len < kFrameSizeTarget) return true;
  commit_frame(p);
  if (p->write) return flush_to_file(p);
  return true;
}

/// A header and a payload; a large payload goes outside any frame (and straight to the file).
bool write_bytes(PicklerObject* p, std::string_view header, std::string_view data, Value payload) {
  bool bypass = data.size() >= kFrameSizeTarget;
  bool framing = p->framing;
  if (bypass) {
    commit_frame(p);
    p->framing = false;
  }
  write(p, header);
  if (bypass && p->write) {
    if (!flush_to_file(p)) return false;
    Ref made;
    if (!payload || !is_bytes(payload)) {
      made = bytes_new(data);
      payload = made.get();
    }
    if (!call1(p->write.get(), payload)) return false;
  } else {
    write(p, data);
  }
  p->framing = framing;
  return true;
}

// ---------------------------------------------------------------- the memo, in the stream

bool memo_get(PicklerObject* p, Value obj) {
  const int64_t* idx = p->memo.get(obj);
  if (!idx) {
    raise_with_value(&exc_KeyError, obj);
    return false;
  }
  char buf[8];
  if (!p->bin) {
    write(p, fmt::format("g{}\n", *idx));
  } else if (*idx < 256) {
    buf[0] = static_cast<char>(BINGET);
    buf[1] = static_cast<char>(*idx);
    write(p, std::string_view(buf, 2));
  } else if (*idx <= 0xffffffffLL) {
    buf[0] = static_cast<char>(LONG_BINGET);
    put_le(buf + 1, static_cast<uint64_t>(*idx), 4);
    write(p, std::string_view(buf, 5));
  } else {
    return fail("memo id too large for LONG_BINGET");
  }
  return true;
}

bool memo_put(PicklerObject* p, Value obj) {
  if (p->fast) return true;
  auto idx = static_cast<int64_t>(p->memo.size());
  p->memo.set(obj, idx);
  char buf[8];
  if (p->proto >= 4) {
    write_op(p, MEMOIZE);
  } else if (!p->bin) {
    write(p, fmt::format("p{}\n", idx));
  } else if (idx < 256) {
    buf[0] = static_cast<char>(BINPUT);
    buf[1] = static_cast<char>(idx);
    write(p, std::string_view(buf, 2));
  } else if (idx <= 0xffffffffLL) {
    buf[0] = static_cast<char>(LONG_BINPUT);
    put_le(buf + 1, static_cast<uint64_t>(idx), 4);
    write(p, std::string_view(buf, 5));
  } else {
    return fail("memo id too large for LONG_BINPUT");
  }
  return true;
}

bool fast_save_enter(PicklerObject* p, Value obj) {
  if (++p->fast_nesting >= kFastNestingLimit) {
    if (!p->fast_memo.insert(obj.obj()).second) {
      raise_fmt(&exc_ValueError,
                "fast mode: can't pickle cyclic objects including object type {} at {}",
                type_name(obj), fmt::ptr(obj.obj()));
      p->fast_nesting = -1;
      return false;
    }
  }
  return true;
}

void fast_save_leave(PicklerObject* p, Value obj) {
  if (p->fast_nesting-- >= kFastNestingLimit) p->fast_memo.erase(obj.obj());
}

/// Leaves a recursion level on scope exit.
struct RecursionScope {
  bool entered;
  explicit RecursionScope(const char* where) : entered(enter_recursive_call(where)) {}
  ~RecursionScope() {
    if (entered) leave_recursive_call();
  }
};
constexpr const char* kWhilePickling = " while pickling an object";

bool save(PicklerObject* p, Value obj, bool pers_save = false);
bool save_reduce(PicklerObject* p, Value reduce_value, Value obj);

// ---------------------------------------------------------------- atoms

bool save_long(PicklerObject* p, Value obj) {
  int64_t val = 0;
  bool small = obj.is_small() && (val = obj.small(), val >= INT32_MIN && val <= INT32_MAX);
  if (!small && !obj.is_small()) {
    BigInt b = int_to_bigint(obj);
    if (b.fits_int64()) {
      val = b.to_int64();
      small = val >= INT32_MIN && val <= INT32_MAX;
    }
  }
  char buf[16];
  if (small) {
    if (!p->bin) {
      write(p, fmt::format("I{}\n", val));
      return true;
    }
    auto u = static_cast<uint32_t>(static_cast<int32_t>(val));
    if (u > 0xffff) {
      buf[0] = static_cast<char>(BININT);
      put_le(buf + 1, u, 4);
      write(p, std::string_view(buf, 5));
    } else if (u > 0xff) {
      buf[0] = static_cast<char>(BININT2);
      put_le(buf + 1, u, 2);
      write(p, std::string_view(buf, 3));
    } else {
      buf[0] = static_cast<char>(BININT1);
      buf[1] = static_cast<char>(u);
      write(p, std::string_view(buf, 2));
    }
    return true;
  }
  if (p->proto >= 2) {
    BigInt b = int_to_bigint(obj);
    uint64_t nbytes = (b.bit_length() >> 3) + 1;
    if (nbytes > 0x7fffffffULL) {
      raise(&exc_OverflowError, "int too large to pickle");
      return false;
    }
    std::string data;
    b.to_bytes(nbytes, true, true, &data);
    // A negative value may have one byte more than needed: all sign bits.
    if (b.is_negative() && nbytes > 1 && static_cast<unsigned char>(data[nbytes - 1]) == 0xff &&
        (static_cast<unsigned char>(data[nbytes - 2]) & 0x80) != 0) {
      data.pop_back();
    }
    if (data.size() < 256) {
      buf[0] = static_cast<char>(LONG1);
      buf[1] = static_cast<char>(data.size());
      write(p, std::string_view(buf, 2));
    } else {
      buf[0] = static_cast<char>(LONG4);
      put_le(buf + 1, data.size(), 4);
      write(p, std::string_view(buf, 5));
    }
    write(p, data);
    return true;
  }
  // Protocols 0 and 1: the decimal text with Python 2's 'L'.
  std::string text = int_to_string(obj);
  write(p, "L" + text + "L\n");
  return true;
}

bool save_float(PicklerObject* p, Value obj) {
  double x = float_value(obj);
  if (p->bin) {
    uint64_t bits;
    std::memcpy(&bits, &x, sizeof bits);
    char buf[9];
    buf[0] = static_cast<char>(BINFLOAT);
    for (int i = 0; i < 8; i++) buf[1 + i] = static_cast<char>((bits >> (56 - 8 * i)) & 0xff);
    write(p, std::string_view(buf, 9));
    return true;
  }
  std::string text;
  if (!repr_text(obj, &text)) return false;
  write(p, "F" + text + "\n");
  return true;
}

bool save_bytes_data(PicklerObject* p, Value obj, std::string_view data) {
  char header[9];
  size_t len;
  size_t size = data.size();
  if (size <= 0xff) {
    header[0] = static_cast<char>(SHORT_BINBYTES);
    header[1] = static_cast<char>(size);
    len = 2;
  } else if (size <= 0xffffffffULL) {
    header[0] = static_cast<char>(BINBYTES);
    put_le(header + 1, size, 4);
    len = 5;
  } else if (p->proto >= 4) {
    header[0] = static_cast<char>(BINBYTES8);
    put_le(header + 1, size, 8);
    len = 9;
  } else {
    raise(&exc_OverflowError,
          "serializing a bytes object larger than 4 GiB requires pickle protocol 4 or higher");
    return false;
  }
  if (!write_bytes(p, std::string_view(header, len), data, obj)) return false;
  return memo_put(p, obj);
}

bool save_bytes(PicklerObject* p, Value obj) {
  std::string_view data = static_cast<BytesObject*>(obj.obj())->data;
  if (p->proto >= 3) return save_bytes_data(p, obj, data);
  // Protocols 0-2 have no bytes opcode: codecs.encode(latin-1 text, 'latin1') reduces to
  // Python 2's str under Python 2 and to bytes under Python 3.
  Ref rv;
  if (data.empty()) {
    Ref empty = tuple_empty();
    rv = tuple_of({Value(&bytes_type), empty.get()});
  } else {
    std::string text;
    for (unsigned char c : data) utf8_append(text, c);
    Ref s = str_new(std::move(text));
    // One 'latin1' object for every bytes (CPython's is interned): memoized once per pickle.
    Ref args = tuple_of({s.get(), Value(intern("latin1"))});
    rv = tuple_of({state().codecs_encode.get(), args.get()});
  }
  return save_reduce(p, rv.get(), obj);
}

bool save_bytearray(PicklerObject* p, Value obj) {
  std::string_view data = static_cast<ByteArrayObject*>(obj.obj())->data;
  if (p->proto < 5) {
    Ref args;
    if (data.empty()) {
      args = tuple_empty();
    } else {
      Ref b = bytes_new(data);
      args = tuple_of({b.get()});
    }
    Ref rv = tuple_of({Value(&bytearray_type), args.get()});
    return save_reduce(p, rv.get(), obj);
  }
  char header[9];
  header[0] = static_cast<char>(BYTEARRAY8);
  put_le(header + 1, data.size(), 8);
  std::string copy(data);  // the bytearray may change if the file's write() runs code
  if (!write_bytes(p, std::string_view(header, 9), copy, Value())) return false;
  return memo_put(p, obj);
}

/// Protocol 0's UNICODE text: raw-unicode-escape, with '\\', '\n', '\r', NUL and ^Z escaped
/// too so that the line stays one line.
std::string raw_unicode_escape(std::string_view s) {
  static const char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(s.size());
  for (size_t pos = 0; pos < s.size();) {
    uint32_t ch = utf8_decode(s, pos);
    if (ch >= 0x10000) {
      out += "\\U";
      for (int shift = 28; shift >= 0; shift -= 4) out += kHex[(ch >> shift) & 0xF];
    } else if (ch >= 256 || ch == '\\' || ch == 0 || ch == '\n' || ch == '\r' || ch == 0x1a) {
      out += "\\u";
      for (int shift = 12; shift >= 0; shift -= 4) out += kHex[(ch >> shift) & 0xF];
    } else {
      out += static_cast<char>(ch);
    }
  }
  return out;
}

bool save_str(PicklerObject* p, Value obj) {
  // minipy's str holds UTF-8 with lone surrogates as their 3-byte forms: exactly the
  // "surrogatepass" encoding CPython writes.
  std::string_view data = as_str(obj)->view();
  if (p->bin) {
    char header[9];
    size_t len;
    size_t size = data.size();
    if (size <= 0xff && p->proto >= 4) {
      header[0] = static_cast<char>(SHORT_BINUNICODE);
      header[1] = static_cast<char>(size);
      len = 2;
    } else if (size <= 0xffffffffULL) {
      header[0] = static_cast<char>(BINUNICODE);
      put_le(header + 1, size, 4);
      len = 5;
    } else if (p->proto >= 4) {
      header[0] = static_cast<char>(BINUNICODE8);
      put_le(header + 1, size, 8);
      len = 9;
    } else {
      raise(&exc_OverflowError,
            "serializing a string larger than 4 GiB requires pickle protocol 4 or higher");
      return false;
    }
    if (!write_bytes(p, std::string_view(header, len), data, Value())) return false;
  } else {
    write_op(p, UNICODE);
    write(p, raw_unicode_escape(data));
    write(p, "\n");
  }
  return memo_put(p, obj);
}

// ---------------------------------------------------------------- containers

bool save_tuple(PicklerObject* p, Value obj) {
  TupleObject* t = as_tuple(obj);
  size_t len = t->size;
  if (len == 0) {
    if (p->proto) {
      write_op(p, EMPTY_TUPLE);
    } else {
      write(p, "(t");
    }
    return true;
  }
  Ref keep = Ref::new_ref(obj);
  static const uint8_t kLenOp[] = {EMPTY_TUPLE, TUPLE1, TUPLE2, TUPLE3};
  if (len <= 3 && p->proto >= 2) {
    for (size_t i = 0; i < len; i++)
      if (!save(p, t->at(i))) return false;
    if (p->memo.get(obj)) {
      // Recursive: the tuple was memoized while its items were saved. Drop them, fetch it.
      for (size_t i = 0; i < len; i++) write_op(p, POP);
      return memo_get(p, obj);
    }
    write_op(p, kLenOp[len]);
    return memo_put(p, obj);
  }
  write_op(p, MARK);
  for (size_t i = 0; i < len; i++)
    if (!save(p, t->at(i))) return false;
  if (p->memo.get(obj)) {
    if (p->bin) {
      write_op(p, POP_MARK);
    } else {
      for (size_t i = 0; i <= len; i++) write_op(p, POP);
    }
    return memo_get(p, obj);
  }
  write_op(p, TUPLE);
  return memo_put(p, obj);
}

/// MARK item ... APPENDS in batches of kBatchSize from an iterator (APPEND one by one for
/// protocol 0).
bool batch_list(PicklerObject* p, Value iter) {
  if (p->proto == 0) {
    for (;;) {
      Ref item = iter_next(iter);
      if (!item) return !error_pending();
      if (!save(p, item.get())) return false;
      write_op(p, APPEND);
    }
  }
  int n;
  do {
    Ref first = iter_next(iter);
    if (!first) return !error_pending();
    Ref item = iter_next(iter);
    if (!item) {
      if (error_pending()) return false;
      if (!save(p, first.get())) return false;
      write_op(p, APPEND);
      return true;
    }
    write_op(p, MARK);
    if (!save(p, first.get())) return false;
    n = 1;
    while (item) {
      if (!save(p, item.get())) return false;
      if (++n == kBatchSize) break;
      item = iter_next(iter);
      if (!item && error_pending()) return false;
    }
    write_op(p, APPENDS);
  } while (n == kBatchSize);
  return true;
}

bool batch_list_exact(PicklerObject* p, Value obj) {
  ListObject* l = as_list(obj);
  if (l->items.size() == 1) {
    Ref item = Ref::new_ref(l->items[0]);
    if (!save(p, item.get())) return false;
    write_op(p, APPEND);
    return true;
  }
  size_t total = 0;
  do {
    int batch = 0;
    write_op(p, MARK);
    while (total < l->items.size()) {
      Ref item = Ref::new_ref(l->items[total]);  // save() may run code that shrinks the list
      if (!save(p, item.get())) return false;
      total++;
      if (++batch == kBatchSize) break;
    }
    write_op(p, APPENDS);
  } while (total < l->items.size());
  return true;
}

bool save_list(PicklerObject* p, Value obj) {
  if (p->fast && !fast_save_enter(p, obj)) return false;
  Ref keep = Ref::new_ref(obj);
  bool ok = true;
  if (p->bin) {
    write_op(p, EMPTY_LIST);
  } else {
    write(p, "(l");
  }
  ok = memo_put(p, obj);
  if (ok && !as_list(obj)->items.empty()) {
    RecursionScope guard(kWhilePickling);
    if (!guard.entered) {
      ok = false;
    } else if (p->proto > 0) {
      ok = batch_list_exact(p, obj);
    } else {
      Ref it = get_iter(obj);
      ok = it && batch_list(p, it.get());
    }
  }
  if (p->fast) fast_save_leave(p, obj);
  return ok;
}

bool check_pair(Value item) {
  if (is_tuple(item) && as_tuple(item)->size == 2) return true;
  raise(&exc_TypeError, "dict items iterator must return 2-tuples");
  return false;
}

/// MARK key value ... SETITEMS in batches, from an iterator of pairs.
bool batch_dict(PicklerObject* p, Value iter) {
  if (p->proto == 0) {
    for (;;) {
      Ref item = iter_next(iter);
      if (!item) return !error_pending();
      if (!check_pair(item.get())) return false;
      if (!save(p, as_tuple(item.get())->at(0)) || !save(p, as_tuple(item.get())->at(1)))
        return false;
      write_op(p, SETITEM);
    }
  }
  int n;
  do {
    Ref first = iter_next(iter);
    if (!first) return !error_pending();
    if (!check_pair(first.get())) return false;
    Ref item = iter_next(iter);
    if (!item) {
      if (error_pending()) return false;
      if (!save(p, as_tuple(first.get())->at(0)) || !save(p, as_tuple(first.get())->at(1)))
        return false;
      write_op(p, SETITEM);
      return true;
    }
    write_op(p, MARK);
    if (!save(p, as_tuple(first.get())->at(0)) || !save(p, as_tuple(first.get())->at(1)))
      return false;
    n = 1;
    while (item) {
      if (!check_pair(item.get())) return false;
      if (!save(p, as_tuple(item.get())->at(0)) || !save(p, as_tuple(item.get())->at(1)))
        return false;
      if (++n == kBatchSize) break;
      item = iter_next(iter);
      if (!item && error_pending()) return false;
    }
    write_op(p, SETITEMS);
  } while (n == kBatchSize);
  return true;
}

bool batch_dict_exact(PicklerObject* p, Value obj) {
  DictObject* d = as_dict(obj);
  size_t size = d->used;
  size_t pos = 0;
  Value k, v;
  if (size == 1) {
    dict_next(d, &pos, &k, &v);
    Ref key = Ref::new_ref(k), value = Ref::new_ref(v);
    if (!save(p, key.get()) || !save(p, value.get())) return false;
    write_op(p, SETITEM);
    return true;
  }
  int i;
  do {
    i = 0;
    write_op(p, MARK);
    while (dict_next(d, &pos, &k, &v)) {
      Ref key = Ref::new_ref(k), value = Ref::new_ref(v);
      if (!save(p, key.get()) || !save(p, value.get())) return false;
      if (++i == kBatchSize) break;
    }
    write_op(p, SETITEMS);
    if (d->used != size) {
      raise(&exc_RuntimeError, "dictionary changed size during iteration");
      return false;
    }
  } while (i == kBatchSize);
  return true;
}

bool save_dict(PicklerObject* p, Value obj) {
  if (p->fast && !fast_save_enter(p, obj)) return false;
  Ref keep = Ref::new_ref(obj);
  bool ok;
  if (p->bin) {
    write_op(p, EMPTY_DICT);
  } else {
    write(p, "(d");
  }
  ok = memo_put(p, obj);
  if (ok && as_dict(obj)->used != 0) {
    RecursionScope guard(kWhilePickling);
    if (!guard.entered) {
      ok = false;
    } else if (p->proto > 0) {
      ok = batch_dict_exact(p, obj);
    } else {
      Ref items = call_method(obj, intern("items"), nullptr, 0);
      Ref it = items ? get_iter(items.get()) : Ref();
      ok = it && batch_dict(p, it.get());
    }
  }
  if (p->fast) fast_save_leave(p, obj);
  return ok;
}

/// Protocols 0-3 have no set opcodes: (set, ([items],)) through save_reduce.
bool save_set_by_reduce(PicklerObject* p, Value obj, TypeObject* type) {
  Ref items = list_from_iterable(obj);
  if (!items) return false;
  Ref args = tuple_of({items.get()});
  Ref rv = tuple_of({Value(type), args.get()});
  return save_reduce(p, rv.get(), obj);
}

bool save_set(PicklerObject* p, Value obj) {
  if (p->proto < 4) return save_set_by_reduce(p, obj, &set_type);
  Ref keep = Ref::new_ref(obj);
  write_op(p, EMPTY_SET);
  if (!memo_put(p, obj)) return false;
  SetObject* s = as_set(obj);
  size_t size = s->used;
  if (size == 0) return true;
  size_t pos = 0;
  Value item;
  int i;
  do {
    i = 0;
    write_op(p, MARK);
    while (set_next(s, &pos, &item)) {
      Ref held = Ref::new_ref(item);
      if (!save(p, held.get())) return false;
      if (++i == kBatchSize) break;
    }
    write_op(p, ADDITEMS);
    if (s->used != size) {
      raise(&exc_RuntimeError, "set changed size during iteration");
      return false;
    }
  } while (i == kBatchSize);
  return true;
}

bool save_frozenset(PicklerObject* p, Value obj) {
  if (p->fast && !fast_save_enter(p, obj)) return false;
  if (p->proto < 4) return save_set_by_reduce(p, obj, &frozenset_type);
  Ref keep = Ref::new_ref(obj);
  write_op(p, MARK);
  SetObject* s = as_set(obj);
  size_t pos = 0;
  Value item;
  while (set_next(s, &pos, &item)) {
    Ref held = Ref::new_ref(item);
    if (!save(p, held.get())) return false;
  }
  if (p->memo.get(obj)) {
    // Recursive (through a __reduce__ of an item): fetch it back from the memo.
    write_op(p, POP_MARK);
    return memo_get(p, obj);
  }
  write_op(p, FROZENSET);
  return memo_put(p, obj);
}

// ---------------------------------------------------------------- globals

/// name.split('.'), refusing "<locals>" (CPython's get_dotted_path).
bool dotted_path(Value obj, Value name, std::vector<std::string>* out) {
  if (!is_str(name)) {
    raise_fmt(&exc_TypeError, "attribute name must be string, not '{}'", type_name(name));
    return false;
  }
  std::string_view s = as_str(name)->view();
  out->clear();
  size_t start = 0;
  for (;;) {
    size_t dot = s.find('.', start);
    out->emplace_back(s.substr(start, dot == std::string_view::npos ? s.npos : dot - start));
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  for (const std::string& part : *out) {
    if (part != "<locals>") continue;
    std::string r;
    if (!repr_text(name, &r)) return false;
    if (!obj) {
      raise_fmt(&exc_AttributeError, "Can't pickle local object {}", r);
    } else {
      std::string o;
      if (!repr_text(obj, &o)) return false;
      raise_fmt(&exc_AttributeError, "Can't get local attribute {} on {}", r, o);
    }
    return false;
  }
  return true;
}

/// getattr along the path; *parent gets the last object looked in. Null (AttributeError or
/// another error pending) when a step fails.
Ref deep_getattr(Value obj, const std::vector<std::string>& path, Ref* parent) {
  Ref cur = Ref::new_ref(obj);
  Ref par;
  for (const std::string& name : path) {
    par = std::move(cur);
    cur = getattr(par.get(), intern(name));
    if (!cur) return Ref();
  }
  if (parent) *parent = std::move(par);
  return cur;
}

/// The module `obj` lives in: its __module__, else the first module in sys.modules (but
/// __main__) that has it at `path`, else "__main__".
Ref whichmodule(Value obj, const std::vector<std::string>& path) {
  Ref name = getattr_opt(obj, intern("__module__"));
  if (!name && error_pending()) return Ref();
  if (name && !is_none(name.get())) return name;
  Value modules = interp().modules.get();
  if (modules && is_dict(modules)) {
    std::vector<std::pair<Ref, Ref>> entries;
    size_t pos = 0;
    Value k, v;
    while (dict_next(as_dict(modules), &pos, &k, &v))
      entries.emplace_back(Ref::new_ref(k), Ref::new_ref(v));
    for (auto& [mod_name, module] : entries) {
      if (is_str(mod_name.get()) && as_str(mod_name.get())->view() == "__main__") continue;
      if (is_none(module.get())) continue;
      Ref candidate = deep_getattr(module.get(), path, nullptr);
      if (!candidate) {
        clear_exception();
        continue;
      }
      if (candidate.get() == obj) return std::move(mod_name);
    }
  }
  return str_new("__main__");
}

Ref import_module(Value name) {
  if (!is_str(name)) {
    return raise_fmt(&exc_TypeError, "module name must be str, not {}", type_name(name));
  }
  return vm::import_module_absolute(std::string(as_str(name)->view()));
}

/// Protocols 0-2 with fix_imports: Python 3 names to their Python 2 spellings.
bool fix_imports_3to2(Ref* module_name, Ref* global_name) {
  State& st = state();
  Ref key = tuple_of({module_name->get(), global_name->get()});
  Value item = dict_get(as_dict(st.name_mapping_3to2.get()), key.get());
  if (item) {
    if (!is_tuple(item) || as_tuple(item)->size != 2) {
      raise_fmt(&exc_RuntimeError,
                "_compat_pickle.REVERSE_NAME_MAPPING values should be 2-tuples, not {}",
                type_name(item));
      return false;
    }
    Value m = as_tuple(item)->at(0), g = as_tuple(item)->at(1);
    if (!is_str(m) || !is_str(g)) {
      raise_fmt(&exc_RuntimeError,
                "_compat_pickle.REVERSE_NAME_MAPPING values should be pairs of str, not ({}, {})",
                type_name(m), type_name(g));
      return false;
    }
    *module_name = Ref::new_ref(m);
    *global_name = Ref::new_ref(g);
    return true;
  }
  if (error_pending()) return false;
  item = dict_get(as_dict(st.import_mapping_3to2.get()), module_name->get());
  if (item) {
    if (!is_str(item)) {
      raise_fmt(&exc_RuntimeError,
                "_compat_pickle.REVERSE_IMPORT_MAPPING values should be strings, not {}",
                type_name(item));
      return false;
    }
    *module_name = Ref::new_ref(item);
    return true;
  }
  return !error_pending();
}

std::string repr_or_empty(Value v) {
  std::string r;
  if (!repr_text(v, &r)) clear_exception();
  return r;
}
std::string str_or_empty(Value v) {
  std::string r;
  if (!str_text(v, &r)) clear_exception();
  return r;
}

bool save_global(PicklerObject* p, Value obj, Value name) {
  State& st = state();
  Ref global_name;
  if (name) {
    global_name = Ref::new_ref(name);
  } else {
    global_name = getattr_opt(obj, intern("__qualname__"));
    if (!global_name && error_pending()) return false;
    if (!global_name) {
      global_name = getattr(obj, intern("__name__"));
      if (!global_name) return false;
    }
  }
  std::vector<std::string> path;
  if (!dotted_path(Value(), global_name.get(), &path)) return false;
  Ref module_name = whichmodule(obj, path);
  if (!module_name) return false;
  Ref module = import_module(module_name.get());
  if (!module) {
    return fail(fmt::format("Can't pickle {}: import of module {} failed", repr_or_empty(obj),
                            repr_or_empty(module_name.get())));
  }
  Ref parent;
  Ref found = deep_getattr(module.get(), path, &parent);
  if (!found) {
    return fail(fmt::format("Can't pickle {}: attribute lookup {} on {} failed", repr_or_empty(obj),
                            str_or_empty(global_name.get()), str_or_empty(module_name.get())));
  }
  if (found.get() != obj) {
    return fail(fmt::format("Can't pickle {}: it's not the same object as {}.{}",
                            repr_or_empty(obj), str_or_empty(module_name.get()),
                            str_or_empty(global_name.get())));
  }
  if (p->proto >= 2) {
    // A registered extension code is written instead of the names.
    Ref key = tuple_of({module_name.get(), global_name.get()});
    Value code_obj = dict_get(as_dict(st.extension_registry.get()), key.get());
    if (!code_obj && error_pending()) return false;
    if (code_obj) {
      if (!is_int(code_obj)) {
        return fail(fmt::format("Can't pickle {}: extension code {} isn't an integer",
                                repr_or_empty(obj), repr_or_empty(code_obj)));
      }
      int64_t code = 0;
      if (!int_to_int64(code_obj, &code)) return false;
      if (code <= 0 || code > 0x7fffffffLL) {
        return fail(fmt::format("Can't pickle {}: extension code {} is out of range",
                                repr_or_empty(obj), code));
      }
      char buf[5];
      if (code <= 0xff) {
        buf[0] = static_cast<char>(EXT1);
        buf[1] = static_cast<char>(code);
        write(p, std::string_view(buf, 2));
      } else if (code <= 0xffff) {
        buf[0] = static_cast<char>(EXT2);
        put_le(buf + 1, static_cast<uint64_t>(code), 2);
        write(p, std::string_view(buf, 3));
      } else {
        buf[0] = static_cast<char>(EXT4);
        put_le(buf + 1, static_cast<uint64_t>(code), 4);
        write(p, std::string_view(buf, 5));
      }
      return true;
    }
  }
  if (parent.get() == module.get()) global_name = str_new(path.back());
  if (p->proto >= 4) {
    if (!save(p, module_name.get()) || !save(p, global_name.get())) return false;
    write_op(p, STACK_GLOBAL);
  } else if (parent.get() != module.get()) {
    // A nested name under protocols 0-3: getattr(parent, last).
    Ref last = str_new(path.back());
    Ref args = tuple_of({parent.get(), last.get()});
    Ref rv = tuple_of({st.getattr.get(), args.get()});
    if (!save_reduce(p, rv.get(), Value())) return false;
  } else {
    if (p->proto < 3 && p->fix_imports && !fix_imports_3to2(&module_name, &global_name))
      return false;
    if (!is_str(module_name.get()) || !is_str(global_name.get())) {
      raise(&exc_TypeError, "module and global names must be str");
      return false;
    }
    // Protocol 3 writes UTF-8; 0-2 stay readable by Python 2: ASCII only.
    std::string_view m = as_str(module_name.get())->view();
    std::string_view g = as_str(global_name.get())->view();
    if (p->proto != 3) {
      auto ascii = [](std::string_view s) {
        for (unsigned char c : s)
          if (c >= 0x80) return false;
        return true;
      };
      if (!ascii(m)) {
        return fail(fmt::format("can't pickle module identifier '{}' using pickle protocol {}", m,
                                p->proto));
      }
      if (!ascii(g)) {
        return fail(fmt::format("can't pickle global identifier '{}' using pickle protocol {}", g,
                                p->proto));
      }
    }
    write_op(p, GLOBAL);
    write(p, m);
    write(p, "\n");
    write(p, g);
    write(p, "\n");
  }
  return memo_put(p, obj);
}

/// type(None), type(...), type(NotImplemented): reduced to type(singleton).
bool save_type(PicklerObject* p, Value obj) {
  Value singleton;
  if (obj == Value(&none_type)) {
    singleton = None();
  } else if (obj == Value(&ellipsis_type)) {
    singleton = Ellipsis();
  } else if (obj == Value(&not_implemented_type)) {
    singleton = NotImplemented();
  } else {
    return save_global(p, obj, Value());
  }
  Ref args = tuple_of({singleton});
  Ref rv = tuple_of({Value(&type_type), args.get()});
  return save_reduce(p, rv.get(), obj);
}

// ---------------------------------------------------------------- reduce

bool is_iterator(Value v) { return type_of(v)->iternext != nullptr; }

bool save_reduce(PicklerObject* p, Value rv, Value obj) {
  TupleObject* t = as_tuple(rv);
  size_t size = t->size;
  if (size < 2 || size > 6)
    return fail("tuple returned by __reduce__ must contain 2 through 6 elements");
  Ref keep = Ref::new_ref(rv);
  Value callable_obj = t->at(0);
  Value argtup = t->at(1);
  Value st = size > 2 ? t->at(2) : None();
  Value listitems = size > 3 ? t->at(3) : None();
  Value dictitems = size > 4 ? t->at(4) : None();
  Value state_setter = size > 5 ? t->at(5) : None();

  if (!callable(callable_obj))
    return fail("first item of the tuple returned by __reduce__ must be callable");
  if (!is_tuple(argtup))
    return fail("second item of the tuple returned by __reduce__ must be a tuple");
  if (is_none(st)) st = Value();
  if (is_none(listitems)) {
    listitems = Value();
  } else if (!is_iterator(listitems)) {
    return fail(fmt::format(
        "fourth element of the tuple returned by __reduce__ must be an iterator, not {}",
        type_name(listitems)));
  }
  if (is_none(dictitems)) {
    dictitems = Value();
  } else if (!is_iterator(dictitems)) {
    return fail(
        fmt::format("fifth element of the tuple returned by __reduce__ must be an iterator, not {}",
                    type_name(dictitems)));
  }
  if (is_none(state_setter)) {
    state_setter = Value();
  } else if (!callable(state_setter)) {
    return fail(
        fmt::format("sixth element of the tuple returned by __reduce__ must be a function, not {}",
                    type_name(state_setter)));
  }

  bool use_newobj = false, use_newobj_ex = false;
  if (p->proto >= 2) {
    Ref name = getattr_opt(callable_obj, intern("__name__"));
    if (!name && error_pending()) return false;
    if (name && is_str(name.get())) {
      std::string_view n = as_str(name.get())->view();
      use_newobj_ex = n == "__newobj_ex__";
      use_newobj = n == "__newobj__";
    }
  }
  TupleObject* args = as_tuple(argtup);
  if (use_newobj_ex) {
    if (args->size != 3) {
      return fail(fmt::format("length of the NEWOBJ_EX argument tuple must be exactly 3, not {}",
                              args->size));
    }
    Value cls = args->at(0), cargs = args->at(1), kwargs = args->at(2);
    if (!isinstance(cls, &type_type)) {
      return fail(fmt::format("first item from NEWOBJ_EX argument tuple must be a class, not {}",
                              type_name(cls)));
    }
    if (!is_tuple(cargs)) {
      return fail(fmt::format("second item from NEWOBJ_EX argument tuple must be a tuple, not {}",
                              type_name(cargs)));
    }
    if (!is_dict(kwargs)) {
      return fail(fmt::format("third item from NEWOBJ_EX argument tuple must be a dict, not {}",
                              type_name(kwargs)));
    }
    if (p->proto >= 4) {
      if (!save(p, cls) || !save(p, cargs) || !save(p, kwargs)) return false;
      write_op(p, NEWOBJ_EX);
    } else {
      // partial(cls.__new__, cls, *args, **kwargs)() through REDUCE.
      Ref cls_new = getattr(cls, intern("__new__"));
      if (!cls_new) return false;
      TupleObject* ca = as_tuple(cargs);
      Ref newargs = tuple_new(ca->size + 2);
      tuple_set_steal(as_tuple(newargs.get()), 0, cls_new.release());
      tuple_set_steal(as_tuple(newargs.get()), 1, Ref::new_ref(cls).release());
      for (size_t i = 0; i < ca->size; i++)
        tuple_set_steal(as_tuple(newargs.get()), i + 2, Ref::new_ref(ca->at(i)).release());
      if (!state().partial) {  // embedded-only mode: CPython's functools is not there
        Ref functools = vm::import_module_absolute("functools");
        if (!functools) return false;
        state().partial = getattr(functools.get(), intern("partial"));
        if (!state().partial) return false;
      }
      Ref partial = call_tuple_dict(state().partial.get(), newargs.get(), kwargs);
      if (!partial) return false;
      Ref empty = tuple_empty();
      if (!save(p, partial.get()) || !save(p, empty.get())) return false;
      write_op(p, REDUCE);
    }
  } else if (use_newobj) {
    if (args->size < 1) return fail("__newobj__ arglist is empty");
    Value cls = args->at(0);
    if (!isinstance(cls, &type_type)) return fail("args[0] from __newobj__ args is not a type");
    if (obj) {
      Ref obj_class = getattr(obj, intern("__class__"));
      if (!obj_class) return false;
      if (obj_class.get() != cls) return fail("args[0] from __newobj__ args has the wrong class");
    }
    if (!save(p, cls)) return false;
    Ref rest = tuple_from(args->items() + 1, args->size - 1);
    if (!save(p, rest.get())) return false;
    write_op(p, NEWOBJ);
  } else {
    if (!save(p, callable_obj) || !save(p, argtup)) return false;
    write_op(p, REDUCE);
  }

  if (obj) {
    if (p->memo.get(obj)) {
      // Recursive: the object was pickled while its arguments were. Drop the copy just made.
      write_op(p, POP);
      return memo_get(p, obj);
    }
    if (!memo_put(p, obj)) return false;
  }
  if (listitems && !batch_list(p, listitems)) return false;
  if (dictitems && !batch_dict(p, dictitems)) return false;
  if (st) {
    if (!state_setter) {
      if (!save(p, st)) return false;
      write_op(p, BUILD);
    } else {
      // state_setter(obj, state) through REDUCE, its result dropped.
      if (!save(p, state_setter) || !save(p, obj) || !save(p, st)) return false;
      write_op(p, TUPLE2);
      write_op(p, REDUCE);
      write_op(p, POP);
    }
  }
  return true;
}

bool save_pers(PicklerObject* p, Value obj, bool* saved) {
  *saved = false;
  Ref pid = call1(p->pers_func.get(), obj);
  if (!pid) return false;
  if (is_none(pid.get())) return true;
  if (p->bin) {
    if (!save(p, pid.get(), true)) return false;
    write_op(p, BINPERSID);
  } else {
    Ref text = to_str(pid.get());
    if (!text) return false;
    std::string_view s = as_str(text.get())->view();
    for (unsigned char c : s)
      if (c >= 0x80) return fail("persistent IDs in protocol 0 must be ASCII strings");
    write_op(p, PERSID);
    write(p, s);
    write(p, "\n");
  }
  *saved = true;
  return true;
}

bool save(PicklerObject* p, Value obj, bool pers_save) {
  if (!opcode_boundary(p)) return false;
  if (!pers_save && p->pers_func) {
    bool saved;
    if (!save_pers(p, obj, &saved)) return false;
    if (saved) return true;
  }
  TypeObject* type = type_of(obj);
  // Atoms are never memoized.
  if (obj == None()) {
    write_op(p, NONE);
    return true;
  }
  if (type == &bool_type) {
    if (p->proto >= 2) {
      write_op(p, obj == True() ? NEWTRUE : NEWFALSE);
    } else {
      write(p, obj == True() ? "I01\n" : "I00\n");
    }
    return true;
  }
  if (type == &int_type) return save_long(p, obj);
  if (type == &float_type) return save_float(p, obj);

  if (p->memo.get(obj)) return memo_get(p, obj);
  if (type == &bytes_type) return save_bytes(p, obj);
  if (type == &str_type) return save_str(p, obj);

  RecursionScope guard(kWhilePickling);
  if (!guard.entered) return false;
  if (type == &dict_type) return save_dict(p, obj);
  if (type == &set_type) return save_set(p, obj);
  if (type == &frozenset_type) return save_frozenset(p, obj);
  if (type == &list_type) return save_list(p, obj);
  if (type == &tuple_type) return save_tuple(p, obj);
  if (type == &bytearray_type) return save_bytearray(p, obj);

  Ref reduce_value;
  if (p->reducer_override) {
    reduce_value = call1(p->reducer_override.get(), obj);
    if (!reduce_value) return false;
    if (reduce_value.get() == NotImplemented()) reduce_value.reset();
  }
  if (!reduce_value) {
    if (type == &type_type) return save_type(p, obj);
    if (type == &vm::function_type) return save_global(p, obj, Value());

    // The reduction: the pickler's dispatch_table (or copyreg's), then __reduce_ex__(proto),
    // then __reduce__().
    Ref reduce_func;
    if (!p->dispatch_table) {
      Value f = dict_get(as_dict(state().dispatch_table.get()), Value(type));
      if (!f && error_pending()) return false;
      if (f) reduce_func = Ref::new_ref(f);
    } else {
      reduce_func = getitem(p->dispatch_table.get(), Value(type));
      if (!reduce_func) {
        if (!exception_matches(&exc_KeyError)) return false;
        clear_exception();
      }
    }
    if (reduce_func) {
      reduce_value = call1(reduce_func.get(), obj);
    } else if (is_subtype(type, &type_type)) {
      return save_global(p, obj, Value());
    } else {
      Ref reduce_ex = getattr_opt(obj, intern("__reduce_ex__"));
      if (!reduce_ex && error_pending()) return false;
      if (reduce_ex) {
        Ref proto = Ref::small(p->proto);
        reduce_value = call1(reduce_ex.get(), proto.get());
      } else {
        Ref reduce = getattr_opt(obj, intern("__reduce__"));
        if (!reduce && error_pending()) return false;
        if (!reduce) {
          return fail(fmt::format("can't pickle '{}' object: {}", type->name, repr_or_empty(obj)));
        }
        reduce_value = call0(reduce.get());
      }
    }
    if (!reduce_value) return false;
  }
  if (is_str(reduce_value.get())) return save_global(p, obj, reduce_value.get());
  if (!is_tuple(reduce_value.get())) return fail("__reduce__ must return a string or tuple");
  return save_reduce(p, reduce_value.get(), obj);
}

}  // namespace

bool pickler_flush(PicklerObject* p) { return flush_to_file(p); }

bool pickler_dump(PicklerObject* p, Value obj) {
  Ref override = getattr_opt(Value(p), intern("reducer_override"));
  if (!override && error_pending()) return false;
  p->reducer_override = std::move(override);
  bool ok = true;
  if (p->proto >= 2) {
    char header[2] = {static_cast<char>(PROTO), static_cast<char>(p->proto)};
    write(p, std::string_view(header, 2));
    if (p->proto >= 4) p->framing = true;
  }
  ok = save(p, obj);
  if (ok) {
    write_op(p, STOP);
    commit_frame(p);
  }
  p->framing = false;
  p->frame_start = -1;
  // The bound reducer_override refers to the pickler: dropped so the memo's objects are not
  // kept alive by a cycle.
  p->reducer_override.reset();
  return ok;
}

bool pickler_setup(PicklerObject* p, Value protocol, bool fix_imports, Value file,
                   Value buffer_callback) {
  int64_t proto = kDefaultProtocol;
  if (protocol && !is_none(protocol)) {
    if (!index_int64(protocol, &proto)) return false;
    if (proto < 0) {
      proto = kHighestProtocol;
    } else if (proto > kHighestProtocol) {
      raise_fmt(&exc_ValueError, "pickle protocol must be <= {}", kHighestProtocol);
      return false;
    }
  }
  p->proto = static_cast<int>(proto);
  p->bin = proto > 0;
  p->fix_imports = fix_imports && proto < 3;
  if (file) {
    Ref write_fn = getattr_opt(file, intern("write"));
    if (!write_fn) {
      if (!error_pending()) raise(&exc_TypeError, "file must have a 'write' attribute");
      return false;
    }
    p->write = std::move(write_fn);
  }
  if (buffer_callback && is_none(buffer_callback)) buffer_callback = Value();
  if (buffer_callback && p->proto < 5) {
    raise(&exc_ValueError, "buffer_callback needs protocol >= 5");
    return false;
  }
  p->buffer_callback = buffer_callback ? Ref::new_ref(buffer_callback) : Ref();
  p->out.clear();
  p->frame_start = -1;
  p->framing = false;
  p->fast = 0;
  p->fast_nesting = 0;
  p->fast_memo.clear();
  return true;
}

}  // namespace minipy::lib::pickle
