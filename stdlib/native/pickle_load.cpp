// _pickle.Unpickler: the pickle virtual machine, every opcode of protocols 0 to 5, with
// CPython 3.11's semantics and messages (Modules/_pickle.c; our own code).
//
// Hostile input gets an exception, never a crash: each read checks the bytes are there before
// they are used, and a declared length is never allocated before its data has arrived (from a
// bytes object the length is checked against what is left; from a file, data is read in
// bounded chunks). Memo indices far beyond what the pickle has stored go to a sparse map, so
// `LONG_BINPUT 0xffffffff` costs one entry, not a 32 GiB table.
#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <limits>

#include "runtime/bigint.h"
#include "runtime/errors.h"
#include "runtime/objects/bytes.h"
#include "runtime/objects/dict.h"
#include "runtime/objects/float.h"
#include "runtime/objects/int.h"
#include "runtime/objects/list.h"
#include "runtime/objects/memoryview.h"
#include "runtime/objects/native.h"
#include "runtime/objects/set.h"
#include "runtime/objects/singletons.h"
#include "runtime/objects/str.h"
#include "runtime/objects/tuple.h"
#include "runtime/ops.h"
#include "stdlib/native/codecs_core.h"
#include "stdlib/native/pickle.h"
#include "vm/import.h"

