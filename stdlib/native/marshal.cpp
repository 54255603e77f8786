// marshal: CPython's internal serialisation format (version 4), for the values it can hold:
// None, bools, StopIteration, Ellipsis, int, float, complex, str, bytes-likes, tuple, list, dict,
// set and frozenset. Data written by CPython loads here, data written here loads in CPython.
//
// Code objects are the exception: CPython marshals its own bytecode, which minipy cannot run, so
// loads() of CPython's code ('c') is a ValueError saying so. minipy's code objects are written
// under a type code of their own ('m', unused by CPython): the code format version, then the unit
// as vm/code_cache.h serialises it. The .pyc files of the compiled-code cache hold these (named by
// sys.implementation.cache_tag, which carries the same version; importlib and minipy's native
// import share them); data from another build is a ValueError, never run.
//
// Back-references: loads() follows them (CPython flags objects it has seen more than once).
// dumps() writes none: CPython decides by reference counts, so its bytes are not reproducible
// either; every reader accepts data without them.
#include <array>
#include <cmath>
#include <cstring>
#include <string>
#include <vector>

#include "runtime/bigint.h"
#include "runtime/errors.h"
#include "runtime/objects/bytes.h"
#include "runtime/objects/complex.h"
#include "runtime/objects/dict.h"
#include "runtime/objects/float.h"
#include "runtime/objects/int.h"
#include "runtime/objects/list.h"
#include "runtime/objects/native.h"
#include "runtime/objects/native_sig.h"
#include "runtime/objects/set.h"
#include "runtime/objects/singletons.h"
#include "runtime/objects/str.h"
#include "runtime/objects/tuple.h"
#include "runtime/ops.h"
#include "stdlib/native/codecs_core.h"
#include "vm/code.h"
#include "vm/code_cache.h"

namespace minipy::lib {

using namespace rt;

namespace {

constexpr int kVersion = 4;
constexpr int kMaxDepth = 2000;  // CPython's MAX_MARSHAL_STACK_DEPTH
constexpr uint8_t kFlagRef = 0x80;

// Type codes (CPython's marshal.c names them TYPE_*).
enum : uint8_t {
  kNull = '0',
  kNone = 'N',
  kFalse = 'F',
  kTrue = 'T',
  kStopIter = 'S',
  kEllipsis = '.',
  kInt = 'i',
  kLong = 'l',
  kFloatText = 'f',
  kFloat = 'g',
  kComplexText = 'x',
  kComplex = 'y',
  kBytes = 's',
  kInterned = 't',
  kRef = 'r',
  kTuple = '(',
  kSmallTuple = ')',
  kList = '[',
  kDict = '{',
  kCode = 'c',
  kMinipyCode = vm::kMarshalCodeType,  // minipy's own (see the top of this file)
  kUnicode = 'u',
  kSet = '<',
  kFrozenSet = '>',
  kAscii = 'a',
  kAsciiInterned = 'A',
  kShortAscii = 'z',
  kShortAsciiInterned = 'Z',
};

// ---- writing ----

struct Writer {
  std::string out;
  int version;
  enum Error { kOk, kUnmarshallable, kTooDeep } error = kOk;  // the last one found

