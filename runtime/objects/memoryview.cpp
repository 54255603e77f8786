// memoryview (see memoryview.h): a window of items over a bytes or bytearray, read and written
// in place. The exporter is re-read at each access and bounds-checked, because a bytearray may
// have been resized since (CPython forbids that resize; minipy reports it at the next access).
#include "runtime/objects/memoryview.h"

#include <string>

#include "runtime/critical_section.h"
#include "runtime/errors.h"
#include "runtime/objects/bytes.h"
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

namespace {

MemoryViewObject* mv_of(Value v) { return static_cast<MemoryViewObject*>(v.obj()); }

bool check_released(MemoryViewObject* m) {
  if (m->released) {
    raise(&exc_ValueError, "operation forbidden on released memoryview object");
    return false;
  }
  return true;
}

/// The exporter's bytes, checked to still cover the view; null with an exception otherwise.
std::string* storage(MemoryViewObject* m) {
  if (!check_released(m)) return nullptr;
  Object* o = m->obj.obj();
  std::string* data = is_bytearray(m->obj.get()) ? &static_cast<ByteArrayObject*>(o)->data
                                                 : &static_cast<BytesObject*>(o)->data;
  if (m->length > 0) {
    int64_t last = m->start + (m->length - 1) * m->step;
    int64_t lo = std::min(m->start, last), hi = std::max(m->start, last);
    if (lo < 0 || hi >= static_cast<int64_t>(data->size())) {
      raise(&exc_BufferError, "memoryview: the underlying bytearray was resized");
      return nullptr;
    }
  }
  return data;
}

Ref item_value(MemoryViewObject* m, unsigned char byte) {
  if (m->format == 'c') return bytes_new(std::string_view(reinterpret_cast<const char*>(&byte), 1));
  if (m->format == 'b') return Ref::small(static_cast<signed char>(byte));
  return Ref::small(byte);
}

std::string gather(MemoryViewObject* m, const std::string& data) {
  std::string out;
  out.reserve(static_cast<size_t>(m->length));
  for (int64_t i = 0; i < m->length; i++) out += data[static_cast<size_t>(m->start + i * m->step)];
  return out;
}

Ref new_view(Value exporter, int64_t start, int64_t step, int64_t length, char format,
             bool readonly) {
  auto* m = alloc_instance<MemoryViewObject>(&memoryview_type);
  m->obj = Ref::new_ref(exporter);
  m->start = start;
  m->step = step;
  m->length = length;
  m->format = format;
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
    return new_view(src->obj.get(), src->start, src->step, src->length, src->format, src->readonly);
  }
  if (is_bytes(o)) {
    return new_view(o, 0, 1, static_cast<int64_t>(static_cast<BytesObject*>(o.obj())->data.size()),
                    'B', true);
  }
  if (is_bytearray(o)) {
    return new_view(o, 0, 1,
                    static_cast<int64_t>(static_cast<ByteArrayObject*>(o.obj())->data.size()), 'B',
                    false);
  }
  return raise_fmt(&exc_TypeError, "memoryview: a bytes-like object is required, not '{}'",
                   type_name(o));
}

void mv_dealloc(Object* o) { delete static_cast<MemoryViewObject*>(o); }
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
    return new_view(m->obj.get(), m->start + start * m->step, m->step * step, n, m->format,
                    m->readonly);
  }
  if (!is_int(key) && type_of(key)->nb_index == nullptr)
    return raise(&exc_TypeError, "memoryview: invalid slice key");
  int64_t i;
  if (!index_int64(key, &i)) return Ref();
  if (i < 0) i += m->length;
  if (i < 0 || i >= m->length) return raise(&exc_IndexError, "index out of bounds on dimension 1");
  return item_value(
      m, static_cast<unsigned char>((*data)[static_cast<size_t>(m->start + i * m->step)]));
}

