// The converters of declarative native signatures (native_sig.h): each turns one argument into
// the C++ value a native function wants, failing with the message CPython's converter gives
// (Argument Clinic's "f() argument 1 must be str, not int", PyNumber_Index's "'float' object
// cannot be interpreted as an integer", PyFloat_AsDouble's "must be real number, not str", the
// os module's "stat: path should be string, bytes or os.PathLike, not int").
#include <limits>

#include "runtime/errors.h"
#include "runtime/objects/bytes.h"
#include "runtime/objects/float.h"
#include "runtime/objects/int.h"
#include "runtime/objects/memoryview.h"
#include "runtime/objects/native_sig.h"
#include "runtime/objects/singletons.h"
#include "runtime/objects/str.h"
#include "runtime/ops.h"

namespace minipy::rt {

bool convert_to_double(Value v, double* out) {
  if (is_float(v)) {
    *out = float_value(v);
    return true;
  }
  if (is_int(v)) {
    bool overflow = false;
    *out = int_to_double(v, &overflow);
    if (overflow) {
      raise(&exc_OverflowError, "int too large to convert to float");
      return false;
    }
    return true;
  }
  TypeObject* t = type_of(v);
  if (t->nb_float != nullptr && t != &str_type) {
    Ref f = t->nb_float(v);
    if (!f) return false;
    if (!isinstance(f.get(), &float_type)) {
      raise_fmt(&exc_TypeError, "{}.__float__ returned non-float (type {})", type_name(v),
                type_name(f.get()));
      return false;
    }
    *out = static_cast<FloatObject*>(f.obj())->value;
    return true;
  }
  if (t->nb_index != nullptr) {
    Ref i = number_index(v);
    if (!i) return false;
    return convert_to_double(i.get(), out);
  }
  raise_fmt(&exc_TypeError, "must be real number, not {}", type_name(v));
  return false;
}

// Py_ssize_t through __index__, with CPython's overflow message: ops.cpp's index_int64.
bool convert_to_ssize(Value v, int64_t* out) { return index_int64(v, out); }

bool convert_to_cint(Value v, int* out) {
  int64_t n = 0;
  bool ok = v.is_small();
  if (ok) {
    n = v.small();
  } else {
    Ref i = number_index(v);
    if (!i) return false;
    ok = int_to_int64(i.get(), &n);
    if (!ok) clear_exception();
  }
  if (!ok || n > std::numeric_limits<int>::max() || n < std::numeric_limits<int>::min()) {
    raise(&exc_OverflowError, "Python int too large to convert to C int");
    return false;
  }
  *out = static_cast<int>(n);
  return true;
}

bool buffer_view(Value v, std::string_view* out) {
  if (bytes_like_data(v, out)) return true;
  if (is_memoryview(v)) return memoryview_contiguous_data(v, out);
  return false;
}

bool buffer_view_or_raise(Value v, std::string_view* out) {
  if (buffer_view(v, out)) return true;
  if (is_memoryview(v)) {  // PyObject_GetBuffer(PyBUF_SIMPLE) on a strided view
    raise(&exc_BufferError, "memoryview: underlying buffer is not C-contiguous");
  } else {
    raise_fmt(&exc_TypeError, "a bytes-like object is required, not '{}'", type_name(v));
  }
  return false;
}

bool buffer_writable(Value v, std::span<char>* out) {
  if (is_bytearray(v)) {
    std::string& d = static_cast<ByteArrayObject*>(v.obj())->data;
    *out = std::span<char>(d.data(), d.size());
    return true;
  }
  if (is_memoryview(v)) return memoryview_writable_data(v, out);
  if (const BufferProcs* bp = v.is_object() ? v.obj()->type->buffer : nullptr;
      bp != nullptr && !bp->readonly) {
    std::string& d = *bp->storage(v.obj());
    *out = std::span<char>(d.data(), d.size());
    return true;
  }
  return false;
}

std::string_view NativeArgs::bytes(size_t i) const {
  std::string_view out;
  if (v_[i]) buffer_view(v_[i], &out);
  return out;
}

std::span<char> NativeArgs::wbytes(size_t i) const {
  std::span<char> out;
  if (v_[i]) buffer_writable(v_[i], &out);
  return out;
}

Ref fspath(Value v, bool* found) {
  if (found) *found = true;
  if (is_str(v) || is_bytes(v)) return Ref::new_ref(v);
  bool has = false;
  Ref r = call_special(v, intern("__fspath__"), nullptr, 0, &has);
  if (!has) {
    if (found) {
      *found = false;
    } else if (!error_pending()) {
      raise_fmt(&exc_TypeError, "expected str, bytes or os.PathLike object, not {}", type_name(v));
    }
    return Ref();
  }
  if (r && !is_str(r.get()) && !is_bytes(r.get())) {
    raise_fmt(&exc_TypeError, "expected {}.__fspath__() to return str or bytes, not {}",
              type_name(v), type_name(r.get()));
    return Ref();
  }
  return r;
}

namespace {

/// CPython's os.path_converter: str, bytes or os.PathLike (and an int descriptor for path_fd).
bool convert_path(const std::string& fname, const std::string& argname, Value v, bool allow_fd,
                  bool allow_none, ArgSlot* s) {
  if (allow_fd && !is_str(v) && !is_bytes(v) && type_of(v)->nb_index != nullptr) {
    int fd;
    if (!convert_to_cint(v, &fd)) return false;
    s->i = fd;
    s->p = nullptr;
    return true;
  }
  Value p = v;
  if (!is_str(v) && !is_bytes(v)) {
    bool found = false;
    s->keep = fspath(v, &found);
    if (!found) {
      if (error_pending()) return false;
      std::string kinds = "string, bytes";
      kinds += allow_fd || allow_none ? ", os.PathLike" : " or os.PathLike";
      if (allow_fd) kinds += allow_none ? ", integer" : " or integer";
      if (allow_none) kinds += " or None";
      raise_fmt(&exc_TypeError, "{}: {} should be {}, not {}", fname, argname, kinds, type_name(v));
      return false;
    }
    if (!s->keep) return false;
    p = s->keep.get();
  }
  std::string_view data;
  if (is_str(p)) {
    data = as_str(p)->view();
    s->is_bytes = false;
  } else {
    bytes_like_data(p, &data);
    s->is_bytes = true;
  }
  if (data.find('\0') != std::string_view::npos) {
    // A str fails in the file system encoder first (CPython's PyUnicode_FSConverter).
    if (s->is_bytes) {
      raise_fmt(&exc_ValueError, "{}: embedded null character in {}", fname, argname);
    } else {
      raise(&exc_ValueError, "embedded null byte");
    }
    return false;
  }
  s->p = data.data();
  s->n = data.size();
  return true;
}

}  // namespace

bool NativeSig::convert(size_t i, NativeArgs* out) const {
  const Param& p = params_[i];
  Value v = out->v_[i];
  ArgSlot& s = out->typed_[i];
  // Argument Clinic's display name of the argument in "f() argument ... must be X, not Y".
  auto bad = [&](const char* expected) {
    std::string display = style_ == Style::kOneArg ? "argument"
                          : i < nposonly_          ? fmt::format("argument {}", i + 1)
                                                   : fmt::format("argument '{}'", p.name);
    raise_fmt(&exc_TypeError, "{}() {} must be {}, not {}", name_, display, expected,
              is_none(v) ? std::string("None") : type_name(v));
    return false;
  };
  switch (p.conv) {
    case ArgConv::kObject:
      return true;
    case ArgConv::kInt: {
      int n;
      if (!convert_to_cint(v, &n)) return false;
      s.i = n;
      return true;
    }
    case ArgConv::kSsize:
      return convert_to_ssize(v, &s.i);
    case ArgConv::kIndex:
      if (is_int_exact(v)) return true;
      s.keep = number_index(v);
      if (!s.keep) return false;
      out->v_[i] = s.keep.get();
      return true;
    case ArgConv::kDouble:
      return convert_to_double(v, &s.d);
    case ArgConv::kStr:
      if (!is_str(v)) return bad("str");
      s.p = as_str(v)->data.data();
      s.n = as_str(v)->data.size();
      return true;
    case ArgConv::kBuffer: {
      std::string_view data;
      return buffer_view_or_raise(v, &data);
    }
    case ArgConv::kRwBuffer: {
      std::span<char> data;
      if (buffer_writable(v, &data)) return true;
      return bad("read-write bytes-like object");
    }
    case ArgConv::kPath:
    case ArgConv::kPathFd:
      return convert_path(name_, p.name, v, p.conv == ArgConv::kPathFd, p.none_is_absent, &s);
    case ArgConv::kBool: {
      int t = truthy(v);
      if (t < 0) return false;
      s.b = t != 0;
      return true;
    }
  }
  return true;
}

}  // namespace minipy::rt
