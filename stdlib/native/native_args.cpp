// Argument helpers shared by the native I/O modules; see native_args.h.
#include "stdlib/native/native_args.h"

#include <climits>

#include "runtime/errors.h"
#include "runtime/objects/bytes.h"
#include "runtime/objects/dict.h"
#include "runtime/objects/int.h"
#include "runtime/objects/memoryview.h"
#include "runtime/objects/native_sig.h"
#include "runtime/objects/str.h"
#include "runtime/objects/tuple.h"
#include "runtime/ops.h"
#include "runtime/state/gil.h"

namespace minipy::lib {

using namespace rt;

bool is_byte_like(Value v) {
  return is_bytes(v) || is_bytearray(v) || is_memoryview(v) ||
         (v.is_object() && v.obj()->type->buffer != nullptr);
}

bool byte_arg(Value v, ByteArg* out, bool stable) {
  std::string_view view;
  if (!bytes_like_data(v, &view)) {
    if (is_memoryview(v)) {
      raise(&exc_BufferError, "memoryview: underlying buffer is not C-contiguous");
    } else {
      raise_fmt(&exc_TypeError, "a bytes-like object is required, not '{}'", type_name(v));
    }
    return false;
  }
  Value exporter = v;
  if (is_memoryview(v)) exporter = static_cast<MemoryViewObject*>(v.obj())->obj.get();
  out->keep = Ref::new_ref(v);
  if (stable && !is_bytes(exporter)) {
    out->copy.assign(view.data(), view.size());
    out->data = out->copy;
  } else {
    out->data = view;
  }
  return true;
}

bool int_arg(Value v, int64_t* out) {
  if (!is_int(v)) {
    if (v.is_object() && type_lookup(type_of(v), "__index__")) return index_int64(v, out);
    raise_fmt(&exc_TypeError, "'{}' object cannot be interpreted as an integer", type_name(v));
    return false;
  }
  return int_to_int64(v, out);
}

bool c_int_arg(Value v, int* out) {
  int64_t n;
  if (!int_arg(v, &n)) return false;
  if (n < INT_MIN || n > INT_MAX) {
    raise(&exc_OverflowError,
          n > 0 ? "signed integer is greater than maximum" : "signed integer is less than minimum");
    return false;
  }
  *out = static_cast<int>(n);
  return true;
}

bool file_descriptor_arg(Value v, int* out) {
  Ref holder;
  if (!is_int(v)) {
    Value fileno = type_lookup(type_of(v), "fileno");
    if (!fileno) {
      raise(&exc_TypeError, "argument must be an int, or have a fileno() method.");
      return false;
    }
    holder = call_method(v, intern("fileno"), nullptr, 0);
    if (!holder) return false;
    if (!is_int(holder.get())) {
      raise(&exc_TypeError, "fileno() returned a non-integer");
      return false;
    }
    v = holder.get();
  }
  int64_t n;
  if (!int_to_int64(v, &n)) return false;
  if (n < INT_MIN || n > INT_MAX) {
    raise(&exc_OverflowError, n > 0 ? "Python int too large to convert to C int"
                                    : "Python int too large to convert to C int");
    return false;
  }
  if (n < 0) {
    raise_fmt(&exc_ValueError, "file descriptor cannot be a negative integer ({})", n);
    return false;
  }
  *out = static_cast<int>(n);
  return true;
}

Ref new_exception_class(const char* module, const char* name, TypeObject* base) {
  Ref ns = dict_new();
  Ref mod = str_new(module);
  if (!dict_set_cstr(as_dict(ns.get()), "__module__", mod.get())) return Ref();
  Ref bases = tuple_of({Value(base)});
  Ref n = str_new(name);
  return type_new_class(&type_type, as_str(n.get()), as_tuple(bases.get()), as_dict(ns.get()));
}

ObjectLock::ObjectLock(std::mutex& mu) : mu_(mu) {
  if (mu_.try_lock()) return;
  ReleaseGil unlocked("lock");
  mu_.lock();
}

bool fs_encoded_arg(Value v, std::string* out) {
  Ref path = fspath(v);
  if (!path) return false;
  std::string_view d;
  if (is_str(path.get())) {
    d = as_str(path.get())->view();
  } else {
    bytes_like_data(path.get(), &d);
  }
  if (d.find('\0') != std::string_view::npos) {
    raise(&exc_ValueError, "embedded null byte");
    return false;
  }
  *out = std::string(d);
  return true;
}

}  // namespace minipy::lib