/// The byte a value stands for in this view's format; false with an exception if invalid.
bool byte_of(MemoryViewObject* m, Value v, unsigned char* out) {
  if (m->format == 'c') {
    std::string_view b;
    if (!bytes_like_data(v, &b) || b.size() != 1) {
      raise(&exc_ValueError, "memoryview: invalid value for format 'c'");
      return false;
    }
    *out = static_cast<unsigned char>(b[0]);
    return true;
  }
  int64_t n;
  if (!is_int(v)) {
    raise_fmt(&exc_TypeError, "memoryview: invalid type for format '{}'", m->format);
    return false;
  }
  bool ok = int_to_int64(v, &n);
  if (!ok) clear_exception();
  if (!ok || (m->format == 'B' ? (n < 0 || n > 255) : (n < -128 || n > 127))) {
    raise_fmt(&exc_ValueError, "memoryview: invalid value for format '{}'", m->format);
    return false;
  }
  *out = static_cast<unsigned char>(n);
  return true;
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
  std::string* data = storage(m);
  if (!data) return false;
  CriticalSection cs(m->obj.get());
  if (type_of(key) == &slice_type) {
    int64_t start, stop, step, n;
    if (!slice_indices(static_cast<SliceObject*>(key.obj()), m->length, &start, &stop, &step, &n))
      return false;
    std::string_view src;
    std::string copy;
    if (is_memoryview(value)) {
      MemoryViewObject* o = mv_of(value);
      std::string* od = storage(o);
      if (!od) return false;
      copy = gather(o, *od);
      src = copy;
    } else if (!bytes_like_data(value, &src)) {
      raise_fmt(&exc_TypeError, "a bytes-like object is required, not '{}'", type_name(value));
      return false;
    } else {
      copy = std::string(src);  // the source may be this very buffer
      src = copy;
    }
    if (static_cast<int64_t>(src.size()) != n) {
      raise(&exc_ValueError, "memoryview assignment: lvalue and rvalue have different structures");
      return false;
    }
    for (int64_t k = 0; k < n; k++) {
      (*data)[static_cast<size_t>(m->start + (start + k * step) * m->step)] =
          src[static_cast<size_t>(k)];
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
  unsigned char b;
  if (!byte_of(m, value, &b)) return false;
  (*data)[static_cast<size_t>(m->start + i * m->step)] = static_cast<char>(b);
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
  for (char c : bytes)
    list_append_steal(as_list(l.get()), item_value(m, static_cast<unsigned char>(c)).release());
  return l;
}

Ref mv_hex(Value self, const Value* args, size_t nargs, TupleObject* kw) {
  Ref b = mv_tobytes(self, nullptr, 0, nullptr);
  if (!b) return b;
  return call_method(b.get(), intern("hex"), args, nargs);
}

Ref mv_release(Value self, const Value*, size_t, TupleObject*) {
  MemoryViewObject* m = mv_of(self);
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

Ref mv_cast(Value self, const Value* args, size_t nargs, TupleObject* kw) {
  Value a[2];
  if (!parse_args("cast", args, nargs, kw, {"format", "shape"}, 1, a)) return Ref();
  MemoryViewObject* m = mv_of(self);
  if (!check_released(m)) return Ref();
  std::string f;
  if (!is_str(a[0])) return raise(&exc_TypeError, "memoryview: format argument must be a string");
  f = std::string(as_str(a[0])->view());
  if (!f.empty() && f[0] == '@') f = f.substr(1);
  if (f != "B" && f != "b" && f != "c") {
    return raise(&exc_ValueError,
                 "memoryview: destination format must be a native single character format prefixed "
                 "with an optional '@'");
  }
  if (m->step != 1)
    return raise(&exc_TypeError, "memoryview: casts are restricted to C-contiguous views");
  if (a[1] && !is_none(a[1]))
    return raise(&exc_NotImplementedError, "memoryview: cast with a shape is not supported");
  return new_view(m->obj.get(), m->start, 1, m->length, f[0], m->readonly);
}

Ref mv_richcompare(Value a, Value b, CmpOp op) {
  if (op != CmpOp::Eq && op != CmpOp::Ne) return not_implemented_ref();
  MemoryViewObject* m = mv_of(a);
  if (m->released || (is_memoryview(b) && mv_of(b)->released)) {
    return bool_ref((a == b) == (op == CmpOp::Eq));
  }
  std::string* data = storage(m);
  if (!data) return Ref();
  std::string mine = gather(m, *data), theirs;
  if (is_memoryview(b)) {
    MemoryViewObject* o = mv_of(b);
    std::string* od = storage(o);
    if (!od) return Ref();
    theirs = gather(o, *od);
    // 'b' and 'B' views compare their values, which differ above 127.
    if ((m->format == 'b') != (o->format == 'b')) {
      Ref x = mv_tolist(a, nullptr, 0, nullptr), y = mv_tolist(b, nullptr, 0, nullptr);
      if (!x || !y) return Ref();
      int e = equal(x.get(), y.get());
      if (e < 0) return Ref();
      return bool_ref((e != 0) == (op == CmpOp::Eq));
    }
  } else {
    std::string_view sv;
    if (!bytes_like_data(b, &sv)) return not_implemented_ref();
    theirs = std::string(sv);
  }
  return bool_ref((mine == theirs) == (op == CmpOp::Eq));
}

bool mv_hash(Value v, int64_t* out) {
  MemoryViewObject* m = mv_of(v);
  if (!check_released(m)) return false;
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

Ref mv_iter(Value v) {
  if (!check_released(mv_of(v))) return Ref();
  Ref l = mv_tolist(v, nullptr, 0, nullptr);
  if (!l) return l;
  return get_iter(l.get());
}

Ref get_obj(Value v) {
  if (!check_released(mv_of(v))) return Ref();
  return mv_of(v)->obj.dup();
}
Ref get_nbytes(Value v) {
  return check_released(mv_of(v)) ? int_from_int64(mv_of(v)->length) : Ref();
}
Ref get_readonly(Value v) {
  return check_released(mv_of(v)) ? bool_ref(mv_of(v)->readonly) : Ref();
}
Ref get_itemsize(Value v) { return check_released(mv_of(v)) ? Ref::small(1) : Ref(); }
Ref get_format(Value v) {
  return check_released(mv_of(v)) ? str_new(std::string(1, mv_of(v)->format)) : Ref();
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
  return bool_ref(mv_of(v)->step == 1 || mv_of(v)->length <= 1);
}
Ref get_released(Value v) { return bool_ref(mv_of(v)->released); }

}  // namespace

bool memoryview_contiguous_data(Value v, std::string_view* out) {
  MemoryViewObject* m = mv_of(v);
  if (m->released || (m->step != 1 && m->length > 1)) return false;
  std::string* data = storage(m);
  if (!data) {
    clear_exception();
    return false;
  }
  *out =
      std::string_view(*data).substr(static_cast<size_t>(m->start), static_cast<size_t>(m->length));
  return true;
}

bool memoryview_writable_data(Value v, std::span<char>* out) {
  MemoryViewObject* m = mv_of(v);
  if (m->readonly || m->released || (m->step != 1 && m->length > 1)) return false;
  std::string* data = storage(m);
  if (!data) {
    clear_exception();
    return false;
  }
  *out = std::span<char>(data->data() + m->start, static_cast<size_t>(m->length));
  return true;
}

void memoryview_type_init() {
  memoryview_type.name = "memoryview";
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
  type_ready(&memoryview_type, &object_type);
  add_method(&memoryview_type, "tobytes", mv_tobytes);
  add_method(&memoryview_type, "tolist", mv_tolist);
  add_method(&memoryview_type, "hex", mv_hex);
  add_method(&memoryview_type, "release", mv_release);
  add_method(&memoryview_type, "cast", mv_cast);
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
  add_getset(&memoryview_type, "released", get_released);
}

}  // namespace minipy::rt
