// _struct: the native half of CPython's struct module (Lib/struct.py does `from _struct
// import *`). Struct objects hold a compiled format (struct_codec.h); the module functions go
// through a cache of Struct objects keyed by the format, cleared when it reaches 100 entries,
// as CPython's. iter_unpack returns an _struct.unpack_iterator over a bytes-like object.
#include <cstddef>
#include <cstring>
#include <string>

#include "runtime/errors.h"
#include "runtime/objects/bytes.h"
#include "runtime/objects/dict.h"
#include "runtime/objects/int.h"
#include "runtime/objects/native.h"
#include "runtime/objects/singletons.h"
#include "runtime/objects/str.h"
#include "runtime/objects/tuple.h"
#include "runtime/ops.h"
#include "stdlib/native/native_args.h"
#include "stdlib/native/struct_codec.h"

namespace minipy::lib {

using namespace rt;

namespace {

Ref g_struct_error;  // struct.error
Ref g_cache;         // format -> Struct
constexpr size_t kMaxCache = 100;

struct StructObject : Object {
  DictObject* dict = nullptr;  // __dict__ of subclass instances
  Ref format;                  // the format as bytes (CPython keeps s_format as bytes)
  StructLayout layout;
};

struct UnpackIterObject : Object {
  Ref so;      // the Struct
  Ref buffer;  // the bytes-like object (null once exhausted)
  size_t index = 0;
};

TypeObject struct_type;
TypeObject unpack_iter_type;

StructObject* as_struct(Value v) { return static_cast<StructObject*>(v.obj()); }

Ref struct_error(std::string_view msg) { return raise(struct_error_type(), msg); }

// ---------------------------------------------------------------- Struct

Ref struct_new(TypeObject* type, const Value*, size_t, TupleObject*) {
  auto* s = alloc_instance<StructObject>(type);
  s->format = bytes_new("");
  return Ref::steal(Value(s));
}

/// (Re)initialises `self` from a str or bytes format (CPython's Struct.__init__).
bool struct_set_format(StructObject* self, Value format) {
  Ref fmt;
  if (is_str(format)) {
    Ref ascii = str_new("ascii");
    fmt = str_encode(format, ascii.get(), Value());
    if (!fmt) return false;
  } else if (is_bytes(format)) {
    fmt = Ref::new_ref(format);
  } else {
    raise_fmt(&exc_TypeError, "Struct() argument 1 must be a str or bytes object, not {}",
              type_name(format));
    return false;
  }
  std::string_view text;
  bytes_like_data(fmt.get(), &text);
  StructLayout layout;
  if (!struct_compile(text, &layout)) return false;
  self->format = std::move(fmt);
  self->layout = std::move(layout);
  return true;
}

const NativeDef kStructInit = {"Struct($self, format)", nullptr};

bool struct_init(Value self, const Value* args, size_t nargs, TupleObject* kw) {
  NativeArgs a;
  if (!native_sig_of(kStructInit)->bind(self, nullptr, args, nargs, kw, &a, nullptr)) return false;
  return struct_set_format(as_struct(self), a[0]);
}

void struct_dealloc(Object* o) { delete static_cast<StructObject*>(o); }
void struct_traverse(Object* o, VisitFn visit, void* arg) {
  visit_value(static_cast<StructObject*>(o)->format.get(), visit, arg);
}

/// The Struct for `format`: from the cache, or compiled and cached.
Ref get_struct(Value format) {
  DictObject* cache = as_dict(g_cache.get());
  if (is_str(format) || is_bytes(format)) {
    Ref hit = dict_get_ref(cache, format);
    if (hit) return hit;
    if (error_pending()) return Ref();
  }
  Ref s = struct_new(&struct_type, nullptr, 0, nullptr);
  if (!struct_set_format(as_struct(s.get()), format)) return Ref();
  if (dict_size(cache) >= kMaxCache) dict_clear(cache);
  if (!dict_set(cache, format, s.get())) return Ref();
  return s;
}

/// Packs `values` with `so` into a new bytes; `fname` names the function in the count error.
Ref pack_to_bytes(StructObject* so, const Value* values, size_t n, const char* fname) {
  if (n != so->layout.nvalues) {
    return raise_fmt(struct_error_type(), "{} expected {} items for packing (got {})", fname,
                     so->layout.nvalues, n);
  }
  std::string buf(so->layout.size, '\0');
  if (!struct_pack(so->layout, values, buf.data())) return Ref();
  return bytes_new(buf);
}

/// pack_into(buffer, offset, *values) once the Struct is known.
Ref pack_into_impl(StructObject* so, const Value* args, size_t nargs) {
  size_t need = so->layout.nvalues + 2;
  if (nargs != need) {
    if (nargs == 0) return struct_error("pack_into expected buffer argument");
    if (nargs == 1) return struct_error("pack_into expected offset argument");
    return raise_fmt(struct_error_type(), "pack_into expected {} items for packing (got {})",
                     so->layout.nvalues, nargs - 2);
  }
  std::span<char> out;
  if (!buffer_writable(args[0], &out)) {
    return raise_fmt(&exc_TypeError, "argument must be read-write bytes-like object, not {}",
                     type_name(args[0]));
  }
  int64_t offset;
  if (!index_size(args[1], &offset)) {
    if (exception_matches(&exc_OverflowError)) {
      clear_exception();
      return raise_fmt(&exc_IndexError, "cannot fit '{}' into an index-sized integer",
                       type_name(args[1]));
    }
    return Ref();
  }
  auto size = static_cast<int64_t>(so->layout.size);
  // Pack first (values' __index__ may run Python code that resizes the buffer), then place.
  std::string packed(so->layout.size, '\0');
  if (!struct_pack(so->layout, args + 2, packed.data())) return Ref();
  if (!buffer_writable(args[0], &out))
    return raise(&exc_BufferError, "pack_into: the buffer was released");
  auto len = static_cast<int64_t>(out.size());
  int64_t orig = offset;
  if (offset < 0) {
    if (offset + size > 0)
      return raise_fmt(struct_error_type(), "no space to pack {} bytes at offset {}", size, offset);
    if (offset + len < 0) {
      return raise_fmt(struct_error_type(), "offset {} out of range for {}-byte buffer", offset,
                       len);
    }
    offset += len;
  }
  if (len - offset < size) {
    return raise_fmt(struct_error_type(),
                     "pack_into requires a buffer of at least {} bytes for packing {} bytes at "
                     "offset {} (actual "
                     "buffer size is {})",
                     // size_t arithmetic as CPython's: an offset near 2**63 wraps, never overflows
                     static_cast<uint64_t>(size) + static_cast<uint64_t>(orig), size, orig, len);
  }
  std::memcpy(out.data() + offset, packed.data(), packed.size());
  return none_ref();
}

Ref unpack_impl(StructObject* so, std::string_view data) {
  if (data.size() != so->layout.size) {
    return raise_fmt(struct_error_type(), "unpack requires a buffer of {} bytes", so->layout.size);
  }
  return struct_unpack(so->layout, data.data());
}

Ref unpack_from_impl(StructObject* so, std::string_view data, int64_t offset) {
  auto size = static_cast<int64_t>(so->layout.size);
  auto len = static_cast<int64_t>(data.size());
  int64_t orig = offset;
  if (offset < 0) {
    if (offset + len < 0)
      return raise_fmt(struct_error_type(), "offset {} out of range for {}-byte buffer", offset,
                       len);
    offset += len;
  }
  if (len - offset < size) {
    if (orig < 0)
      return raise_fmt(struct_error_type(), "not enough data to unpack {} bytes at offset {}", size,
                       orig);
    return raise_fmt(
        struct_error_type(),
        "unpack_from requires a buffer of at least {} bytes for unpacking {} bytes at offset {} "
        "(actual buffer size is {})",
        // size_t arithmetic as CPython's (as pack_into's above): an offset near 2**63 wraps
        static_cast<uint64_t>(size) + static_cast<uint64_t>(offset), size, offset, len);
  }
  return struct_unpack(so->layout, data.data() + offset);
}

Ref iter_unpack_impl(Value so_ref, Value buffer) {
  StructObject* so = as_struct(so_ref);
  std::string_view data;
  if (!buffer_view(buffer, &data)) {
    return raise_fmt(&exc_TypeError, "a bytes-like object is required, not '{}'",
                     type_name(buffer));
  }
  if (so->layout.size == 0)
    return struct_error("cannot iteratively unpack with a struct of length 0");
  if (data.size() % so->layout.size != 0) {
    return raise_fmt(struct_error_type(),
                     "iterative unpacking requires a buffer of a multiple of {} bytes",
                     so->layout.size);
  }
  auto* it = alloc_instance<UnpackIterObject>(&unpack_iter_type);
  it->so = Ref::new_ref(so_ref);
  it->buffer = Ref::new_ref(buffer);
  return Ref::steal(Value(it));
}

Ref m_pack(Value self, const Value* args, size_t nargs, TupleObject* kw) {
  if (kw != nullptr && kw->size > 0)
    return raise(&exc_TypeError, "Struct.pack() takes no keyword arguments");
  return pack_to_bytes(as_struct(self), args, nargs, "pack");
}

Ref m_pack_into(Value self, const Value* args, size_t nargs, TupleObject* kw) {
  if (kw != nullptr && kw->size > 0)
    return raise(&exc_TypeError, "Struct.pack_into() takes no keyword arguments");
  return pack_into_impl(as_struct(self), args, nargs);
}

Ref m_unpack(Value self, NativeArgs& a) { return unpack_impl(as_struct(self), a.bytes(0)); }
Ref m_unpack_from(Value self, NativeArgs& a) {
  return unpack_from_impl(as_struct(self), a.bytes(0), a.i64(1));
}
Ref m_iter_unpack(Value self, NativeArgs& a) { return iter_unpack_impl(self, a[0]); }

Ref get_format(Value self) {
  std::string_view text;
  bytes_like_data(as_struct(self)->format.get(), &text);
  return str_new(text);
}
Ref get_size(Value self) {
  return int_from_int64(static_cast<int64_t>(as_struct(self)->layout.size));
}

const NativeDef kStructMethods[] = {
    {"pack($self, *values)", nullptr, kNativeNoTextSig, nullptr, m_pack},
    {"pack_into($self, buffer, offset, *values)", nullptr, kNativeNoTextSig, nullptr, m_pack_into},
    {"unpack($self, buffer: buffer, /)", m_unpack},
    {"unpack_from($self, /, buffer: buffer, offset: ssize_t = 0)", m_unpack_from},
    {"iter_unpack($self, buffer, /)", m_iter_unpack},
};

// ---------------------------------------------------------------- unpack_iterator

void iter_dealloc(Object* o) { delete static_cast<UnpackIterObject*>(o); }
void iter_traverse(Object* o, VisitFn visit, void* arg) {
  auto* it = static_cast<UnpackIterObject*>(o);
  visit_value(it->so.get(), visit, arg);
  visit_value(it->buffer.get(), visit, arg);
}
void iter_clear(Object* o) {
  auto* it = static_cast<UnpackIterObject*>(o);
  it->so.reset();
  it->buffer.reset();
}

Ref iter_self(Value v) { return Ref::new_ref(v); }

Ref unpack_iter_next(Value v) {
  auto* it = static_cast<UnpackIterObject*>(v.obj());
  if (!it->buffer || !it->so) return Ref();
  StructObject* so = as_struct(it->so.get());
  std::string_view data;
  if (!buffer_view(it->buffer.get(), &data) || it->index + so->layout.size > data.size()) {
    it->buffer.reset();
    return Ref();
  }
  Ref r = struct_unpack(so->layout, data.data() + it->index);
  it->index += so->layout.size;
  return r;
}

Ref iter_length_hint(Value self, NativeArgs&) {
  auto* it = static_cast<UnpackIterObject*>(self.obj());
  std::string_view data;
  if (!it->buffer || !it->so || !buffer_view(it->buffer.get(), &data)) return Ref::small(0);
  size_t size = as_struct(it->so.get())->layout.size;
  return int_from_int64(
      static_cast<int64_t>(data.size() > it->index ? (data.size() - it->index) / size : 0));
}

const NativeDef kIterMethods[] = {
    {"__length_hint__($self, /)", iter_length_hint},
};

// ---------------------------------------------------------------- module functions

Ref f_pack(Value, const Value* args, size_t nargs, TupleObject* kw) {
  if (kw != nullptr && kw->size > 0)
    return raise(&exc_TypeError, "_struct.pack() takes no keyword arguments");
  if (nargs == 0) return raise(&exc_TypeError, "missing format argument");
  Ref so = get_struct(args[0]);
  if (!so) return so;
  return pack_to_bytes(as_struct(so.get()), args + 1, nargs - 1, "pack");
}

Ref f_pack_into(Value, const Value* args, size_t nargs, TupleObject* kw) {
  if (kw != nullptr && kw->size > 0)
    return raise(&exc_TypeError, "_struct.pack_into() takes no keyword arguments");
  if (nargs == 0) return raise(&exc_TypeError, "missing format argument");
  Ref so = get_struct(args[0]);
  if (!so) return so;
  return pack_into_impl(as_struct(so.get()), args + 1, nargs - 1);
}

Ref f_unpack(Value, NativeArgs& a) {
  Ref so = get_struct(a[0]);
  if (!so) return so;
  return unpack_impl(as_struct(so.get()), a.bytes(1));
}

Ref f_unpack_from(Value, NativeArgs& a) {
  Ref so = get_struct(a[0]);
  if (!so) return so;
  return unpack_from_impl(as_struct(so.get()), a.bytes(1), a.i64(2));
}

Ref f_iter_unpack(Value, NativeArgs& a) {
  Ref so = get_struct(a[0]);
  if (!so) return so;
  return iter_unpack_impl(so.get(), a[1]);
}

Ref f_calcsize(Value, NativeArgs& a) {
  Ref so = get_struct(a[0]);
  if (!so) return so;
  return int_from_int64(static_cast<int64_t>(as_struct(so.get())->layout.size));
}

Ref f_clearcache(Value, NativeArgs&) {
  dict_clear(as_dict(g_cache.get()));
  return none_ref();
}

const NativeDef kStructFunctions[] = {
    {"pack($module, format, /, *values)", nullptr, kNativeNoTextSig, nullptr, f_pack},
    {"pack_into($module, format, buffer, offset, /, *values)", nullptr, kNativeNoTextSig, nullptr,
     f_pack_into},
    {"unpack($module, format, buffer: buffer, /)", f_unpack},
    {"unpack_from($module, format, /, buffer: buffer, offset: ssize_t = 0)", f_unpack_from},
    {"iter_unpack($module, format, buffer, /)", f_iter_unpack},
    {"calcsize($module, format, /)", f_calcsize},
    {"_clearcache($module, /)", f_clearcache},
};

void ready_types() {
  struct_type.name = "Struct";
  struct_type.module = "_struct";
  struct_type.flags = kTypeBaseType | kTypeWeakrefable;
  struct_type.basic_size = sizeof(StructObject);
  struct_type.subclass_dict_offset = offsetof(StructObject, dict);
  struct_type.dealloc = struct_dealloc;
  struct_type.traverse = struct_traverse;
  struct_type.new_ = struct_new;
  struct_type.init = struct_init;
  type_ready(&struct_type, &object_type);
  type_add_module_attr(&struct_type);
  add_methods(&struct_type, kStructMethods);
  add_getset(&struct_type, "format", get_format);
  add_getset(&struct_type, "size", get_size);

  unpack_iter_type.name = "unpack_iterator";
  unpack_iter_type.module = "_struct";
  unpack_iter_type.basic_size = sizeof(UnpackIterObject);
  unpack_iter_type.dealloc = iter_dealloc;
  unpack_iter_type.traverse = iter_traverse;
  unpack_iter_type.clear = iter_clear;
  unpack_iter_type.iter = iter_self;
  unpack_iter_type.iternext = unpack_iter_next;
  type_ready(&unpack_iter_type, &object_type);
  type_add_module_attr(&unpack_iter_type);
  add_methods(&unpack_iter_type, kIterMethods);
}

}  // namespace

TypeObject* struct_error_type() { return static_cast<TypeObject*>(g_struct_error.get().obj()); }

bool init__struct(Value module, DictObject* ns) {
  if (!g_struct_error) {
    ready_types();
    g_struct_error = new_exception_class("struct", "error", &exc_Exception);
    if (!g_struct_error) return false;
    g_cache = dict_new();
  }
  dict_set_cstr(ns, "__doc__",
                str_new("Functions to convert between Python values and C structs.\n"
                        "Byte strings hold the packed data; a format string describes its layout.")
                    .get());
  dict_set_cstr(ns, "error", g_struct_error.get());
  dict_set_cstr(ns, "Struct", Value(&struct_type));
  add_functions(ns, module, kStructFunctions);
  return true;
}

}  // namespace minipy::lib
