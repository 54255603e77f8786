// memoryview (see memoryview.h): a window of items over a bytes or bytearray, read and written
// in place. The exporter is re-read at each access and bounds-checked, because a bytearray may
// have been resized since (CPython forbids that resize; minipy reports it at the next access).
#include "runtime/objects/memoryview.h"

#include <climits>
#include <cstring>
#include <string>

#include "runtime/bigint.h"
#include "runtime/critical_section.h"
#include "runtime/errors.h"
#include "runtime/objects/bytes.h"
#include "runtime/objects/float.h"
#include "runtime/objects/int.h"
#include "runtime/objects/list.h"
#include "runtime/objects/misc.h"
#include "runtime/objects/native.h"
#include "runtime/objects/singletons.h"
#include "runtime/objects/str.h"
#include "runtime/objects/tuple.h"
#include "runtime/ops.h"

namespace minipy::rt {

TypeObject memoryview_type;
TypeObject memory_iterator_type;

namespace {

MemoryViewObject* mv_of(Value v) { return static_cast<MemoryViewObject*>(v.obj()); }

bool check_released(MemoryViewObject* m) {
  if (m->released) {
    raise(&exc_ValueError, "operation forbidden on released memoryview object");
    return false;
  }
  return true;
}

/// Size of a native single-character struct format usable in a memoryview (0 = not one).
int native_itemsize(char f) {
  switch (f) {
    case 'c':
    case 'b':
    case 'B':
    case '?':
      return 1;
    case 'h':
    case 'H':
      return static_cast<int>(sizeof(short));
    case 'i':
    case 'I':
      return static_cast<int>(sizeof(int));
    case 'l':
    case 'L':
      return static_cast<int>(sizeof(long));
    case 'q':
    case 'Q':
      return static_cast<int>(sizeof(long long));
    case 'n':
    case 'N':
      return static_cast<int>(sizeof(size_t));
    case 'P':
      return static_cast<int>(sizeof(void*));
    case 'f':
      return 4;
    case 'd':
      return 8;
    default:
      return 0;
  }
}

bool is_byte_format(char f) { return f == 'B' || f == 'b' || f == 'c'; }
bool is_contiguous(MemoryViewObject* m) { return m->step == m->itemsize || m->length <= 1; }

/// The exporter's bytes, checked to still cover the view; null with an exception otherwise.
std::string* storage(MemoryViewObject* m) {
  if (!check_released(m)) return nullptr;
  Object* o = m->obj.obj();
  std::string* data;
  if (is_bytearray(m->obj.get()))
    data = &static_cast<ByteArrayObject*>(o)->data;
  else if (is_bytes(m->obj.get()))
    data = &static_cast<BytesObject*>(o)->data;
  else
    data = o->type->buffer->storage(o);  // an exporter with a buffer slot (array.array)
  if (m->length > 0) {
    int64_t last = m->start + (m->length - 1) * m->step;
    int64_t lo = std::min(m->start, last), hi = std::max(m->start, last) + m->itemsize - 1;
    if (lo < 0 || hi >= static_cast<int64_t>(data->size())) {
      raise(&exc_BufferError, "memoryview: the underlying bytearray was resized");
      return nullptr;
    }
  }
  return data;
}

/// The item at byte `p` as a Python value (native byte order and sizes, as CPython's
/// unpack_single).
Ref item_value(MemoryViewObject* m, const char* p) {
  auto load = [p](auto zero) {
    decltype(zero) x;
    std::memcpy(&x, p, sizeof x);
    return x;
  };
  switch (m->format) {
    case 'w':  // array('u'): wchar_t items, which CPython's memoryview does not read either
      return raise(&exc_NotImplementedError, "memoryview: format w not supported");
    case 'c':
      return bytes_new(std::string_view(p, 1));
    case 'b':
      return Ref::small(static_cast<signed char>(*p));
    case 'B':
      return Ref::small(static_cast<unsigned char>(*p));
    case '?':
      return bool_ref(*p != 0);
    case 'h':
      return Ref::small(load(short{}));
    case 'H':
      return Ref::small(load(static_cast<unsigned short>(0)));
    case 'i':
      return Ref::small(load(int{}));
    case 'I':
      return int_from_int64(load(0u));
    case 'l':
      return int_from_int64(load(0L));
    case 'q':
      return int_from_int64(load(0LL));
    case 'n':
      return int_from_int64(load(int64_t{0}));
    case 'f':
      return float_new(load(0.0f));
    case 'd':
      return float_new(load(0.0));
    default: {  // L Q N P: unsigned 64-bit
      uint64_t x = load(uint64_t{0});
      if (x <= static_cast<uint64_t>(INT64_MAX)) return int_from_int64(static_cast<int64_t>(x));
      return int_from_bigint(BigInt::from_uint64(x));
    }
  }
}

/// Encodes `v` as one item of this view's format into `out` (itemsize bytes); false with
/// CPython's "memoryview: invalid type/value for format 'I'" otherwise.
bool item_bytes(MemoryViewObject* m, Value v, char* out) {
  char f = m->format;
  auto bad_value = [f] {
    raise_fmt(&exc_ValueError, "memoryview: invalid value for format '{}'", f);
    return false;
  };
  auto bad_type = [f] {
    raise_fmt(&exc_TypeError, "memoryview: invalid type for format '{}'", f);
    return false;
  };
  auto store = [out](auto x) {
    std::memcpy(out, &x, sizeof x);
    return true;
  };
  if (f == 'w') {
    raise(&exc_NotImplementedError, "memoryview: format w not supported");
    return false;
  }
  if (f == 'c') {
    if (!is_bytes(v) || static_cast<BytesObject*>(v.obj())->data.size() != 1) return bad_value();
    *out = static_cast<BytesObject*>(v.obj())->data[0];
    return true;
  }
  if (f == '?') {
    int t = truthy(v);
    if (t < 0) return false;
    *out = static_cast<char>(t);
    return true;
  }
  if (f == 'f' || f == 'd') {
    if (!is_float(v) && !is_int(v) && type_of(v)->nb_float == nullptr &&
        type_of(v)->nb_index == nullptr) {
      return bad_type();
    }
    double d;
    if (!to_double(v, &d)) return false;
    return f == 'f' ? store(static_cast<float>(d)) : store(d);
  }
  if (!is_int(v) && type_of(v)->nb_index == nullptr) return bad_type();
  Ref n = number_index(v);
  if (!n) return false;
  BigInt b = int_to_bigint(n.get());
  bool is_unsigned = f == 'B' || f == 'H' || f == 'I' || f == 'L' || f == 'Q' || f == 'N';
  if (f == 'P') {  // a pointer: any value that fits 64 bits, signed or not
    if (b.is_negative() ? !b.fits_int64() : b.bit_length() > 64) return bad_value();
    return store(static_cast<uint64_t>(b.to_int64()));
  }
  if (is_unsigned ? (b.is_negative() || b.bit_length() > 64) : !b.fits_int64()) return bad_value();
  int64_t x = b.to_int64();
  auto ux = static_cast<uint64_t>(x);
  switch (f) {
    case 'b':
      return (x < -128 || x > 127) ? bad_value() : store(static_cast<signed char>(x));
    case 'B':
      return ux > 255 ? bad_value() : store(static_cast<unsigned char>(ux));
    case 'h':
      return (x < SHRT_MIN || x > SHRT_MAX) ? bad_value() : store(static_cast<short>(x));
    case 'H':
      return ux > USHRT_MAX ? bad_value() : store(static_cast<unsigned short>(ux));
    case 'i':
      return (x < INT_MIN || x > INT_MAX) ? bad_value() : store(static_cast<int>(x));
    case 'I':
      return ux > UINT_MAX ? bad_value() : store(static_cast<unsigned>(ux));
    default:
      return store(ux);  // l q n (signed, checked above) and L Q N
  }
}

/// The view's bytes, item after item (tobytes).
std::string gather(MemoryViewObject* m, const std::string& data) {
  std::string out;
  out.reserve(static_cast<size_t>(m->length * m->itemsize));
  for (int64_t i = 0; i < m->length; i++) {
    out.append(data, static_cast<size_t>(m->start + i * m->step), static_cast<size_t>(m->itemsize));
  }
  return out;
}

Ref new_view(Value exporter, int64_t start, int64_t step, int64_t length, MemoryViewObject* like,
             bool readonly) {
  auto* m = alloc_instance<MemoryViewObject>(&memoryview_type);
  m->obj = Ref::new_ref(exporter);
  // Every view of a buffer-slot exporter holds one export until released (or freed).
  if (const BufferProcs* bp = exporter.obj()->type->buffer) bp->acquire(exporter.obj());
  m->start = start;
  m->step = step;
  m->length = length;
  if (like != nullptr) {
    m->format = like->format;
    m->format_at = like->format_at;
    m->itemsize = like->itemsize;
  }
  m->readonly = readonly;
  return Ref::steal(Value(m));
}

Ref mv_new(TypeObject*, const Value* args, size_t nargs, TupleObject* kw) {
  Value a[1];
  if (!parse_args("memoryview", args, nargs, kw, {"object"}, 1, a)) return Ref();
  Value o = a[0];
  if (is_memoryview(o)) {
    MemoryViewObject* src = mv_of(o);
    if (!check_released(src)) return Ref();
    return new_view(src->obj.get(), src->start, src->step, src->length, src, src->readonly);
  }
  if (is_bytes(o)) {
    return new_view(o, 0, 1, static_cast<int64_t>(static_cast<BytesObject*>(o.obj())->data.size()),
                    nullptr, true);
  }
  if (is_bytearray(o)) {
    return new_view(o, 0, 1,
                    static_cast<int64_t>(static_cast<ByteArrayObject*>(o.obj())->data.size()),
                    nullptr, false);
  }
  if (const BufferProcs* bp = o.is_object() ? o.obj()->type->buffer : nullptr) {
    int size = bp->itemsize(o.obj());
    Ref r = new_view(o, 0, size, static_cast<int64_t>(bp->storage(o.obj())->size()) / size, nullptr,
                     bp->readonly);
    mv_of(r.get())->format = bp->format(o.obj());
    mv_of(r.get())->itemsize = size;
    return r;
  }
  return raise_fmt(&exc_TypeError, "memoryview: a bytes-like object is required, not '{}'",
                   type_name(o));
}

/// Gives a buffer-slot exporter its export back (once per view).
void release_export(MemoryViewObject* m) {
  if (m->released || !m->obj.get().is_object()) return;
  if (const BufferProcs* bp = m->obj.obj()->type->buffer) bp->release(m->obj.obj());
}

void mv_dealloc(Object* o) {
  release_export(static_cast<MemoryViewObject*>(o));
  delete static_cast<MemoryViewObject*>(o);
}
void mv_traverse(Object* o, VisitFn visit, void* arg) {
  visit_value(static_cast<MemoryViewObject*>(o)->obj, visit, arg);
}

bool mv_len(Value v, int64_t* out) {
  if (!check_released(mv_of(v))) return false;
  *out = mv_of(v)->length;
  return true;
}

Ref mv_getitem(Value v, Value key) {
  MemoryViewObject* m = mv_of(v);
  std::string* data = storage(m);
  if (!data) return Ref();
  if (type_of(key) == &slice_type) {
    int64_t start, stop, step, n;
    if (!slice_indices(static_cast<SliceObject*>(key.obj()), m->length, &start, &stop, &step, &n))
      return Ref();
    return new_view(m->obj.get(), m->start + start * m->step, m->step * step, n, m, m->readonly);
  }
  if (!is_int(key) && type_of(key)->nb_index == nullptr)
    return raise(&exc_TypeError, "memoryview: invalid slice key");
  int64_t i;
  if (!index_int64(key, &i)) return Ref();
  if (i < 0) i += m->length;
  if (i < 0 || i >= m->length) return raise(&exc_IndexError, "index out of bounds on dimension 1");
  return item_value(m, data->data() + m->start + i * m->step);
}

bool mv_setitem(Value v, Value key, Value value) {
  MemoryViewObject* m = mv_of(v);
  if (!check_released(m)) return false;
  if (m->readonly) {
    raise(&exc_TypeError, "cannot modify read-only memory");
    return false;
  }
  if (!value) {
    raise(&exc_TypeError, "cannot delete memory");
    return false;
  }
  if (!storage(m)) return false;
  if (type_of(key) == &slice_type) {
    int64_t start, stop, step, n;
    if (!slice_indices(static_cast<SliceObject*>(key.obj()), m->length, &start, &stop, &step, &n))
      return false;
    // The source must have the same item format and count (bytes and bytearray are 'B').
    std::string copy;
    char src_format = 'B';
    if (is_memoryview(value)) {
      MemoryViewObject* o = mv_of(value);
      std::string* od = storage(o);
      if (!od) return false;
      copy = gather(o, *od);
      src_format = o->format;
    } else {
      std::string_view src;
      if (!bytes_like_data(value, &src)) {
        raise_fmt(&exc_TypeError, "a bytes-like object is required, not '{}'", type_name(value));
        return false;
      }
      copy = std::string(src);  // the source may be this very buffer
      if (const BufferProcs* bp = value.obj()->type->buffer) src_format = bp->format(value.obj());
    }
    if (src_format != m->format || static_cast<int64_t>(copy.size()) != n * m->itemsize) {
      raise(&exc_ValueError, "memoryview assignment: lvalue and rvalue have different structures");
      return false;
    }
    std::string* data = storage(m);
    if (!data) return false;
    CriticalSection cs(m->obj.get());
    for (int64_t k = 0; k < n; k++) {
      std::memcpy(data->data() + m->start + (start + k * step) * m->step,
                  copy.data() + k * m->itemsize, static_cast<size_t>(m->itemsize));
    }
    return true;
  }
  if (!is_int(key) && type_of(key)->nb_index == nullptr) {
    raise(&exc_TypeError, "memoryview: invalid slice key");
    return false;
  }
  int64_t i;
  if (!index_int64(key, &i)) return false;
  if (i < 0) i += m->length;
  if (i < 0 || i >= m->length) {
    raise(&exc_IndexError, "index out of bounds on dimension 1");
    return false;
  }
  char item[8];
  if (!item_bytes(m, value, item)) return false;  // may run __index__: fetch the storage after
  std::string* data = storage(m);
  if (!data) return false;
  CriticalSection cs(m->obj.get());
  std::memcpy(data->data() + m->start + i * m->step, item, static_cast<size_t>(m->itemsize));
  return true;
}

Ref mv_tobytes(Value self, const Value*, size_t nargs, TupleObject* kw) {
  MemoryViewObject* m = mv_of(self);
  std::string* data = storage(m);
  if (!data) return Ref();
  return bytes_new(gather(m, *data));
}

Ref mv_tolist(Value self, const Value*, size_t nargs, TupleObject* kw) {
  if (!check_nargs("tolist", nargs, kw, 0, 0)) return Ref();
  MemoryViewObject* m = mv_of(self);
  std::string* data = storage(m);
  if (!data) return Ref();
  Ref l = list_new();
  std::string bytes = gather(m, *data);
  for (int64_t i = 0; i < m->length; i++) {
    Ref item = item_value(m, bytes.data() + i * m->itemsize);
    if (!item) return item;
    list_append_steal(as_list(l.get()), item.release());
  }
  return l;
}

Ref mv_hex(Value self, const Value* args, size_t nargs, TupleObject* kw) {
  Ref b = mv_tobytes(self, nullptr, 0, nullptr);
  if (!b) return b;
  return call_method(b.get(), intern("hex"), args, nargs);
}

Ref mv_release(Value self, const Value*, size_t, TupleObject*) {
  MemoryViewObject* m = mv_of(self);
  release_export(m);
  m->released = true;
  m->obj = Ref::new_ref(None());
  m->length = 0;
  return none_ref();
}
Ref mv_enter(Value self, const Value*, size_t, TupleObject*) {
  if (!check_released(mv_of(self))) return Ref();
  return Ref::new_ref(self);
}
Ref mv_exit(Value self, const Value*, size_t, TupleObject*) {
  return mv_release(self, nullptr, 0, nullptr);
}

/// cast(format[, shape]): a byte view to any native format, or any view to a byte format, as
/// CPython (which refuses casts between two multi-byte formats). One dimension only.
Ref mv_cast(Value self, NativeArgs& a) {
  MemoryViewObject* m = mv_of(self);
  if (!check_released(m)) return Ref();
  std::string_view f = a.str(0);
  bool at = !f.empty() && f[0] == '@';
  if (at) f.remove_prefix(1);
  if (f.size() != 1 || native_itemsize(f[0]) == 0) {
    return raise(
        &exc_ValueError,
        "memoryview: destination format must be a native single character format prefixed with an "
        "optional '@'");
  }
  char dest = f[0];
  if (!is_contiguous(m))
    return raise(&exc_TypeError, "memoryview: casts are restricted to C-contiguous views");
  if (!is_byte_format(m->format) && !is_byte_format(dest)) {
    return raise(&exc_TypeError, "memoryview: cannot cast between two non-byte formats");
  }
  int64_t nbytes = m->length * m->itemsize;
  int size = native_itemsize(dest);
  if (nbytes % size != 0)
    return raise(&exc_TypeError, "memoryview: length is not a multiple of itemsize");
  int64_t length = nbytes / size;
  if (a.given(1)) {
    Ref shape = list_from_iterable(a[1]);
    if (!shape) return shape;
    auto& dims = as_list(shape.get())->items;
    int64_t n;
    if (dims.size() != 1 || !is_int(dims[0]) || !int_to_int64(dims[0], &n) || n != length) {
      clear_exception();
      return raise(&exc_NotImplementedError,
                   "memoryview: cast to a multi-dimensional shape is not supported");
    }
  }
  Ref r = new_view(m->obj.get(), m->start, size, length, nullptr, m->readonly);
  MemoryViewObject* out = mv_of(r.get());
  out->format = dest;
  out->format_at = at;
  out->itemsize = size;
  return r;
}

Ref mv_richcompare(Value a, Value b, CmpOp op) {
  if (op != CmpOp::Eq && op != CmpOp::Ne) return not_implemented_ref();
  MemoryViewObject* m = mv_of(a);
  if (m->released || (is_memoryview(b) && mv_of(b)->released))
    return bool_ref((a == b) == (op == CmpOp::Eq));
  std::string* data = storage(m);
  if (!data) return Ref();
  char other_format = 'B';
  std::string theirs;
  if (is_memoryview(b)) {
    MemoryViewObject* o = mv_of(b);
    std::string* od = storage(o);
    if (!od) return Ref();
    theirs = gather(o, *od);
    other_format = o->format;
  } else {
    std::string_view sv;
    if (!bytes_like_data(b, &sv)) return not_implemented_ref();
    theirs = std::string(sv);
    if (const BufferProcs* bp = b.obj()->type->buffer) other_format = bp->format(b.obj());
  }
  // Same format (and no floats, where NaN != NaN): the bytes decide. Otherwise the values do,
  // as CPython's struct-unpacking comparison.
  if (m->format == other_format && m->format != 'f' && m->format != 'd') {
    return bool_ref((gather(m, *data) == theirs) == (op == CmpOp::Eq));
  }
  Ref x = mv_tolist(a, nullptr, 0, nullptr);
  if (!x) return x;
  Ref y;
  if (is_memoryview(b)) {
    y = mv_tolist(b, nullptr, 0, nullptr);
  } else {
    Ref view = mv_new(&memoryview_type, &b, 1, nullptr);
    if (!view) return view;
    y = mv_tolist(view.get(), nullptr, 0, nullptr);
  }
  if (!y) return y;
  int e = equal(x.get(), y.get());
  if (e < 0) return Ref();
  return bool_ref((e != 0) == (op == CmpOp::Eq));
}

bool mv_hash(Value v, int64_t* out) {
  MemoryViewObject* m = mv_of(v);
  if (!check_released(m)) return false;
  if (!is_byte_format(m->format)) {
    raise(&exc_ValueError, "memoryview: hashing is restricted to formats 'B', 'b' or 'c'");
    return false;
  }
  if (!m->readonly) {
    raise(&exc_ValueError, "cannot hash writable memoryview object");
    return false;
  }
  Ref b = mv_tobytes(v, nullptr, 0, nullptr);
  return b && hash(b.get(), out);
}

Ref mv_repr(Value v) {
  return str_new(
      fmt::format("<{}memory at {:#x}>", mv_of(v)->released ? "released " : "", v.bits()));
}

/// iter(memoryview): CPython's memory_iterator, which reads each item from the buffer when it
/// is reached (a write through the view meanwhile shows), over the length the view had.
struct MemIterObject : Object {
  Ref view;  // null once exhausted
  int64_t index = 0;
  int64_t length = 0;
};

Ref mv_iter(Value v) {
  if (!check_released(mv_of(v))) return Ref();
  auto* it = alloc_instance<MemIterObject>(&memory_iterator_type);
  it->view = Ref::new_ref(v);
  it->length = mv_of(v)->length;
  return Ref::steal(Value(it));
}

Ref mem_iter_next(Value v) {
  auto* it = static_cast<MemIterObject*>(v.obj());
  if (!it->view) return Ref();
  if (it->index >= it->length) {
    it->view.reset();
    return Ref();
  }
  MemoryViewObject* m = mv_of(it->view.get());
  std::string* data = storage(m);
  if (!data) return Ref();
  int64_t i = it->index++;
  return item_value(m, data->data() + m->start + i * m->step);
}

void mem_iter_dealloc(Object* o) { delete static_cast<MemIterObject*>(o); }
void mem_iter_traverse(Object* o, VisitFn visit, void* arg) {
  visit_value(static_cast<MemIterObject*>(o)->view, visit, arg);
}

Ref get_obj(Value v) {
  if (!check_released(mv_of(v))) return Ref();
  return mv_of(v)->obj.dup();
}
Ref get_nbytes(Value v) {
  return check_released(mv_of(v)) ? int_from_int64(mv_of(v)->length * mv_of(v)->itemsize) : Ref();
}
Ref get_readonly(Value v) {
  return check_released(mv_of(v)) ? bool_ref(mv_of(v)->readonly) : Ref();
}
Ref get_itemsize(Value v) {
  return check_released(mv_of(v)) ? Ref::small(mv_of(v)->itemsize) : Ref();
}
Ref get_format(Value v) {
  if (!check_released(mv_of(v))) return Ref();
  return str_new(std::string(mv_of(v)->format_at ? "@" : "") + mv_of(v)->format);
}
Ref get_ndim(Value v) { return check_released(mv_of(v)) ? Ref::small(1) : Ref(); }
Ref get_shape(Value v) {
  if (!check_released(mv_of(v))) return Ref();
  Ref n = int_from_int64(mv_of(v)->length);
  return tuple_of({n.get()});
}
Ref get_strides(Value v) {
  if (!check_released(mv_of(v))) return Ref();
  Ref s = int_from_int64(mv_of(v)->step);
  return tuple_of({s.get()});
}
Ref get_contiguous(Value v) {
  if (!check_released(mv_of(v))) return Ref();
  return bool_ref(is_contiguous(mv_of(v)));
}
Ref get_suboffsets(Value v) { return check_released(mv_of(v)) ? tuple_new(0) : Ref(); }

/// toreadonly(): a read-only view of the same memory.
Ref mv_toreadonly(Value self, NativeArgs&) {
  MemoryViewObject* m = mv_of(self);
  if (!check_released(m)) return Ref();
  return new_view(m->obj.get(), m->start, m->step, m->length, m, true);
}

const NativeDef kMethods[] = {
    {"cast($self, /, format: str, shape=NULL)", mv_cast},
    {"toreadonly($self, /)", mv_toreadonly},
};

}  // namespace

bool memoryview_contiguous_data(Value v, std::string_view* out) {
  MemoryViewObject* m = mv_of(v);
  if (m->released || !is_contiguous(m)) return false;
  std::string* data = storage(m);
  if (!data) {
    clear_exception();
    return false;
  }
  *out = std::string_view(*data).substr(static_cast<size_t>(m->start),
                                        static_cast<size_t>(m->length * m->itemsize));
  return true;
}

bool memoryview_writable_data(Value v, std::span<char>* out) {
  MemoryViewObject* m = mv_of(v);
  if (m->readonly || m->released || !is_contiguous(m)) return false;
  std::string* data = storage(m);
  if (!data) {
    clear_exception();
    return false;
  }
  *out = std::span<char>(data->data() + m->start, static_cast<size_t>(m->length * m->itemsize));
  return true;
}

void memoryview_type_init() {
  memoryview_type.name = "memoryview";
  memoryview_type.text_signature = "(object)";
  memoryview_type.basic_size = sizeof(MemoryViewObject);
  memoryview_type.dealloc = mv_dealloc;
  memoryview_type.traverse = mv_traverse;
  memoryview_type.new_ = mv_new;
  memoryview_type.len = mv_len;
  memoryview_type.getitem = mv_getitem;
  memoryview_type.setitem = mv_setitem;
  memoryview_type.richcompare = mv_richcompare;
  memoryview_type.hash = mv_hash;
  memoryview_type.repr = mv_repr;
  memoryview_type.iter = mv_iter;
  memoryview_type.flags |= kTypeWeakrefable;
  memoryview_type.flags |= kTypeSequence;  // pattern matching (PEP 634)
  type_ready(&memoryview_type, &object_type);
  add_method(&memoryview_type, "tobytes", mv_tobytes);
  add_method(&memoryview_type, "tolist", mv_tolist);
  add_method(&memoryview_type, "hex", mv_hex);
  add_method(&memoryview_type, "release", mv_release);
  add_methods(&memoryview_type, kMethods);
  add_method(&memoryview_type, "__enter__", mv_enter);
  add_method(&memoryview_type, "__exit__", mv_exit);
  add_getset(&memoryview_type, "obj", get_obj);
  add_getset(&memoryview_type, "nbytes", get_nbytes);
  add_getset(&memoryview_type, "readonly", get_readonly);
  add_getset(&memoryview_type, "itemsize", get_itemsize);
  add_getset(&memoryview_type, "format", get_format);
  add_getset(&memoryview_type, "ndim", get_ndim);
  add_getset(&memoryview_type, "shape", get_shape);
  add_getset(&memoryview_type, "strides", get_strides);
  add_getset(&memoryview_type, "contiguous", get_contiguous);
  add_getset(&memoryview_type, "c_contiguous", get_contiguous);
  add_getset(&memoryview_type, "f_contiguous", get_contiguous);
  add_getset(&memoryview_type, "suboffsets", get_suboffsets);

  memory_iterator_type.name = "memory_iterator";
  memory_iterator_type.basic_size = sizeof(MemIterObject);
  memory_iterator_type.dealloc = mem_iter_dealloc;
  memory_iterator_type.traverse = mem_iter_traverse;
  memory_iterator_type.iter = [](Value v) { return Ref::new_ref(v); };
  memory_iterator_type.iternext = mem_iter_next;
  type_ready(&memory_iterator_type, &object_type);
}

}  // namespace minipy::rt