namespace minipy::lib::pickle {

using namespace rt;

TypeObject unpickler_type;

namespace {

constexpr size_t kReadChunk = size_t{1} << 20;  // file reads of a declared length, at most

TypeObject* exc_type(const Ref& cls) { return static_cast<TypeObject*>(cls.obj()); }

bool fail(std::string_view msg) {
  raise_pickle(state().unpickling_error, msg);
  return false;
}
bool truncated() { return fail("pickle data was truncated"); }

// ---------------------------------------------------------------- input

/// Makes `n` bytes available at u->input[u->pos]; from a file, reads what is missing.
bool fill(UnpicklerObject* u, size_t n) {
  if (!u->read) return truncated();
  u->buffer.erase(0, u->pos);
  u->pos = 0;
  while (u->buffer.size() < n) {
    size_t want = std::min(n - u->buffer.size(), kReadChunk);
    Ref len = int_from_int64(static_cast<int64_t>(want));
    Ref data = call1(u->read.get(), len.get());
    if (!data) return false;
    std::string_view d;
    if (!bytes_like_data(data.get(), &d)) {
      raise_fmt(&exc_TypeError, "a bytes-like object is required, not '{}'", type_name(data.get()));
      return false;
    }
    u->buffer.append(d);
    if (d.size() < want) break;  // end of file
  }
  u->input = u->buffer;
  if (u->buffer.size() < n) return truncated();
  return true;
}

/// The next `n` bytes (valid until the next read).
inline bool read_bytes(UnpicklerObject* u, size_t n, std::string_view* out) {
  if (u->input.size() - u->pos < n) {
    if (n > static_cast<uint64_t>(std::numeric_limits<int64_t>::max()) - u->pos)
      return fail("read would overflow (invalid bytecode)");
    if (!fill(u, n)) return false;
  }
  *out = u->input.substr(u->pos, n);
  u->pos += n;
  return true;
}

/// The next line, its '\n' included.
bool read_line(UnpicklerObject* u, std::string_view* out) {
  size_t nl = u->input.find('\n', u->pos);
  if (nl != std::string_view::npos) {
    *out = u->input.substr(u->pos, nl + 1 - u->pos);
    u->pos = nl + 1;
    return true;
  }
  if (!u->readline) return truncated();
  u->buffer.erase(0, u->pos);
  u->pos = 0;
  Ref data = call0(u->readline.get());
  if (!data) return false;
  std::string_view d;
  if (!bytes_like_data(data.get(), &d)) {
    raise_fmt(&exc_TypeError, "a bytes-like object is required, not '{}'", type_name(data.get()));
    return false;
  }
  u->buffer.append(d);
  u->input = u->buffer;
  if (d.empty() || d.back() != '\n') return truncated();
  *out = u->input;
  u->pos = u->input.size();
  return true;
}

uint64_t le_uint(std::string_view b) {
  uint64_t x = 0;
  for (size_t i = b.size(); i-- > 0;) x = (x << 8) | static_cast<unsigned char>(b[i]);
  return x;
}

inline bool read_uint(UnpicklerObject* u, size_t n, uint64_t* out) {
  if (u->input.size() - u->pos >= n) {  // the common case: the bytes are there
    const auto* p = reinterpret_cast<const unsigned char*>(u->input.data() + u->pos);
    uint64_t x = 0;
    for (size_t i = n; i-- > 0;) x = (x << 8) | p[i];
    u->pos += n;
    *out = x;
    return true;
  }
  std::string_view b;
  if (!read_bytes(u, n, &b)) return false;
  *out = le_uint(b);
  return true;
}

// ---------------------------------------------------------------- stack

bool underflow(UnpicklerObject* u) {
  return fail(u->marks.empty() ? "unpickling stack underflow" : "unexpected MARK found");
}

inline void push(UnpicklerObject* u, Ref v) { u->stack.push_back(std::move(v)); }

Ref pop(UnpicklerObject* u) {
  if (u->stack.size() <= u->fence) {
    underflow(u);
    return Ref();
  }
  Ref v = std::move(u->stack.back());
  u->stack.pop_back();
  return v;
}

bool marker(UnpicklerObject* u, size_t* out) {
  if (u->marks.empty()) return fail("could not find MARK");
  *out = u->marks.back();
  u->marks.pop_back();
  u->fence = u->marks.empty() ? 0 : u->marks.back();
  return true;
}

void truncate_stack(UnpicklerObject* u, size_t start) {
  while (u->stack.size() > start) u->stack.pop_back();
}

Ref pop_tuple(UnpicklerObject* u, size_t start) {
  if (start < u->fence) {
    underflow(u);
    return Ref();
  }
  size_t n = u->stack.size() - start;
  Ref t = tuple_new(n);
  for (size_t i = 0; i < n; i++)
    tuple_set_steal(as_tuple(t.get()), i, u->stack[start + i].release());
  u->stack.resize(start);
  return t;
}

Ref pop_list(UnpicklerObject* u, size_t start) {
  if (start < u->fence) {
    underflow(u);
    return Ref();
  }
  size_t n = u->stack.size() - start;
  Ref l = list_new(n);
  for (size_t i = 0; i < n; i++) list_append_steal(as_list(l.get()), u->stack[start + i].release());
  u->stack.resize(start);
  return l;
}

// ---------------------------------------------------------------- memo

Value memo_get(UnpicklerObject* u, uint64_t idx) {
  if (idx < u->memo.size()) return u->memo[idx].get();
  auto it = u->sparse_memo.find(idx);
  return it == u->sparse_memo.end() ? Value() : it->second.get();
}

bool load_get(UnpicklerObject* u, uint64_t idx, bool negative = false) {
  Value v = negative ? Value() : memo_get(u, idx);
  if (!v) {
    std::string msg = "Memo value not found at index ";
    msg += negative ? "-" : "";
    msg += std::to_string(idx);
    return fail(msg);
  }
  push(u, Ref::new_ref(v));
  return true;
}

bool load_put(UnpicklerObject* u, uint64_t idx) {
  if (u->stack.size() <= u->fence) return underflow(u);
  unpickler_memo_put(u, idx, u->stack.back().get());
  return true;
}

// ---------------------------------------------------------------- numbers

/// A line's text without its '\n', as a NUL-terminated string (C's parsers stop at a NUL).
std::string line_text(std::string_view line) {
  std::string s(line.substr(0, line.size() - 1));
  s.resize(std::strlen(s.c_str()));
  return s;
}

bool load_int(UnpicklerObject* u) {
  std::string_view line;
  if (!read_line(u, &line)) return false;
  std::string s = line_text(line);
  errno = 0;
  char* end = nullptr;
  long long x = std::strtoll(s.c_str(), &end, 0);
  if (errno != 0 || *end != '\0' || s.empty()) {
    // Too long for a C long, or not C syntax: Python's int(s, 0).
    Ref v = int_from_string(s, 0);
    if (!v) {
      clear_exception();
      raise(&exc_ValueError, "could not convert string to int");
      return false;
    }
    push(u, std::move(v));
    return true;
  }
  if (line.size() == 3 && (x == 0 || x == 1)) {
    push(u, bool_ref(x == 1));  // I00 / I01: protocol 0's booleans
  } else {
    push(u, int_from_int64(x));
  }
  return true;
}

bool load_long(UnpicklerObject* u) {
  std::string_view line;
  if (!read_line(u, &line)) return false;
  // Python 2's 'L' suffix is cut with what follows, as C's parse stops there; without it the
  // '\n' stays (int() allows the whitespace, and its error message shows it).
  std::string s(line);
  if (s.size() >= 2 && s[s.size() - 2] == 'L') s.resize(s.size() - 2);
  s.resize(std::strlen(s.c_str()));
  Ref v = int_from_string(s, 10);
  if (!v) return false;
  push(u, std::move(v));
  return true;
}

bool load_binary_long(UnpicklerObject* u, size_t size_bytes) {
  uint64_t n;
  if (!read_uint(u, size_bytes, &n)) return false;
  if (size_bytes == 4 && static_cast<int32_t>(n) < 0)
    return fail("LONG pickle has negative byte count");
  std::string_view b;
  if (!read_bytes(u, n, &b)) return false;
  if (n == 0) {
    push(u, Ref::small(0));
    return true;
  }
  BigInt big = BigInt::from_bytes(reinterpret_cast<const uint8_t*>(b.data()), b.size(), true, true);
  push(u, int_from_bigint(std::move(big)));
  return true;
}

bool load_float(UnpicklerObject* u) {
  std::string_view line;
  if (!read_line(u, &line)) return false;
  std::string s = line_text(line);
  Ref v = float_from_string(s);
  if (!v) {
    clear_exception();
    raise_fmt(&exc_ValueError, "could not convert string to float: '{}'",
              std::string(line).c_str());
    return false;
  }
  push(u, std::move(v));
  return true;
}

bool load_binfloat(UnpicklerObject* u) {
  std::string_view b;
  if (!read_bytes(u, 8, &b)) return false;
  uint64_t bits = 0;
  for (unsigned char c : b) bits = (bits << 8) | c;  // big-endian
  double d;
  std::memcpy(&d, &bits, sizeof d);
  push(u, float_new(d));
  return true;
}

// ---------------------------------------------------------------- strings

bool is_ascii(std::string_view s) {
  for (unsigned char c : s)
    if (c >= 0x80) return false;
  return true;
}

/// Python 2 str data (STRING, BINSTRING, SHORT_BINSTRING): bytes when the encoding is
/// "bytes", else decoded with the Unpickler's encoding and errors.
bool push_py2_string(UnpicklerObject* u, std::string_view data) {
  if (u->encoding == "bytes") {
    push(u, bytes_new(data));
    return true;
  }
  if ((u->encoding == "ASCII" || u->encoding == "ascii") && is_ascii(data)) {
    push(u, str_new(data));
    return true;
  }
  Ref b = bytes_new(data);
  Ref enc = str_new(u->encoding);
  Ref err = str_new(u->errors);
  Ref s = bytes_decode_to_str(b.get(), enc.get(), err.get());
  if (!s) return false;
  push(u, std::move(s));
  return true;
}

bool load_string(UnpicklerObject* u) {
  std::string_view line;
  if (!read_line(u, &line)) return false;
  size_t len = line.size() - 1;
  if (len < 2 || line[0] != line[len - 1] || (line[0] != '\'' && line[0] != '"'))
    return fail("the STRING opcode argument must be quoted");
  Ref b = codecs::escape_decode(line.substr(1, len - 2), "strict");
  if (!b) return false;
  std::string data = static_cast<BytesObject*>(b.obj())->data;
  return push_py2_string(u, data);
}

bool load_binstring(UnpicklerObject* u, size_t size_bytes) {
  uint64_t n;
  if (!read_uint(u, size_bytes, &n)) return false;
  std::string_view b;
  if (!read_bytes(u, n, &b)) return false;
  return push_py2_string(u, b);
}

bool check_size64(uint64_t n, const char* what) {
  if (n <= static_cast<uint64_t>(std::numeric_limits<int64_t>::max())) return true;
  raise_fmt(&exc_OverflowError, "{} exceeds system's maximum size of {} bytes", what,
            std::numeric_limits<int64_t>::max());
  return false;
}

bool load_bytes(UnpicklerObject* u, size_t size_bytes, bool bytearray) {
  uint64_t n;
  if (!read_uint(u, size_bytes, &n)) return false;
  if (size_bytes == 8 && !check_size64(n, bytearray ? "BYTEARRAY8" : "BINBYTES")) return false;
  std::string_view b;
  if (!read_bytes(u, n, &b)) return false;
  push(u, bytearray ? bytearray_new(b) : bytes_new(b));
  return true;
}

/// UTF-8 with lone surrogates allowed (how the Pickler writes them).
Ref decode_utf8(std::string_view data) {
  if (is_ascii(data)) return str_new(data);
  int64_t consumed = 0;
  return codecs::utf8_decode(Value(), data, "surrogatepass", true, &consumed);
}

bool load_binunicode(UnpicklerObject* u, size_t size_bytes) {
  uint64_t n;
  if (!read_uint(u, size_bytes, &n)) return false;
  if (size_bytes == 8 && !check_size64(n, "BINUNICODE")) return false;
  std::string_view b;
  if (!read_bytes(u, n, &b)) return false;
  Ref s = decode_utf8(b);
  if (!s) return false;
  push(u, std::move(s));
  return true;
}

bool load_unicode(UnpicklerObject* u) {
  std::string_view line;
  if (!read_line(u, &line)) return false;
  int64_t consumed = 0;
  Ref s = codecs::unicode_escape_decode(Value(), line.substr(0, line.size() - 1), "strict", true,
                                        true, &consumed);
  if (!s) return false;
  push(u, std::move(s));
  return true;
}

// ---------------------------------------------------------------- containers

/// Moves stack[x:] out: Python code run per item (append, __setitem__, add) could re-enter this
/// Unpickler (load() clears the stack), so the items are never read from the stack meanwhile.
std::vector<Ref> take_items(UnpicklerObject* u, size_t x) {
  std::vector<Ref> items;
  items.reserve(u->stack.size() - x);
  for (size_t i = x; i < u->stack.size(); i++) items.push_back(std::move(u->stack[i]));
  u->stack.resize(x);
  return items;
}

/// True when the keys at stack[x], stack[x + 2], ... hash and compare without running Python
/// code (str, int, bytes, float, None, bool), so a dict can take them straight off the stack.
bool keys_run_no_code(UnpicklerObject* u, size_t x) {
  for (size_t i = x; i < u->stack.size(); i += 2) {
    Value k = u->stack[i].get();
    if (k.is_small()) continue;
    TypeObject* t = type_of(k);
    if (t != &str_type && t != &int_type && t != &bytes_type && t != &float_type &&
        t != &none_type && t != &bool_type)
      return false;
  }
  return true;
}

bool load_counted_tuple(UnpicklerObject* u, size_t n) {
  if (u->stack.size() < n) return underflow(u);
  Ref t = pop_tuple(u, u->stack.size() - n);
  if (!t) return false;
  push(u, std::move(t));
  return true;
}

bool load_tuple(UnpicklerObject* u) {
  size_t mark;
  if (!marker(u, &mark)) return false;
  Ref t = pop_tuple(u, mark);
  if (!t) return false;
  push(u, std::move(t));
  return true;
}

bool load_list(UnpicklerObject* u) {
  size_t mark;
  if (!marker(u, &mark)) return false;
  Ref l = pop_list(u, mark);
  if (!l) return false;
  push(u, std::move(l));
  return true;
}

bool load_dict(UnpicklerObject* u) {
  size_t mark;
  if (!marker(u, &mark)) return false;
  size_t end = u->stack.size();
  if ((end - mark) % 2 != 0) return fail("odd number of items for DICT");
  Ref d = dict_new();
  if (keys_run_no_code(u, mark)) {
    for (size_t i = mark; i < end; i += 2)
      if (!dict_set(as_dict(d.get()), u->stack[i].get(), u->stack[i + 1].get())) return false;
    truncate_stack(u, mark);
    push(u, std::move(d));
    return true;
  }
  std::vector<Ref> items = take_items(u, mark);  // hashing keys may run code
  for (size_t i = 0; i < items.size(); i += 2) {
    if (!dict_set(as_dict(d.get()), items[i].get(), items[i + 1].get())) return false;
  }
  push(u, std::move(d));
  return true;
}

bool load_frozenset(UnpicklerObject* u) {
  size_t mark;
  if (!marker(u, &mark)) return false;
  Ref items = pop_tuple(u, mark);
  if (!items) return false;
  Ref s = set_from_iterable(items.get(), &frozenset_type);
  if (!s) return false;
  push(u, std::move(s));
  return true;
}

/// APPEND / APPENDS: the items from stack[x] on go into the list at stack[x - 1].
bool do_append(UnpicklerObject* u, size_t x) {
  size_t len = u->stack.size();
  if (x > len || x <= u->fence) return underflow(u);
  if (len == x) return true;
  Value list = u->stack[x - 1].get();
  if (type_of(list) == &list_type) {
    ListObject* l = as_list(list);
    for (size_t i = x; i < len; i++) list_append_steal(l, u->stack[i].release());
    u->stack.resize(x);
    return true;
  }
  Ref keep = Ref::new_ref(list);
  Ref extend = getattr_opt(list, intern("extend"));
  if (!extend && error_pending()) return false;
  if (extend) {
    Ref items = pop_list(u, x);
    if (!items) return false;
    return static_cast<bool>(call1(extend.get(), items.get()));
  }
  // No extend(): append() one at a time, as PEP 307 allowed before.
  Ref append = getattr(list, intern("append"));
  if (!append) return false;
  for (Ref& item : take_items(u, x))
    if (!call1(append.get(), item.get())) return false;
  return true;
}

/// SETITEM / SETITEMS: key/value pairs from stack[x] on go into stack[x - 1].
bool do_setitems(UnpicklerObject* u, size_t x) {
  size_t len = u->stack.size();
  if (x > len || x <= u->fence) return underflow(u);
  if (len == x) return true;
  if ((len - x) % 2 != 0) return fail("odd number of items for SETITEMS");
  Ref target = u->stack[x - 1].dup();
  bool exact = type_of(target.get()) == &dict_type;
  if (exact && keys_run_no_code(u, x)) {
    for (size_t i = x + 1; i < len; i += 2)
      if (!dict_set(as_dict(target.get()), u->stack[i - 1].get(), u->stack[i].get())) return false;
    truncate_stack(u, x);
    return true;
  }
  std::vector<Ref> items = take_items(u, x);
  for (size_t i = 1; i < items.size(); i += 2) {
    Value k = items[i - 1].get(), v = items[i].get();
    if (!(exact ? dict_set(as_dict(target.get()), k, v) : setitem(target.get(), k, v)))
      return false;
  }
  return true;
}

bool load_additems(UnpicklerObject* u) {
  size_t mark;
  if (!marker(u, &mark)) return false;
  size_t len = u->stack.size();
  if (mark > len || mark <= u->fence) return underflow(u);
  if (len == mark) return true;
  Ref set = u->stack[mark - 1].dup();
  if (type_of(set.get()) == &set_type || is_subtype(type_of(set.get()), &set_type)) {
    Ref items = pop_tuple(u, mark);
    if (!items) return false;
    return set_update(as_set(set.get()), items.get());
  }
  Ref add = getattr(set.get(), intern("add"));
  if (!add) return false;
  for (Ref& item : take_items(u, mark))
    if (!call1(add.get(), item.get())) return false;
  return true;
}

// ---------------------------------------------------------------- objects

/// find_class through the instance, so that a subclass's override (or refusal) applies.
Ref call_find_class(UnpicklerObject* u, Value module, Value name) {
  Value args[2] = {module, name};
  return call_method(Value(u), intern("find_class"), args, 2);
}

bool load_global(UnpicklerObject* u) {
  std::string_view line;
  if (!read_line(u, &line)) return false;
  if (line.size() < 2) return truncated();
  int64_t consumed = 0;
  Ref module =
      codecs::utf8_decode(Value(), line.substr(0, line.size() - 1), "strict", true, &consumed);
  if (!module) return false;
  if (!read_line(u, &line)) return false;
  if (line.size() < 2) return truncated();
  Ref name =
      codecs::utf8_decode(Value(), line.substr(0, line.size() - 1), "strict", true, &consumed);
  if (!name) return false;
  Ref cls = call_find_class(u, module.get(), name.get());
  if (!cls) return false;
  push(u, std::move(cls));
  return true;
}

bool load_stack_global(UnpicklerObject* u) {
  Ref name = pop(u);
  Ref module = name ? pop(u) : Ref();
  if (!module || !is_str_exact(module.get()) || !is_str_exact(name.get())) {
    clear_exception();  // an underflow reads as this too, as in CPython
    return fail("STACK_GLOBAL requires str");
  }
  Ref cls = call_find_class(u, module.get(), name.get());
  if (!cls) return false;
  push(u, std::move(cls));
  return true;
}

bool load_extension(UnpicklerObject* u, size_t nbytes) {
  uint64_t raw;
  if (!read_uint(u, nbytes, &raw)) return false;
  int64_t code = nbytes == 4 ? static_cast<int32_t>(raw) : static_cast<int64_t>(raw);
  if (code <= 0) return fail("EXT specifies code <= 0");
  State& st = state();
  Ref key = Ref::small(code);
  Value hit = dict_get(as_dict(st.extension_cache.get()), key.get());
  if (hit) {
    push(u, Ref::new_ref(hit));
    return true;
  }
  if (error_pending()) return false;
  Value pair = dict_get(as_dict(st.inverted_registry.get()), key.get());
  if (!pair) {
    if (!error_pending()) raise_fmt(&exc_ValueError, "unregistered extension code {}", code);
    return false;
  }
  if (!is_tuple(pair) || as_tuple(pair)->size != 2 || !is_str(as_tuple(pair)->at(0)) ||
      !is_str(as_tuple(pair)->at(1))) {
    raise_fmt(&exc_ValueError, "_inverted_registry[{}] isn't a 2-tuple of strings", code);
    return false;
  }
  Ref keep = Ref::new_ref(pair);
  Ref obj = call_find_class(u, as_tuple(pair)->at(0), as_tuple(pair)->at(1));
  if (!obj) return false;
  if (!dict_set(as_dict(st.extension_cache.get()), key.get(), obj.get())) return false;
  push(u, std::move(obj));
  return true;
}

/// cls(*args), or cls.__new__(cls) for a class without __getinitargs__ given no arguments
/// (INST and OBJ: protocol 0 and 1 instances).
Ref instantiate(Value cls, Value args) {
  if (as_tuple(args)->size == 0 && isinstance(cls, &type_type)) {
    Ref init_args = getattr_opt(cls, intern("__getinitargs__"));
    if (!init_args && error_pending()) return Ref();
    if (!init_args) return call_method(cls, intern("__new__"), &cls, 1);
  }
  return call_tuple_dict(cls, args, Value());
}

bool load_inst(UnpicklerObject* u) {
  size_t mark;
  if (!marker(u, &mark)) return false;
  std::string_view line;
  if (!read_line(u, &line)) return false;
  if (line.size() < 2) return truncated();
  Ref module =
      codecs::latin1_or_ascii_decode(Value(), line.substr(0, line.size() - 1), "strict", true);
  if (!module) return false;
  if (!read_line(u, &line)) return false;
  if (line.size() < 2) return truncated();
  Ref name =
      codecs::latin1_or_ascii_decode(Value(), line.substr(0, line.size() - 1), "strict", true);
  if (!name) return false;
  Ref cls = call_find_class(u, module.get(), name.get());
  if (!cls) return false;
  Ref args = pop_tuple(u, mark);
  if (!args) return false;
  Ref obj = instantiate(cls.get(), args.get());
  if (!obj) return false;
  push(u, std::move(obj));
  return true;
}

bool load_obj(UnpicklerObject* u) {
  size_t mark;
  if (!marker(u, &mark)) return false;
  if (u->stack.size() < mark + 1) return underflow(u);
  Ref args = pop_tuple(u, mark + 1);
  if (!args) return false;
  Ref cls = pop(u);
  if (!cls) return false;
  Ref obj = instantiate(cls.get(), args.get());
  if (!obj) return false;
  push(u, std::move(obj));
  return true;
}

bool load_newobj(UnpicklerObject* u, bool ex) {
  const char* op = ex ? "NEWOBJ_EX" : "NEWOBJ";
  Ref kwargs;
  if (ex) {
    kwargs = pop(u);
    if (!kwargs) return false;
  }
  Ref args = pop(u);
  if (!args) return false;
  Ref cls = pop(u);
  if (!cls) return false;
  if (!isinstance(cls.get(), &type_type)) {
    return fail(fmt::format("{} class argument must be a type, not {}", op, type_name(cls.get())));
  }
  if (!is_tuple(args.get())) {
    return fail(fmt::format("{} args argument must be a tuple, not {}", op, type_name(args.get())));
  }
  if (ex && !is_dict(kwargs.get())) {
    return fail(
        fmt::format("{} kwargs argument must be a dict, not {}", op, type_name(kwargs.get())));
  }
  Ref new_fn = getattr(cls.get(), intern("__new__"));
  if (!new_fn) return false;
  TupleObject* a = as_tuple(args.get());
  Ref full = tuple_new(a->size + 1);
  tuple_set_steal(as_tuple(full.get()), 0, cls.dup().release());
  for (size_t i = 0; i < a->size; i++)
    tuple_set_steal(as_tuple(full.get()), i + 1, Ref::new_ref(a->at(i)).release());
  Ref obj = call_tuple_dict(new_fn.get(), full.get(), ex ? kwargs.get() : Value());
  if (!obj) return false;
  push(u, std::move(obj));
  return true;
}

bool load_reduce(UnpicklerObject* u) {
  Ref args = pop(u);
  if (!args) return false;
  Ref callable = pop(u);
  if (!callable) return false;
  if (!is_tuple(args.get())) {
    raise(&exc_TypeError, "argument list must be a tuple");
    return false;
  }
  Ref obj = call_tuple_dict(callable.get(), args.get(), Value());
  if (!obj) return false;
  push(u, std::move(obj));
  return true;
}

bool load_build(UnpicklerObject* u) {
  if (u->stack.size() < u->fence + 2) return underflow(u);
  Ref state_obj = pop(u);
  Ref inst = u->stack.back().dup();
  Ref setstate = getattr_opt(inst.get(), intern("__setstate__"));
  if (!setstate && error_pending()) return false;
  if (setstate) return static_cast<bool>(call1(setstate.get(), state_obj.get()));

  // The default __setstate__: a dict state updates __dict__; (dict, slots) also sets the slots.
  Value st = state_obj.get();
  Value slotstate;
  if (is_tuple(st) && as_tuple(st)->size == 2) {
    slotstate = as_tuple(st)->at(1);
    st = as_tuple(st)->at(0);
  }
  if (!is_none(st)) {
    if (!is_dict(st)) return fail("state is not a dictionary");
    Ref dict = getattr(inst.get(), intern("__dict__"));
    if (!dict) return false;
    size_t pos = 0;
    Value k, v;
    std::vector<std::pair<Ref, Ref>> items;
    while (dict_next(as_dict(st), &pos, &k, &v))
      items.emplace_back(Ref::new_ref(k), Ref::new_ref(v));
    for (auto& [key, value] : items) {
      // Instance attribute names are interned, as CPython does here.
      Ref name = is_str_exact(key.get()) ? intern_ref(std::move(key)) : std::move(key);
      if (!setitem(dict.get(), name.get(), value.get())) return false;
    }
  }
  if (slotstate) {
    if (!is_dict(slotstate)) return fail("slot state is not a dictionary");
    size_t pos = 0;
    Value k, v;
    std::vector<std::pair<Ref, Ref>> items;
    while (dict_next(as_dict(slotstate), &pos, &k, &v))
      items.emplace_back(Ref::new_ref(k), Ref::new_ref(v));
    for (auto& [key, value] : items) {
      if (!is_str(key.get())) {
        raise_fmt(&exc_TypeError, "attribute name must be string, not '{}'", type_name(key.get()));
        return false;
      }
      if (!setattr(inst.get(), as_str(key.get()), value.get())) return false;
    }
  }
  return true;
}

bool no_persistent_load(UnpicklerObject* u) {
  if (u->pers_func) return false;
  fail(
      "A load persistent id instruction was encountered,\nbut no persistent_load function was "
      "specified.");
  return true;
}

bool call_persistent_load(UnpicklerObject* u, Value pid) {
  Ref obj = call1(u->pers_func.get(), pid);
  if (!obj) return false;
  push(u, std::move(obj));
  return true;
}

bool load_persid(UnpicklerObject* u) {
  if (no_persistent_load(u)) return false;
  std::string_view line;
  if (!read_line(u, &line)) return false;
  std::string_view text = line.substr(0, line.size() - 1);
  if (!is_ascii(text)) return fail("persistent IDs in protocol 0 must be ASCII strings");
  Ref pid = str_new(text);
  return call_persistent_load(u, pid.get());
}

bool load_binpersid(UnpicklerObject* u) {
  if (no_persistent_load(u)) return false;
  Ref pid = pop(u);
  if (!pid) return false;
  return call_persistent_load(u, pid.get());
}

bool load_next_buffer(UnpicklerObject* u) {
  if (!u->buffers) {
    return fail("pickle stream refers to out-of-band data but no *buffers* argument was given");
  }
  Ref buf = iter_next(u->buffers.get());
  if (!buf) {
    if (!error_pending()) fail("not enough out-of-band buffers");
    return false;
  }
  push(u, std::move(buf));
  return true;
}

bool load_readonly_buffer(UnpicklerObject* u) {
  if (u->stack.size() <= u->fence) return underflow(u);
  Value obj = u->stack.back().get();
  Ref view = call1(Value(&memoryview_type), obj);
  if (!view) return false;
  Ref readonly = getattr(view.get(), intern("readonly"));
  if (!readonly) return false;
  if (readonly.get() == True()) return true;  // already read-only: keep the object itself
  Ref ro = call_method(view.get(), intern("toreadonly"), nullptr, 0);
  if (!ro) return false;
  u->stack.back() = std::move(ro);
  return true;
}

bool load_frame(UnpicklerObject* u) {
  uint64_t n;
  if (!read_uint(u, 8, &n)) return false;
  if (n > static_cast<uint64_t>(std::numeric_limits<int64_t>::max())) {
    raise_fmt(&exc_OverflowError, "FRAME length exceeds system's maximum of {} bytes",
              std::numeric_limits<int64_t>::max());
    return false;
  }
  // Bring the whole frame in now (one read from a file); the opcodes then consume it.
  std::string_view frame;
  if (!read_bytes(u, n, &frame)) return false;
  u->pos -= n;
  return true;
}

bool load_pop(UnpicklerObject* u) {
  size_t len = u->stack.size();
  if (!u->marks.empty() && u->marks.back() == len) {
    // The object stack and the mark stack are separate: POP of a MARK pops the mark.
    u->marks.pop_back();
    u->fence = u->marks.empty() ? 0 : u->marks.back();
    return true;
  }
  if (len <= u->fence) return underflow(u);
  u->stack.pop_back();
  return true;
}

}  // namespace

// ---------------------------------------------------------------- the loop

Ref unpickler_load(UnpicklerObject* u) {
  State& st = state();
  u->marks.clear();
  u->fence = 0;
  u->proto = 0;
  u->stack.clear();
  for (;;) {
    if (u->pos >= u->input.size()) {
      if (!u->read || !fill(u, 1)) {
        if (!error_pending() || exception_matches(exc_type(st.unpickling_error))) {
          clear_exception();
          return raise(&exc_EOFError, "Ran out of input");
        }
        return Ref();
      }
    }
    auto op = static_cast<uint8_t>(u->input[u->pos++]);
    bool ok = true;
    uint64_t n = 0;
    switch (op) {
      case NONE:
        push(u, none_ref());
        break;
      case NEWTRUE:
        push(u, bool_ref(true));
        break;
      case NEWFALSE:
        push(u, bool_ref(false));
        break;
      case BININT:
        ok = read_uint(u, 4, &n);
        if (ok) push(u, Ref::small(static_cast<int32_t>(n)));
        break;
      case BININT1:
      case BININT2:
        ok = read_uint(u, op == BININT1 ? 1 : 2, &n);
        if (ok) push(u, Ref::small(static_cast<int64_t>(n)));
        break;
      case INT:
        ok = load_int(u);
        break;
      case LONG:
        ok = load_long(u);
        break;
      case LONG1:
        ok = load_binary_long(u, 1);
        break;
      case LONG4:
        ok = load_binary_long(u, 4);
        break;
      case FLOAT:
        ok = load_float(u);
        break;
      case BINFLOAT:
        ok = load_binfloat(u);
        break;
      case STRING:
        ok = load_string(u);
        break;
      case BINSTRING:
        ok = load_binstring(u, 4);
        break;
      case SHORT_BINSTRING:
        ok = load_binstring(u, 1);
        break;
      case BINBYTES:
        ok = load_bytes(u, 4, false);
        break;
      case SHORT_BINBYTES:
        ok = load_bytes(u, 1, false);
        break;
      case BINBYTES8:
        ok = load_bytes(u, 8, false);
        break;
      case BYTEARRAY8:
        ok = load_bytes(u, 8, true);
        break;
      case UNICODE:
        ok = load_unicode(u);
        break;
      case BINUNICODE:
        ok = load_binunicode(u, 4);
        break;
      case SHORT_BINUNICODE:
        ok = load_binunicode(u, 1);
        break;
      case BINUNICODE8:
        ok = load_binunicode(u, 8);
        break;
      case EMPTY_TUPLE:
        push(u, tuple_empty());
        break;
      case TUPLE1:
        ok = load_counted_tuple(u, 1);
        break;
      case TUPLE2:
        ok = load_counted_tuple(u, 2);
        break;
      case TUPLE3:
        ok = load_counted_tuple(u, 3);
        break;
      case TUPLE:
        ok = load_tuple(u);
        break;
      case EMPTY_LIST:
        push(u, list_new());
        break;
      case LIST:
        ok = load_list(u);
        break;
      case EMPTY_DICT:
        push(u, dict_new());
        break;
      case DICT:
        ok = load_dict(u);
        break;
      case EMPTY_SET:
        push(u, set_new());
        break;
      case FROZENSET:
        ok = load_frozenset(u);
        break;
      case ADDITEMS:
        ok = load_additems(u);
        break;
      case APPEND:
        if (u->stack.size() <= u->fence + 1) {
          ok = underflow(u);
        } else {
          ok = do_append(u, u->stack.size() - 1);
        }
        break;
      case APPENDS: {
        size_t mark;
        ok = marker(u, &mark) && do_append(u, mark);
        break;
      }
      case SETITEM:
        if (u->stack.size() < 2) {
          ok = underflow(u);
        } else {
          ok = do_setitems(u, u->stack.size() - 2);
        }
        break;
      case SETITEMS: {
        size_t mark;
        ok = marker(u, &mark) && do_setitems(u, mark);
        break;
      }
      case MARK:
        u->marks.push_back(u->stack.size());
        u->fence = u->stack.size();
        break;
      case POP:
        ok = load_pop(u);
        break;
      case POP_MARK: {
        size_t mark;
        ok = marker(u, &mark);
        if (ok) truncate_stack(u, mark);
        break;
      }
      case DUP:
        if (u->stack.size() <= u->fence) {
          ok = underflow(u);
        } else {
          push(u, u->stack.back().dup());
        }
        break;
      case GET: {
        std::string_view line;
        ok = read_line(u, &line);
        if (!ok) break;
        Ref key = int_from_string(line, 10);
        int64_t idx = 0;
        ok = key && int_to_int64(key.get(), &idx);
        if (ok) ok = load_get(u, static_cast<uint64_t>(idx < 0 ? -idx : idx), idx < 0);
        break;
      }
      case BINGET:
        ok = read_uint(u, 1, &n) && load_get(u, n);
        break;
      case LONG_BINGET:
        ok = read_uint(u, 4, &n) && load_get(u, n);
        break;
      case PUT: {
        if (u->stack.size() <= u->fence) {
          ok = underflow(u);
          break;
        }
        std::string_view line;
        ok = read_line(u, &line);
        if (!ok) break;
        Ref key = int_from_string(line, 10);
        int64_t idx = 0;
        ok = key && int_to_int64(key.get(), &idx);
        if (ok && idx < 0) {
          raise(&exc_ValueError, "negative PUT argument");
          ok = false;
        }
        if (ok) ok = load_put(u, static_cast<uint64_t>(idx));
        break;
      }
      case BINPUT:
        ok = read_uint(u, 1, &n) && load_put(u, n);
        break;
      case LONG_BINPUT:
        ok = read_uint(u, 4, &n) && load_put(u, n);
        break;
      case MEMOIZE:
        ok = load_put(u, u->memo_len);
        break;
      case GLOBAL:
        ok = load_global(u);
        break;
      case STACK_GLOBAL:
        ok = load_stack_global(u);
        break;
      case EXT1:
        ok = load_extension(u, 1);
        break;
      case EXT2:
        ok = load_extension(u, 2);
        break;
      case EXT4:
        ok = load_extension(u, 4);
        break;
      case INST:
        ok = load_inst(u);
        break;
      case OBJ:
        ok = load_obj(u);
        break;
      case NEWOBJ:
        ok = load_newobj(u, false);
        break;
      case NEWOBJ_EX:
        ok = load_newobj(u, true);
        break;
      case REDUCE:
        ok = load_reduce(u);
        break;
      case BUILD:
        ok = load_build(u);
        break;
      case PERSID:
        ok = load_persid(u);
        break;
      case BINPERSID:
        ok = load_binpersid(u);
        break;
      case NEXT_BUFFER:
        ok = load_next_buffer(u);
        break;
      case READONLY_BUFFER:
        ok = load_readonly_buffer(u);
        break;
      case FRAME:
        ok = load_frame(u);
        break;
      case PROTO:
        ok = read_uint(u, 1, &n);
        if (!ok) break;
        if (n > static_cast<uint64_t>(kHighestProtocol)) {
          raise_fmt(&exc_ValueError, "unsupported pickle protocol: {}", n);
          ok = false;
        } else {
          u->proto = static_cast<int>(n);
        }
        break;
      case STOP: {
        Ref value = pop(u);
        return value;
      }
      default:
        if (op >= 0x20 && op <= 0x7e && op != '\'' && op != '\\') {
          fail(fmt::format("invalid load key, '{}'.", static_cast<char>(op)));
        } else {
          fail(fmt::format("invalid load key, '\\x{:02x}'.", op));
        }
        return Ref();
    }
    if (!ok) return Ref();
  }
}

}  // namespace minipy::lib::pickle
