// array: the array.array type and its iterator, our own code with CPython 3.11's semantics and
// messages (Modules/arraymodule.c). Items live in one std::string in native byte order; that
// string is the buffer a memoryview (or any bytes-like consumer) reads and writes in place,
// through the type's buffer slot (rt::BufferProcs). While a memoryview views the array, any
// change of its size raises BufferError, as in CPython. Conversions of single items and the
// pickle reconstructor are in array_items.cpp. Mutations run under the array's CriticalSection;
// a value is converted (which may run Python code) before the section is entered.
#include "stdlib/native/array.h"

#include <algorithm>
#include <cstring>
#include <string>
#include <utility>
#include <vector>

#include "runtime/critical_section.h"
#include "runtime/errors.h"
#include "runtime/objects/bytes.h"
#include "runtime/objects/dict.h"
#include "runtime/objects/int.h"
#include "runtime/objects/list.h"
#include "runtime/objects/misc.h"
#include "runtime/objects/native.h"
#include "runtime/objects/singletons.h"
#include "runtime/objects/str.h"
#include "runtime/objects/tuple.h"
#include "runtime/ops.h"
#include "runtime/state/interpreter.h"
#include "vm/import.h"

namespace minipy::lib {

using namespace rt;

TypeObject array_type;

namespace {

TypeObject array_iter_type;
Ref g_reconstructor;  // array._array_reconstructor, which __reduce_ex__ names

int64_t length_of(const ArrayObject* a) {
  return static_cast<int64_t>(a->data.size()) / a->descr->itemsize;
}
size_t item_size(const ArrayObject* a) { return static_cast<size_t>(a->descr->itemsize); }

/// CPython's array_resize rule: no change of size while a buffer is exported.
bool can_resize(const ArrayObject* a, size_t new_bytes) {
  if (a->exports > 0 && new_bytes != a->data.size()) {
    raise(&exc_BufferError, "cannot resize an array that is exporting buffers");
    return false;
  }
  return true;
}

Ref new_array(TypeObject* type, const ArrayDescr* d, std::string data = {}) {
  auto* a = alloc_instance<ArrayObject>(type);
  a->descr = d;
  a->data = std::move(data);
  return Ref::steal(Value(a));
}

Ref item_at(const ArrayObject* a, int64_t i) {
  return array_item_value(a->descr, a->data.data() + i * a->descr->itemsize);
}

// ------------------------------------------------------------------ buffer export

std::string* buffer_storage(Object* o) { return &static_cast<ArrayObject*>(o)->data; }
char buffer_format(Object* o) {
  char tc = static_cast<ArrayObject*>(o)->descr->typecode;
  return tc == 'u' ? 'w' : tc;  // wchar_t: CPython's memoryview shows 'w'
}
int buffer_itemsize(Object* o) { return static_cast<ArrayObject*>(o)->descr->itemsize; }
void buffer_acquire(Object* o) {
  CriticalSection cs(o);
  static_cast<ArrayObject*>(o)->exports++;
}
void buffer_release(Object* o) {
  CriticalSection cs(o);
  static_cast<ArrayObject*>(o)->exports--;
}
const BufferProcs kArrayBuffer = {buffer_storage, buffer_format,  buffer_itemsize,
                                  buffer_acquire, buffer_release, false};

// ------------------------------------------------------------------ growing

/// Appends `bytes` (whole items); false when the array is exported.
bool append_bytes(ArrayObject* a, std::string_view bytes) {
  if (bytes.empty()) return true;
  CriticalSection cs(a);
  if (!can_resize(a, a->data.size() + bytes.size())) return false;
  a->data.append(bytes);
  return true;
}

bool append_value(ArrayObject* a, Value v) {
  char item[8];
  if (!array_item_bytes(a->descr, v, item)) return false;
  return append_bytes(a, std::string_view(item, item_size(a)));
}

/// Appends every item of an iterable, keeping those appended before an error (as CPython).
bool extend_from_iter(ArrayObject* a, Value iterable) {
  Ref it = get_iter(iterable);
  if (!it) return false;
  while (Ref v = iter_next(it.get())) {
    if (!append_value(a, v.get())) return false;
  }
  return !error_pending();
}

bool extend(ArrayObject* a, Value bb) {
  if (!is_array(bb)) return extend_from_iter(a, bb);
  if (as_array(bb)->descr != a->descr) {
    raise(&exc_TypeError, "can only extend with array of same kind");
    return false;
  }
  std::string copy = as_array(bb)->data;  // bb may be a itself
  return append_bytes(a, copy);
}

/// Converts a sequence's items first, so that a bad item leaves the array as it was.
bool convert_all(const ArrayDescr* d, std::span<const Ref> items, std::string* out) {
  char item[8];
  for (const Ref& v : items) {
    if (!array_item_bytes(d, v.get(), item)) return false;
    out->append(item, static_cast<size_t>(d->itemsize));
  }
  return true;
}

std::vector<Ref> snapshot(Value seq) {
  std::vector<Ref> items;
  if (is_list(seq)) {
    ListObject* l = as_list(seq);
    CriticalSection cs(l);
    for (Value v : l->items) items.push_back(Ref::new_ref(v));
  } else {
    auto* t = static_cast<TupleObject*>(seq.obj());
    for (size_t i = 0; i < t->size; i++) items.push_back(Ref::new_ref(t->at(i)));
  }
  return items;
}

bool append_unicode(ArrayObject* a, std::string_view text) {
  std::string bytes;
  for (size_t pos = 0; pos < text.size();) {
    uint32_t cp = utf8_decode(text, pos);
    bytes.append(reinterpret_cast<const char*>(&cp), 4);
  }
  return append_bytes(a, bytes);
}

// ------------------------------------------------------------------ construction

/// array(typecode[, initializer]): the typecode is one character; the initializer a list,
/// tuple, bytes-like, str (for 'u'), array of the same typecode, or any iterable.
Ref array_new(TypeObject* type, const Value* args, size_t nargs, TupleObject* kw) {
  if ((type == &array_type || type->init == array_type.init) && kw != nullptr && kw->size > 0)
    return raise(&exc_TypeError, "array.array() takes no keyword arguments");
  if (nargs < 1) return raise_fmt(&exc_TypeError, "array() takes at least 1 argument (0 given)");
  if (nargs > 2)
    return raise_fmt(&exc_TypeError, "array() takes at most 2 arguments ({} given)", nargs);
  Value tc = args[0];
  if (!is_str(tc) || as_str(tc)->length != 1) {
    return raise_fmt(&exc_TypeError, "array() argument 1 must be a unicode character, not {}",
                     type_name(tc));
  }
  size_t pos = 0;
  uint32_t c = utf8_decode(as_str(tc)->view(), pos);
  Value init = nargs > 1 ? args[1] : Value();
  if (init && c != 'u') {
    if (is_str(init)) {
      return raise_fmt(&exc_TypeError, "cannot use a str to initialize an array with typecode '{}'",
                       static_cast<char>(c));
    }
    if (is_array(init) && as_array(init)->descr->typecode == 'u') {
      return raise_fmt(&exc_TypeError,
                       "cannot use a unicode array to initialize an array with typecode '{}'",
                       static_cast<char>(c));
    }
  }
  const ArrayDescr* d = array_descr(c);
  bool direct = !init || is_list(init) || is_tuple(init) || is_bytes(init) || is_bytearray(init) ||
                (c == 'u' && is_str(init)) ||
                (is_array(init) && d != nullptr && as_array(init)->descr == d);
  Ref it;
  if (!direct) {
    it = get_iter(init);
    if (!it) return it;
  }
  if (d == nullptr) {
    return raise(&exc_ValueError, "bad typecode (must be b, B, u, h, H, i, I, l, L, q, Q, f or d)");
  }
  Ref r = new_array(type, d);
  ArrayObject* a = as_array(r.get());
  if (it) {
    if (!extend_from_iter(a, it.get())) return Ref();
  } else if (init && (is_list(init) || is_tuple(init))) {
    if (!convert_all(d, snapshot(init), &a->data)) return Ref();
  } else if (init && (is_bytes(init) || is_bytearray(init))) {
    std::string_view raw;
    bytes_like_data(init, &raw);
    if (raw.size() % item_size(a) != 0)
      return raise(&exc_ValueError, "bytes length not a multiple of item size");
    a->data.assign(raw);
  } else if (init && is_str(init)) {
    if (!append_unicode(a, as_str(init)->view())) return Ref();
  } else if (init) {
    a->data = as_array(init)->data;
  }
  return r;
}

void array_dealloc(Object* o) { delete static_cast<ArrayObject*>(o); }

// ------------------------------------------------------------------ sequence protocol

bool array_len(Value v, int64_t* out) {
  *out = length_of(as_array(v));
  return true;
}

Ref array_getitem(Value v, Value key) {
  ArrayObject* a = as_array(v);
  if (type_of(key) == &slice_type) {
    int64_t start, stop, step, n;
    std::string out;
    {
      CriticalSection cs(a);
      if (!slice_indices(static_cast<SliceObject*>(key.obj()), length_of(a), &start, &stop, &step,
                         &n)) {
        return Ref();
      }
      size_t size = item_size(a);
      if (step == 1) {
        out = a->data.substr(static_cast<size_t>(start) * size, static_cast<size_t>(n) * size);
      } else {
        for (int64_t k = 0, i = start; k < n; k++, i += step)
          out.append(a->data, static_cast<size_t>(i) * size, size);
      }
    }
    return new_array(&array_type, a->descr, std::move(out));  // slices are plain arrays
  }
  if (!is_int(key) && type_of(key)->nb_index == nullptr)
    return raise(&exc_TypeError, "array indices must be integers");
  int64_t i;
  if (!index_size(key, &i)) return Ref();
  CriticalSection cs(a);
  int64_t n = length_of(a);
  if (i < 0) i += n;
  if (i < 0 || i >= n) return raise(&exc_IndexError, "array index out of range");
  return item_at(a, i);
}

/// The byte offsets of the items a slice selects, in slice order.
std::vector<size_t> slice_offsets(int64_t start, int64_t step, int64_t n, size_t size) {
  std::vector<size_t> offsets;
  for (int64_t k = 0, i = start; k < n; k++, i += step)
    offsets.push_back(static_cast<size_t>(i) * size);
  return offsets;
}

bool assign_slice(ArrayObject* a, SliceObject* slice, Value value) {
  std::string src;  // the new items (a copy: the source may be the array itself)
  if (value) {
    if (!is_array(value)) {
      raise_fmt(&exc_TypeError, "can only assign array (not \"{}\") to array slice",
                type_name(value));
      return false;
    }
    if (as_array(value)->descr != a->descr) {
      raise(&exc_TypeError, "bad argument type for built-in operation");
      return false;
    }
    src = as_array(value)->data;
  }
  CriticalSection cs(a);
  int64_t start, stop, step, n;
  if (!slice_indices(slice, length_of(a), &start, &stop, &step, &n)) return false;
  size_t size = item_size(a);
  int64_t needed = static_cast<int64_t>(src.size() / size);
  if (step == 1) {
    if (!can_resize(a, a->data.size() - static_cast<size_t>(n - needed) * size)) return false;
    a->data.replace(static_cast<size_t>(start) * size, static_cast<size_t>(n) * size, src);
    return true;
  }
  std::vector<size_t> offsets = slice_offsets(start, step, n, size);
  if (!value) {  // delete an extended slice: keep every item not selected
    if (!can_resize(a, a->data.size() - offsets.size() * size)) return false;
    std::sort(offsets.begin(), offsets.end());
    std::string kept;
    size_t next = 0;
    for (size_t off = 0; off < a->data.size(); off += size) {
      if (next < offsets.size() && offsets[next] == off) {
        next++;
        continue;
      }
      kept.append(a->data, off, size);
    }
    a->data = std::move(kept);
    return true;
  }
  if (needed != n) {
    raise_fmt(&exc_ValueError, "attempt to assign array of size {} to extended slice of size {}",
              needed, n);
    return false;
  }
  for (size_t k = 0; k < offsets.size(); k++)
    std::memcpy(a->data.data() + offsets[k], src.data() + k * size, size);
  return true;
}

bool array_setitem(Value v, Value key, Value value) {
  ArrayObject* a = as_array(v);
  if (type_of(key) == &slice_type)
    return assign_slice(a, static_cast<SliceObject*>(key.obj()), value);
  if (!is_int(key) && type_of(key)->nb_index == nullptr) {
    raise(&exc_TypeError, "array indices must be integers");
    return false;
  }
  int64_t i;
  if (!index_size(key, &i)) return false;
  char item[8];
  if (value && !array_item_bytes(a->descr, value, item)) return false;
  CriticalSection cs(a);
  int64_t n = length_of(a);
  if (i < 0) i += n;
  if (i < 0 || i >= n) {
    raise(&exc_IndexError, "array assignment index out of range");
    return false;
  }
  size_t size = item_size(a);
  if (!value) {
    if (!can_resize(a, a->data.size() - size)) return false;
    a->data.erase(static_cast<size_t>(i) * size, size);
    return true;
  }
  std::memcpy(a->data.data() + static_cast<size_t>(i) * size, item, size);
  return true;
}

/// The index of the first item equal to `v` in [start, stop), -1 when none, -2 on error.
int64_t find(ArrayObject* a, Value v, int64_t start, int64_t stop) {
  for (int64_t i = start; i < std::min(stop, length_of(a)); i++) {
    Ref item;
    {
      CriticalSection cs(a);
      if (i >= length_of(a)) break;
      item = item_at(a, i);
    }
    if (!item) return -2;
    int e = equal(item.get(), v);
    if (e < 0) return -2;
    if (e) return i;
  }
  return -1;
}

int array_contains(Value v, Value item) {
  int64_t i = find(as_array(v), item, 0, INT64_MAX);
  return i == -2 ? -1 : i >= 0;
}

Ref array_richcompare(Value v, Value w, CmpOp op) {
  if (!is_array(v) || !is_array(w)) return not_implemented_ref();
  ArrayObject* a = as_array(v);
  ArrayObject* b = as_array(w);
  int64_t na = length_of(a), nb = length_of(b);
  if (na != nb && (op == CmpOp::Eq || op == CmpOp::Ne)) return bool_ref(op == CmpOp::Ne);
  // The first differing items decide; when there are none, the lengths.
  for (int64_t i = 0; i < std::min(length_of(a), length_of(b)); i++) {
    Ref x = item_at(a, i);
    if (!x) return x;
    Ref y = item_at(b, i);
    if (!y) return y;
    int e = equal(x.get(), y.get());
    if (e < 0) return Ref();
    if (e) continue;
    if (op == CmpOp::Eq) return bool_ref(false);
    if (op == CmpOp::Ne) return bool_ref(true);
    return compare(x.get(), y.get(), op);
  }
  int64_t la = length_of(a), lb = length_of(b);
  return bool_ref(cmp_holds(la < lb ? -1 : la > lb ? 1 : 0, op));
}

Ref array_tolist_impl(ArrayObject* a) {
  std::string copy;
  {
    CriticalSection cs(a);
    copy = a->data;
  }
  Ref l = list_new();
  for (size_t off = 0; off < copy.size(); off += item_size(a)) {
    Ref v = array_item_value(a->descr, copy.data() + off);
    if (!v) return v;
    list_append_steal(as_list(l.get()), v.release());
  }
  return l;
}

Ref array_tounicode_impl(ArrayObject* a) {
  std::string out;
  CriticalSection cs(a);
  for (size_t off = 0; off < a->data.size(); off += 4) {
    uint32_t cp;
    std::memcpy(&cp, a->data.data() + off, 4);
    if (cp > 0x10FFFF) {
      return raise_fmt(&exc_ValueError, "character U+{:x} is not in range [U+0000; U+10ffff]", cp);
    }
    utf8_append(out, cp);
  }
  return str_new(std::move(out));
}

Ref array_repr(Value v) {
  ArrayObject* a = as_array(v);
  const std::string& name = type_of(v)->name;
  char tc = a->descr->typecode;
  if (length_of(a) == 0) return str_new(fmt::format("{}('{}')", name, tc));
  Ref items = tc == 'u' ? array_tounicode_impl(a) : array_tolist_impl(a);
  if (!items) return items;
  std::string text;
  if (!repr_text(items.get(), &text)) return Ref();
  return str_new(fmt::format("{}('{}', {})", name, tc, text));
}

// ------------------------------------------------------------------ numbers: + * += *=

Ref array_add(Value v, Value w) {
  if (!is_array(v)) return not_implemented_ref();
  if (!is_array(w)) {
    return raise_fmt(&exc_TypeError, "can only append array (not \"{}\") to array", type_name(w));
  }
  if (as_array(v)->descr != as_array(w)->descr)
    return raise(&exc_TypeError, "bad argument type for built-in operation");
  return new_array(&array_type, as_array(v)->descr, as_array(v)->data + as_array(w)->data);
}

/// The repeat count of `a * n` (negative counts as 0); false when `n` is no integer.
bool repeat_count(Value n, int64_t* out) {
  if (!is_int(n) && type_of(n)->nb_index == nullptr) {
    raise_fmt(&exc_TypeError, "can't multiply sequence by non-int of type '{}'", type_name(n));
    return false;
  }
  if (!index_size(n, out)) return false;
  *out = std::max<int64_t>(*out, 0);
  return true;
}

std::string repeated(const std::string& data, int64_t n) {
  std::string out;
  if (!data.empty() && n > 0) {
    out.reserve(data.size() * static_cast<size_t>(n));
    for (int64_t k = 0; k < n; k++) out += data;
  }
  return out;
}

Ref array_mul(Value v, Value w) {
  if (!is_array(v)) std::swap(v, w);
  if (!is_array(v)) return not_implemented_ref();
  int64_t n;
  if (!repeat_count(w, &n)) return Ref();
  ArrayObject* a = as_array(v);
  if (n > 0 && a->data.size() > static_cast<size_t>(INT64_MAX) / static_cast<size_t>(n))
    return raise_no_memory();
  return new_array(&array_type, a->descr, repeated(a->data, n));
}

Ref array_iadd(Value v, Value w) {
  if (!is_array(w)) {
    return raise_fmt(&exc_TypeError, "can only extend array with array (not \"{}\")", type_name(w));
  }
  if (!extend(as_array(v), w)) return Ref();
  return Ref::new_ref(v);
}

Ref array_imul(Value v, Value w) {
  int64_t n;
  if (!repeat_count(w, &n)) return Ref();
  ArrayObject* a = as_array(v);
  if (n > 0 && a->data.size() > static_cast<size_t>(INT64_MAX) / static_cast<size_t>(n))
    return raise_no_memory();
  CriticalSection cs(a);
  std::string out = repeated(a->data, n);
  if (!can_resize(a, out.size())) return Ref();
  a->data = std::move(out);
  return Ref::new_ref(v);
}

// ------------------------------------------------------------------ methods

ArrayObject* self_of(Value v) { return as_array(v); }

Ref m_append(Value self, NativeArgs& a) {
  if (!append_value(self_of(self), a[0])) return Ref();
  return none_ref();
}

Ref m_extend(Value self, NativeArgs& a) {
  if (!extend(self_of(self), a[0])) return Ref();
  return none_ref();
}

Ref m_insert(Value self, NativeArgs& a) {
  ArrayObject* arr = self_of(self);
  char item[8];
  if (!array_item_bytes(arr->descr, a[1], item)) return Ref();
  CriticalSection cs(arr);
  int64_t n = length_of(arr), i = a.i64(0);
  if (i < 0) i = std::max<int64_t>(i + n, 0);
  i = std::min(i, n);
  if (!can_resize(arr, arr->data.size() + item_size(arr))) return Ref();
  arr->data.insert(static_cast<size_t>(i) * item_size(arr), item, item_size(arr));
  return none_ref();
}

Ref m_pop(Value self, NativeArgs& a) {
  ArrayObject* arr = self_of(self);
  CriticalSection cs(arr);
  int64_t n = length_of(arr), i = a.i64(0);
  if (n == 0) return raise(&exc_IndexError, "pop from empty array");
  if (i < 0) i += n;
  if (i < 0 || i >= n) return raise(&exc_IndexError, "pop index out of range");
  Ref v = item_at(arr, i);
  if (!v) return v;
  if (!can_resize(arr, arr->data.size() - item_size(arr))) return Ref();
  arr->data.erase(static_cast<size_t>(i) * item_size(arr), item_size(arr));
  return v;
}

Ref m_remove(Value self, NativeArgs& a) {
  ArrayObject* arr = self_of(self);
  int64_t i = find(arr, a[0], 0, INT64_MAX);
  if (i == -2) return Ref();
  if (i < 0) return raise(&exc_ValueError, "array.remove(x): x not in array");
  CriticalSection cs(arr);
  if (i >= length_of(arr)) return none_ref();
  if (!can_resize(arr, arr->data.size() - item_size(arr))) return Ref();
  arr->data.erase(static_cast<size_t>(i) * item_size(arr), item_size(arr));
  return none_ref();
}

/// index()'s start/stop (CPython's slice-index converter), made relative to the length.
bool slice_bound(Value v, int64_t n, int64_t* out) {
  if (!is_int(v) && type_of(v)->nb_index == nullptr) {
    raise(&exc_TypeError, "slice indices must be integers or have an __index__ method");
    return false;
  }
  Ref i = number_index(v);
  if (!i) return false;
  if (!int_to_int64(i.get(), out)) {  // clamp as CPython's _PyEval_SliceIndex
    clear_exception();
    *out = compare_bool(i.get(), Value::from_small(0), CmpOp::Lt) == 1 ? INT64_MIN : INT64_MAX;
  }
  if (*out < 0) *out = std::max<int64_t>(*out + n, 0);
  return true;
}

Ref m_index(Value self, NativeArgs& a) {
  ArrayObject* arr = self_of(self);
  int64_t n = length_of(arr), start, stop;
  if (!slice_bound(a[1], n, &start) || !slice_bound(a[2], n, &stop)) return Ref();
  int64_t i = find(arr, a[0], start, stop);
  if (i == -2) return Ref();
  if (i < 0) return raise(&exc_ValueError, "array.index(x): x not in array");
  return int_from_int64(i);
}

Ref m_count(Value self, NativeArgs& a) {
  ArrayObject* arr = self_of(self);
  int64_t count = 0;
  for (int64_t i = 0;;) {
    i = find(arr, a[0], i, INT64_MAX);
    if (i == -2) return Ref();
    if (i < 0) break;
    count++;
    i++;
  }
  return int_from_int64(count);
}

Ref m_reverse(Value self, NativeArgs&) {
  ArrayObject* arr = self_of(self);
  CriticalSection cs(arr);
  size_t size = item_size(arr), n = arr->data.size() / size;
  for (size_t i = 0; i < n / 2; i++) {
    std::swap_ranges(arr->data.begin() + static_cast<ptrdiff_t>(i * size),
                     arr->data.begin() + static_cast<ptrdiff_t>((i + 1) * size),
                     arr->data.begin() + static_cast<ptrdiff_t>((n - 1 - i) * size));
  }
  return none_ref();
}

Ref m_byteswap(Value self, NativeArgs&) {
  ArrayObject* arr = self_of(self);
  CriticalSection cs(arr);
  size_t size = item_size(arr);
  for (size_t off = 0; off < arr->data.size(); off += size)
    std::reverse(arr->data.begin() + static_cast<ptrdiff_t>(off),
                 arr->data.begin() + static_cast<ptrdiff_t>(off + size));
  return none_ref();
}

Ref m_buffer_info(Value self, NativeArgs&) {
  ArrayObject* arr = self_of(self);
  Ref addr = int_from_int64(static_cast<int64_t>(reinterpret_cast<intptr_t>(arr->data.data())));
  Ref n = int_from_int64(length_of(arr));
  return tuple_of({addr.get(), n.get()});
}

Ref m_frombytes(Value self, NativeArgs& a) {
  ArrayObject* arr = self_of(self);
  std::string copy(a.bytes(0));  // the buffer may be this array
  if (copy.size() % item_size(arr) != 0)
    return raise(&exc_ValueError, "bytes length not a multiple of item size");
  if (!append_bytes(arr, copy)) return Ref();
  return none_ref();
}

Ref m_tobytes(Value self, NativeArgs&) {
  ArrayObject* arr = self_of(self);
  CriticalSection cs(arr);
  return bytes_new(arr->data);
}

Ref m_fromlist(Value self, NativeArgs& a) {
  if (!is_list(a[0])) return raise(&exc_TypeError, "arg must be list");
  ArrayObject* arr = self_of(self);
  std::string bytes;
  if (!convert_all(arr->descr, snapshot(a[0]), &bytes)) return Ref();
  if (!append_bytes(arr, bytes)) return Ref();
  return none_ref();
}

Ref m_tolist(Value self, NativeArgs&) { return array_tolist_impl(self_of(self)); }

Ref m_fromunicode(Value self, NativeArgs& a) {
  ArrayObject* arr = self_of(self);
  if (arr->descr->typecode != 'u')
    return raise(&exc_ValueError, "fromunicode() may only be called on unicode type arrays");
  if (!append_unicode(arr, a.str(0))) return Ref();
  return none_ref();
}

Ref m_tounicode(Value self, NativeArgs&) {
  ArrayObject* arr = self_of(self);
  if (arr->descr->typecode != 'u')
    return raise(&exc_ValueError, "tounicode() may only be called on unicode type arrays");
  return array_tounicode_impl(arr);
}

Ref m_fromfile(Value self, NativeArgs& a) {
  ArrayObject* arr = self_of(self);
  int64_t n = a.i64(1);
  if (n < 0) return raise(&exc_ValueError, "negative count");
  if (n > INT64_MAX / arr->descr->itemsize) return raise_no_memory();
  int64_t nbytes = n * arr->descr->itemsize;
  Ref count = int_from_int64(nbytes);
  Value count_arg = count.get();
  Ref b = call_method(a[0], intern("read"), &count_arg, 1);
  if (!b) return b;
  if (!is_bytes(b.get())) return raise(&exc_TypeError, "read() didn't return bytes");
  const std::string& got = static_cast<BytesObject*>(b.obj())->data;
  bool short_read = static_cast<int64_t>(got.size()) != nbytes;
  if (got.size() % item_size(arr) != 0)
    return raise(&exc_ValueError, "bytes length not a multiple of item size");
  if (!append_bytes(arr, got)) return Ref();
  if (short_read) return raise(&exc_EOFError, "read() didn't return enough bytes");
  return none_ref();
}

Ref m_tofile(Value self, NativeArgs& a) {
  ArrayObject* arr = self_of(self);
  constexpr size_t kBlock = 64 * 1024;  // CPython writes in blocks of this size
  std::string copy;
  {
    CriticalSection cs(arr);
    copy = arr->data;
  }
  for (size_t off = 0; off < copy.size(); off += kBlock) {
    Ref chunk = bytes_new(std::string_view(copy).substr(off, kBlock));
    Value chunk_arg = chunk.get();
    Ref r = call_method(a[0], intern("write"), &chunk_arg, 1);
    if (!r) return r;
  }
  return none_ref();
}

Ref m_copy(Value self, NativeArgs&) {
  ArrayObject* arr = self_of(self);
  CriticalSection cs(arr);
  return new_array(&array_type, arr->descr, arr->data);
}

Ref m_sizeof(Value self, NativeArgs&) {
  ArrayObject* arr = self_of(self);
  return int_from_int64(static_cast<int64_t>(sizeof(ArrayObject) + arr->data.capacity()));
}

/// __reduce_ex__(protocol): protocol 3 and later pickle the machine bytes through
/// _array_reconstructor, older ones the list of items.
Ref m_reduce_ex(Value self, NativeArgs& a) {
  if (!is_int(a[0])) return raise(&exc_TypeError, "__reduce_ex__ argument should be an integer");
  int64_t protocol;
  if (!int_to_int64(a[0], &protocol)) return Ref();
  ArrayObject* arr = self_of(self);
  Ref dict = getattr_opt(self, intern("__dict__"));
  if (!dict) {
    if (error_pending()) return dict;
    dict = none_ref();
  }
  Value type(type_of(self));
  Ref tc = str_from_char(static_cast<unsigned char>(arr->descr->typecode));
  if (protocol < 3) {
    Ref items = array_tolist_impl(arr);
    if (!items) return items;
    Ref args = tuple_of({tc.get(), items.get()});
    return tuple_of({type, args.get(), dict.get()});
  }
  Value recon = g_reconstructor.get();
  Ref code = Ref::small(array_mformat_code(arr->descr));
  Ref bytes = m_tobytes(self, a);
  Ref args = tuple_of({type, tc.get(), code.get(), bytes.get()});
  return tuple_of({recon, args.get(), dict.get()});
}

const NativeDef kArrayMethods[] = {
    {"append($self, v, /)", m_append},
    {"buffer_info($self, /)", m_buffer_info},
    {"byteswap($self, /)", m_byteswap},
    {"count($self, v, /)", m_count},
    {"extend($self, bb, /)", m_extend},
    {"frombytes($self, buffer: buffer, /)", m_frombytes},
    {"fromfile($self, f, n: ssize_t, /)", m_fromfile},
    {"fromlist($self, list, /)", m_fromlist},
    {"fromunicode($self, ustr: str, /)", m_fromunicode},
    {"index($self, v, start=0, stop=sys.maxsize, /)", m_index},
    {"insert($self, i: ssize_t, v, /)", m_insert},
    {"pop($self, i: ssize_t = -1, /)", m_pop},
    {"remove($self, v, /)", m_remove},
    {"reverse($self, /)", m_reverse},
    {"tobytes($self, /)", m_tobytes},
    {"tofile($self, f, /)", m_tofile},
    {"tolist($self, /)", m_tolist},
    {"tounicode($self, /)", m_tounicode},
    {"__copy__($self, /)", m_copy},
    {"__deepcopy__($self, unused, /)", m_copy},
    {"__reduce_ex__($self, value, /)", m_reduce_ex},
    {"__sizeof__($self, /)", m_sizeof},
};

Ref get_typecode(Value v) {
  return str_from_char(static_cast<unsigned char>(as_array(v)->descr->typecode));
}
Ref get_itemsize(Value v) { return Ref::small(as_array(v)->descr->itemsize); }

// ------------------------------------------------------------------ iterator

struct ArrayIterObject : Object {
  Ref array;  // null once exhausted
  int64_t index = 0;
};

ArrayIterObject* as_iter(Value v) { return static_cast<ArrayIterObject*>(v.obj()); }

Ref array_iter(Value v) {
  auto* it = alloc_instance<ArrayIterObject>(&array_iter_type);
  it->array = Ref::new_ref(v);
  return Ref::steal(Value(it));
}

void iter_dealloc(Object* o) { delete static_cast<ArrayIterObject*>(o); }
void iter_traverse(Object* o, VisitFn visit, void* arg) {
  visit_value(static_cast<ArrayIterObject*>(o)->array.get(), visit, arg);
}
void iter_clear(Object* o) { Ref drop = std::move(static_cast<ArrayIterObject*>(o)->array); }
Ref iter_self(Value v) { return Ref::new_ref(v); }

Ref iter_next_item(Value v) {
  ArrayIterObject* it = as_iter(v);
  if (!it->array) return Ref();
  ArrayObject* a = as_array(it->array.get());
  Ref item;
  {
    CriticalSection cs(a);
    if (it->index < length_of(a)) item = item_at(a, it->index++);
  }
  if (!item && !error_pending()) it->array = Ref();
  return item;
}

Ref iter_reduce(Value v, NativeArgs&) {
  ArrayIterObject* it = as_iter(v);
  Value iter_fn = dict_get_cstr(interp().builtins_dict(), "iter");
  if (!it->array) {
    Ref empty = tuple_new(0);
    Ref args = tuple_of({empty.get()});
    return tuple_of({iter_fn, args.get()});
  }
  Ref args = tuple_of({it->array.get()});
  Ref index = int_from_int64(it->index);
  return tuple_of({iter_fn, args.get(), index.get()});
}

Ref iter_setstate(Value v, NativeArgs& a) {
  ArrayIterObject* it = as_iter(v);
  int64_t index;
  if (!index_size(a[0], &index)) return Ref();
  if (it->array) {
    index = std::clamp<int64_t>(index, 0, length_of(as_array(it->array.get())));
    it->index = index;
  }
  return none_ref();
}

const NativeDef kIterMethods[] = {
    {"__reduce__($self, /)", iter_reduce},
    {"__setstate__($self, state, /)", iter_setstate},
};

// ------------------------------------------------------------------ module

Ref f_array_reconstructor(Value, NativeArgs& a) {
  Value tc = a[1];
  if (!is_str(tc) || as_str(tc)->length != 1) {
    return raise_fmt(&exc_TypeError,
                     "_array_reconstructor() argument 2 must be a unicode character, not {}",
                     type_name(tc));
  }
  size_t pos = 0;
  auto code = static_cast<int>(utf8_decode(as_str(tc)->view(), pos));
  return array_reconstruct(a[0], code, a.i32(2), a[3]);
}

const NativeDef kArrayFunctions[] = {
    {"_array_reconstructor($module, arraytype, typecode, mformat_code: int, items, /)",
     f_array_reconstructor},
};

void ready_types() {
  array_type.name = "array";
  array_type.module = "array";
  array_type.flags = kTypeBaseType | kTypeWeakrefable | kTypeSequence;
  array_type.basic_size = sizeof(ArrayObject);
  array_type.subclass_dict_offset = offsetof(ArrayObject, dict);
  array_type.dealloc = array_dealloc;
  array_type.new_ = array_new;
  array_type.repr = array_repr;
  array_type.richcompare = array_richcompare;
  array_type.len = array_len;
  array_type.getitem = array_getitem;
  array_type.setitem = array_setitem;
  array_type.contains = array_contains;
  array_type.iter = array_iter;
  array_type.nb[static_cast<int>(NumOp::Add)] = array_add;
  array_type.nb[static_cast<int>(NumOp::Mul)] = array_mul;
  array_type.nb_inplace[static_cast<int>(NumOp::Add)] = array_iadd;
  array_type.nb_inplace[static_cast<int>(NumOp::Mul)] = array_imul;
  array_type.buffer = &kArrayBuffer;
  type_ready(&array_type, &object_type);
  type_add_module_attr(&array_type);
  add_methods(&array_type, kArrayMethods);
  add_getset(&array_type, "typecode", get_typecode);
  add_getset(&array_type, "itemsize", get_itemsize);

  array_iter_type.name = "arrayiterator";
  array_iter_type.module = "array";
  array_iter_type.basic_size = sizeof(ArrayIterObject);
  array_iter_type.dealloc = iter_dealloc;
  array_iter_type.traverse = iter_traverse;
  array_iter_type.clear = iter_clear;
  array_iter_type.iter = iter_self;
  array_iter_type.iternext = iter_next_item;
  type_ready(&array_iter_type, &object_type);
  type_add_module_attr(&array_iter_type);
  add_methods(&array_iter_type, kIterMethods);
}

}  // namespace

bool init_array(Value module, DictObject* ns) {
  if (array_type.dict == nullptr) ready_types();
  dict_set_cstr(ns, "array", Value(&array_type));
  dict_set_cstr(ns, "ArrayType", Value(&array_type));
  Ref codes = str_new(kArrayTypecodes);
  dict_set_cstr(ns, "typecodes", codes.get());
  add_functions(ns, module, kArrayFunctions);
  g_reconstructor = Ref::new_ref(dict_get_cstr(ns, "_array_reconstructor"));
  // As CPython's module init: arrays are registered MutableSequences. Without CPython's library
  // (minipy on its embedded modules alone) there is no collections.abc and arrays still work.
  Ref abc = vm::import_module_absolute("collections.abc", true);
  if (!abc) {
    if (!exception_matches(&exc_ImportError)) return false;
    clear_exception();
    return true;
  }
  Ref mutable_sequence = getattr(abc.get(), "MutableSequence");
  if (!mutable_sequence) return false;
  Value type(&array_type);
  return static_cast<bool>(call_method(mutable_sequence.get(), intern("register"), &type, 1));
}

}  // namespace minipy::lib