  void byte(uint8_t b) { out.push_back(static_cast<char>(b)); }
  void i32(int64_t v) {
    uint32_t u = static_cast<uint32_t>(v);
    for (int i = 0; i < 4; i++) byte(static_cast<uint8_t>(u >> (8 * i)));
  }
  void f64(double d) {
    uint64_t u;
    std::memcpy(&u, &d, 8);
    for (int i = 0; i < 8; i++) byte(static_cast<uint8_t>(u >> (8 * i)));
  }
  void sized(std::string_view s) {
    i32(static_cast<int64_t>(s.size()));
    out.append(s);
  }
};

/// Longs are written as base-2**15 digits, least significant first, after the signed digit
/// count: the format predates CPython's 30-bit digits and was kept.
void write_long(Writer& w, const BigInt& b) {
  const std::vector<BigInt::Limb>& mag = b.magnitude();
  std::vector<uint16_t> digits;
  uint64_t acc = 0;
  int bits = 0;
  for (BigInt::Limb limb : mag) {
    acc |= static_cast<uint64_t>(limb) << bits;
    bits += 32;
    while (bits >= 15) {
      digits.push_back(static_cast<uint16_t>(acc & 0x7FFF));
      acc >>= 15;
      bits -= 15;
    }
  }
  if (bits > 0) digits.push_back(static_cast<uint16_t>(acc & 0x7FFF));
  while (!digits.empty() && digits.back() == 0) digits.pop_back();
  w.byte(kLong);
  int64_t n = static_cast<int64_t>(digits.size());
  w.i32(b.is_negative() ? -n : n);
  for (uint16_t d : digits) {
    w.byte(static_cast<uint8_t>(d & 0xFF));
    w.byte(static_cast<uint8_t>(d >> 8));
  }
}

void write_str(Writer& w, StrObject* s) {
  std::string_view data = s->view();
  if (w.version >= 4 && s->ascii) {
    if (data.size() < 256) {
      w.byte(s->interned ? kShortAsciiInterned : kShortAscii);
      w.byte(static_cast<uint8_t>(data.size()));
      w.out.append(data);
    } else {
      w.byte(s->interned ? kAsciiInterned : kAscii);
      w.sized(data);
    }
    return;
  }
  // minipy keeps text as UTF-8 with lone surrogates encoded as CPython's "surrogatepass" does.
  w.byte(s->interned && w.version >= 1 ? kInterned : kUnicode);
  w.sized(data);
}

/// A container whose items are being written. The writer keeps these on a heap stack instead of
/// recursing, so that the depth limit, not the native stack, bounds nesting (2000 levels of
/// recursion overflow the stack under AddressSanitizer and in small thread stacks).
struct WriteFrame {
  Ref keep;                      // the container, or a list's snapshot: alive while written
  const Value* items = nullptr;  // tuple / list snapshot
  size_t n = 0;
  DictObject* dict = nullptr;
  SetObject* set = nullptr;
  size_t pos = 0;           // next item (tuple, list) or iteration position (dict, set)
  Value pending_value;      // dict: the value of the key just written
  bool dict_ended = false;  // dict: its NULL end marker has been handed out
};

/// Writes `v` if it is an atom; for a container writes its header and returns the frame that
/// writes its items (an empty frame when `v` is not a container).
WriteFrame write_one(Writer& w, Value v) {
  WriteFrame f;
  TypeObject* t = type_of(v);
  if (is_none(v)) {
    w.byte(kNone);
  } else if (v == True()) {
    w.byte(kTrue);
  } else if (v == False()) {
    w.byte(kFalse);
  } else if (v == Ellipsis()) {
    w.byte(kEllipsis);
  } else if (v.is_object() && v.obj() == reinterpret_cast<Object*>(&exc_StopIteration)) {
    w.byte(kStopIter);
  } else if (t == &int_type) {
    int64_t small;
    if (int_to_int64(v, &small) && small >= INT32_MIN && small <= INT32_MAX) {
      w.byte(kInt);
      w.i32(small);
    } else {
      clear_exception();
      write_long(w, int_to_bigint(v));
    }
  } else if (t == &float_type) {
    if (w.version > 1) {
      w.byte(kFloat);
      w.f64(float_value(v));
    } else {
      Ref r = repr(v);
      if (!r) {
        clear_exception();
        w.error = Writer::kUnmarshallable;
      } else {
        w.byte(kFloatText);
        w.byte(static_cast<uint8_t>(as_str(r.get())->view().size()));
        w.out.append(as_str(r.get())->view());
      }
    }
  } else if (t == &complex_type) {
    w.byte(kComplex);
    w.f64(complex_value(v).real);
    w.f64(complex_value(v).imag);
  } else if (t == &str_type) {
    write_str(w, as_str(v));
  } else if (t == &tuple_type) {
    TupleObject* tup = as_tuple(v);
    if (w.version >= 4 && tup->size < 256) {
      w.byte(kSmallTuple);
      w.byte(static_cast<uint8_t>(tup->size));
    } else {
      w.byte(kTuple);
      w.i32(static_cast<int64_t>(tup->size));
    }
    f.keep = Ref::new_ref(v);
    f.items = tup->items();
    f.n = tup->size;
  } else if (t == &list_type) {
    // A snapshot: writing an item runs no code, but keep the items alive all the same.
    f.keep = tuple_from(as_list(v)->items.data(), as_list(v)->items.size());
    w.byte(kList);
    w.i32(static_cast<int64_t>(as_tuple(f.keep.get())->size));
    f.items = as_tuple(f.keep.get())->items();
    f.n = as_tuple(f.keep.get())->size;
  } else if (t == &dict_type) {
    w.byte(kDict);
    f.keep = Ref::new_ref(v);
    f.dict = as_dict(v);
  } else if (t == &set_type || t == &frozenset_type) {
    w.byte(t == &set_type ? kSet : kFrozenSet);
    w.i32(static_cast<int64_t>(set_size(as_set(v))));
    f.keep = Ref::new_ref(v);
    f.set = as_set(v);
  } else if (std::string_view buf; buffer_view(v, &buf)) {
    w.byte(kBytes);
    w.sized(buf);
  } else if (t == &vm::code_type) {
    // The encoding the compiled-code cache writes into .pyc files (vm/code_cache.h), type code
    // included: one writer for both.
    if (!vm::marshal_code_unit(*vm::as_code(v)->unit, &w.out)) w.error = Writer::kUnmarshallable;
  } else {
    clear_exception();
    w.error = Writer::kUnmarshallable;
  }
  return f;
}

/// The next value a container frame writes, or false when it has written them all. A dict ends
/// with a NULL written at its items' depth, as CPython writes it (so a dict at the depth limit
/// is too deep even when empty): `*null_end` says that the value is that NULL.
bool next_item(WriteFrame& f, Value* out, bool* null_end) {
  *null_end = false;
  if (f.dict != nullptr) {
    if (f.pending_value) {
      *out = f.pending_value;
      f.pending_value = Value();
      return true;
    }
    if (f.dict_ended) return false;
    Value key, value;
    if (dict_next(f.dict, &f.pos, &key, &value)) {
      *out = key;
      f.pending_value = value;
      return true;
    }
    f.dict_ended = true;
    *null_end = true;
    return true;
  }
  if (f.set != nullptr) {
    Value key;
    if (!set_next(f.set, &f.pos, &key)) return false;
    *out = key;
    return true;
  }
  if (f.pos >= f.n) return false;
  *out = f.items[f.pos++];
  return true;
}

/// Writes `root` depth-first. As CPython's writer, it goes on after an error (only the bytes
/// are dropped) and the last error found is the one reported: [object(), <too deep>] is "too
/// deeply nested", [<too deep>, object()] is "unmarshallable".
void write_value(Writer& w, Value root) {
  std::vector<WriteFrame> stack;
  Value v = root;
  bool null_end = false;
  for (;;) {
    // The value about to be written is at depth stack.size() + 1 (the root is at depth 1).
    if (stack.size() + 1 > static_cast<size_t>(kMaxDepth)) {
      w.error = Writer::kTooDeep;
    } else if (null_end) {
      w.byte(kNull);
    } else {
      WriteFrame f = write_one(w, v);
      if (f.keep) stack.push_back(std::move(f));
    }
    for (;;) {
      if (stack.empty()) return;
      if (next_item(stack.back(), &v, &null_end)) break;
      stack.pop_back();
    }
  }
}

Ref dumps_value(Value v, int64_t version) {
  Writer w;
  w.version = static_cast<int>(version);
  write_value(w, v);
  if (error_pending()) return Ref();
  if (w.error == Writer::kTooDeep)
    return raise(&exc_ValueError, "object too deeply nested to marshal");
  if (w.error == Writer::kUnmarshallable) return raise(&exc_ValueError, "unmarshallable object");
  return bytes_new(w.out);
}

// ---- reading ----

struct Reader {
  std::string_view data;
  size_t pos = 0;
  std::vector<Ref> refs;  // objects flagged for back-reference, in order of appearance

  bool need(size_t n) {
    if (data.size() - pos >= n) return true;
    raise(&exc_EOFError, "marshal data too short");
    return false;
  }
  bool byte(uint8_t* out) {
    if (!need(1)) return false;
    *out = static_cast<uint8_t>(data[pos++]);
    return true;
  }
  bool i32(int32_t* out) {
    if (!need(4)) return false;
    uint32_t u = 0;
    for (int i = 0; i < 4; i++)
      u |= static_cast<uint32_t>(static_cast<uint8_t>(data[pos + i])) << (8 * i);
    pos += 4;
    *out = static_cast<int32_t>(u);
    return true;
  }
  bool f64(double* out) {
    if (!need(8)) return false;
    uint64_t u = 0;
    for (int i = 0; i < 8; i++)
      u |= static_cast<uint64_t>(static_cast<uint8_t>(data[pos + i])) << (8 * i);
    pos += 8;
    std::memcpy(out, &u, 8);
    return true;
  }
  bool bytes(size_t n, std::string_view* out) {
    if (!need(n)) return false;
    *out = data.substr(pos, n);
    pos += n;
    return true;
  }
  bool sized(std::string_view* out) {
    int32_t n;
    if (!i32(&n)) return false;
    if (n < 0) {
      raise(&exc_ValueError, "bad marshal data (bytes object size out of range)");
      return false;
    }
    return bytes(static_cast<size_t>(n), out);
  }
};

Ref bad(const char* what) { return raise_fmt(&exc_ValueError, "bad marshal data ({})", what); }

Ref read_object(Reader& r);

Ref read_long(Reader& r) {
  int32_t n;
  if (!r.i32(&n)) return Ref();
  if (n < -(1 << 24) || n > (1 << 24)) return bad("long size out of range");
  size_t count = static_cast<size_t>(n < 0 ? -static_cast<int64_t>(n) : n);
  std::vector<BigInt::Limb> limbs;
  uint64_t acc = 0;
  int bits = 0;
  for (size_t i = 0; i < count; i++) {
    std::string_view d;
    if (!r.bytes(2, &d)) return Ref();
    uint32_t digit =
        static_cast<uint8_t>(d[0]) | (static_cast<uint32_t>(static_cast<uint8_t>(d[1])) << 8);
    if (digit > 0x7FFF) return bad("digit out of range in long");
    if (digit == 0 && i + 1 == count) return bad("unnormalized long data");
    acc |= static_cast<uint64_t>(digit) << bits;
    bits += 15;
    if (bits >= 32) {
      limbs.push_back(static_cast<BigInt::Limb>(acc & 0xFFFFFFFFu));
      acc >>= 32;
      bits -= 32;
    }
  }
  if (bits > 0) limbs.push_back(static_cast<BigInt::Limb>(acc));
  while (!limbs.empty() && limbs.back() == 0) limbs.pop_back();
  return int_from_bigint(BigInt::from_limbs(n < 0, std::move(limbs)));
}

Ref read_float_text(Reader& r) {
  uint8_t n;
  std::string_view text;
  if (!r.byte(&n) || !r.bytes(n, &text)) return Ref();
  Ref s = str_new(text);
  return call(Value(&float_type), std::array<Value, 1>{s.get()}.data(), 1);
}

Ref read_text(Reader& r, std::string_view bytes, bool ascii, bool interned) {
  Ref s;
  if (ascii) {
    for (char c : bytes) {
      if (static_cast<uint8_t>(c) >= 0x80) return bad("non-ASCII byte in ASCII string");
    }
    s = str_new(bytes);
  } else {
    int64_t consumed = 0;
    Ref input = bytes_new(bytes);  // what a UnicodeDecodeError reports
    s = codecs::utf8_decode(input.get(), bytes, "surrogatepass", true, &consumed);
  }
  if (!s) return s;
  if (interned) s = intern_ref(std::move(s));
  return s;
}

/// Every item takes at least a byte, so a count beyond the data left would end in a missing
/// item: report that EOF now instead of allocating for the count first.
bool count_fits(Reader& r, int64_t n, const char* what) {
  if (n < 0) {
    bad(what);
    return false;
  }
  if (static_cast<uint64_t>(n) <= r.data.size() - r.pos) return true;
  raise(&exc_EOFError, "EOF read where object expected");
  return false;
}

/// A container being filled. The reader keeps these on a heap stack instead of recursing, so
/// that the depth limit, not the native stack, bounds nesting.
struct ReadFrame {
  uint8_t code = 0;  // kTuple (small tuples too), kList, kDict, kSet or kFrozenSet
  Ref container;
  int64_t count = 0;       // items still to read (a dict reads until its NULL)
  int64_t next = 0;        // tuple: the slot the next item fills
  size_t slot = SIZE_MAX;  // back-reference slot, SIZE_MAX when not flagged
  Ref key;                 // dict: the key whose value comes next
  bool ended = false;      // dict: its NULL has been read
};

/// Starts the container for `code`: reads its count, makes it and registers it for
/// back-references before its items, which may refer to it (as CPython allows). False with the
/// exception set on bad data; `f->container` stays unset when `code` is not a container.
bool start_container(Reader& r, uint8_t code, size_t slot, ReadFrame* f) {
  int64_t n = 0;
  f->code = code;
  f->slot = slot;
  if (code == kSmallTuple) {
    uint8_t len;
    if (!r.byte(&len)) return false;
    n = len;
    f->code = kTuple;
  } else if (code == kTuple || code == kList || code == kSet || code == kFrozenSet) {
    int32_t n32;
    if (!r.i32(&n32)) return false;
    n = n32;
  } else if (code != kDict) {
    return true;
  }
  switch (f->code) {
    case kTuple:
      if (!count_fits(r, n, "tuple size out of range")) return false;
      f->container = tuple_new(static_cast<size_t>(n));
      break;
    case kList:
      if (!count_fits(r, n, "list size out of range")) return false;
      f->container = list_new(static_cast<size_t>(n));
      break;
    case kSet:
    case kFrozenSet:
      if (!count_fits(r, n, "set size out of range")) return false;
      f->container = set_new(f->code == kFrozenSet ? &frozenset_type : &set_type);
      if (!f->container) return false;
      break;
    default:
      f->container = dict_new();
      break;
  }
  f->count = n;
  // A frozenset is registered once complete (CPython's delayed registration: an item that
  // refers to its own frozenset is an invalid reference).
  if (slot != SIZE_MAX && f->code != kFrozenSet) r.refs[slot] = f->container.dup();
  return true;
}

/// Adds a read item to `f`. A NULL item (the '0' code, no exception set) is CPython's TypeError
/// in a tuple, list or set, and ends a dict in key or value position.
bool add_item(ReadFrame& f, Ref item) {
  if (f.code == kDict) {
    if (!item) {
      f.ended = true;
      return true;
    }
    if (!f.key) {
      f.key = std::move(item);
      return true;
    }
    Ref key = std::move(f.key);
    return dict_set(as_dict(f.container.get()), key.get(), item.get());
  }
  if (!item) {
    const char* what = f.code == kTuple ? "tuple" : f.code == kList ? "list" : "set";
    raise_fmt(&exc_TypeError, "NULL object in marshal data for {}", what);
    return false;
  }
  f.count--;
  switch (f.code) {
    case kTuple:
      tuple_set_steal(as_tuple(f.container.get()), static_cast<size_t>(f.next++), item.release());
      return true;
    case kList:
      list_append_steal(as_list(f.container.get()), item.release());
      return true;
    default:
      return set_add(as_set(f.container.get()), item.get());
  }
}

bool frame_done(const ReadFrame& f) { return f.code == kDict ? f.ended : f.count == 0; }

/// Reads an atom (anything but a container) after its type code.
Ref read_atom(Reader& r, uint8_t code) {
  int32_t n;
  std::string_view s;
  switch (code) {
    case kNull:
      return Ref();  // only legal as the end of a dict
    case kNone:
      return none_ref();
    case kTrue:
      return Ref::new_ref(Bool(true));
    case kFalse:
      return Ref::new_ref(Bool(false));
    case kEllipsis:
      return Ref::new_ref(Ellipsis());
    case kStopIter:
      return Ref::new_ref(Value(reinterpret_cast<Object*>(&exc_StopIteration)));
    case kInt:
      if (!r.i32(&n)) return Ref();
      return int_from_int64(n);
    case kLong:
      return read_long(r);
    case kFloat: {
      double d;
      if (!r.f64(&d)) return Ref();
      return float_new(d);
    }
    case kFloatText:
      return read_float_text(r);
    case kComplex: {
      double re, im;
      if (!r.f64(&re) || !r.f64(&im)) return Ref();
      return complex_new(re, im);
    }
    case kComplexText: {
      Ref re = read_float_text(r);
      if (!re) return re;
      Ref im = read_float_text(r);
      if (!im) return im;
      return complex_new(float_value(re.get()), float_value(im.get()));
    }
    case kBytes:
      if (!r.sized(&s)) return Ref();
      return bytes_new(s);
    case kUnicode:
    case kInterned:
      if (!r.sized(&s)) return Ref();
      return read_text(r, s, false, code == kInterned);
    case kAscii:
    case kAsciiInterned:
      if (!r.sized(&s)) return Ref();
      return read_text(r, s, true, code == kAsciiInterned);
    case kShortAscii:
    case kShortAsciiInterned: {
      uint8_t len;
      if (!r.byte(&len) || !r.bytes(len, &s)) return Ref();
      return read_text(r, s, true, code == kShortAsciiInterned);
    }
    case kRef: {
      if (!r.i32(&n)) return Ref();
      if (n < 0 || static_cast<size_t>(n) >= r.refs.size() || !r.refs[static_cast<size_t>(n)])
        return bad("invalid reference");
      return r.refs[static_cast<size_t>(n)].dup();
    }
    case kCode:
      return raise(
          &exc_ValueError,
          "bad marshal data (code objects are CPython bytecode, which minipy cannot load)");
    case kMinipyCode: {
      int32_t lo, hi;
      std::string_view body;
      if (!r.i32(&lo) || !r.i32(&hi) || !r.sized(&body)) return Ref();
      uint64_t version = static_cast<uint32_t>(lo) | uint64_t{static_cast<uint32_t>(hi)} << 32;
      if (version != vm::code_format_version()) return bad("code object of another minipy build");
      std::shared_ptr<vm::CodeUnit> unit = vm::deserialize_code_unit(body);
      if (unit == nullptr) return bad("invalid code object");
      return vm::code_from_unit(std::move(unit));
    }
    default:
      return bad("unknown type code");
  }
}

/// Reads one object depth-first, with an explicit stack of the containers being filled.
/// Returns null without an exception for a top-level NULL code.
Ref read_object(Reader& r) {
  std::vector<ReadFrame> stack;
  for (;;) {
    uint8_t code;
    if (r.pos >= r.data.size()) return raise(&exc_EOFError, "EOF read where object expected");
    if (!r.byte(&code)) return Ref();
    // The object being read is at depth stack.size() + 1 (CPython's r_object depth).
    if (stack.size() + 1 > static_cast<size_t>(kMaxDepth))
      return raise(&exc_ValueError, "recursion limit exceeded");
    bool flagged = (code & kFlagRef) != 0;
    code &= static_cast<uint8_t>(~kFlagRef);
    size_t slot = SIZE_MAX;
    if (flagged) {
      slot = r.refs.size();
      r.refs.emplace_back();  // reserved now: references inside this object count after it
    }
    ReadFrame f;
    if (!start_container(r, code, slot, &f)) return Ref();
    Ref v;
    if (f.container) {
      if (!frame_done(f)) {
        stack.push_back(std::move(f));
        continue;
      }
      v = std::move(f.container);
    } else {
      v = read_atom(r, code);
      if (!v && error_pending()) return Ref();
      if (!v && code != kNull) return bad("NULL object");
    }
    // Hand the value to the containers it completes, innermost first.
    for (;;) {
      if (v && slot != SIZE_MAX && !r.refs[slot]) r.refs[slot] = v.dup();
      if (stack.empty()) return v;
      ReadFrame& top = stack.back();
      if (!add_item(top, std::move(v))) return Ref();
      if (!frame_done(top)) break;
      v = std::move(top.container);
      slot = top.slot;
      stack.pop_back();
    }
  }
}

Ref loads_bytes(std::string_view data, size_t* consumed) {
  Reader r;
  r.data = data;
  Ref v = read_object(r);
  if (!v && !error_pending())
    return raise(&exc_TypeError, "NULL object in marshal data for object");
  *consumed = r.pos;
  return v;
}

Ref m_dumps(Value, NativeArgs& a) { return dumps_value(a[0], a.i64(1)); }

Ref m_loads(Value, NativeArgs& a) {
  size_t consumed = 0;
  return loads_bytes(a.bytes(0), &consumed);
}

Ref m_dump(Value, NativeArgs& a) {
  Ref data = dumps_value(a[0], a.i64(2));
  if (!data) return data;
  Ref r = call_method(a[1], intern("write"), std::array<Value, 1>{data.get()}.data(), 1);
  if (!r) return r;
  return none_ref();
}

/// load(file): reads what is left of the file, decodes one object and seeks back to just after
/// it when the file can seek, so that consecutive dump()s load one by one (CPython reads exactly
/// the bytes it needs; a seekable file ends up at the same place).
Ref m_load(Value, NativeArgs& a) {
  Value file = a[0];
  Ref start = call_method(file, intern("tell"), nullptr, 0);
  if (!start) clear_exception();
  Ref data = call_method(file, intern("read"), nullptr, 0);
  if (!data) return data;
  std::string_view buf;
  if (!buffer_view(data.get(), &buf)) {
    clear_exception();
    return raise_fmt(&exc_TypeError, "file.read() returned not bytes but {}",
                     type_name(data.get()));
  }
  size_t consumed = 0;
  Ref v = loads_bytes(buf, &consumed);
  if (v && start) {
    Ref target =
        binary_op(start.get(), int_from_int64(static_cast<int64_t>(consumed)).get(), NumOp::Add);
    if (!target) return target;
    Ref r = call_method(file, intern("seek"), std::array<Value, 1>{target.get()}.data(), 1);
    if (!r) return r;
  }
  return v;
}

const NativeDef kMarshalFunctions[] = {
    {"dump($module, value, file, version: int = 4, /)", m_dump},
    {"load($module, file, /)", m_load},
    {"dumps($module, value, version: int = 4, /)", m_dumps},
    {"loads($module, bytes: buffer, /)", m_loads},
};

}  // namespace

bool init_marshal(Value module, DictObject* ns) {
  add_functions(ns, module, kMarshalFunctions);
  dict_set_cstr(ns, "version", Ref::small(kVersion).get());
  return !error_pending();
}

}  // namespace minipy::lib
