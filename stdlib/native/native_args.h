// Argument helpers shared by the native I/O modules (zlib, _hashlib, _blake2, _socket, select,
// fcntl): bytes-like arguments that stay valid while the GIL is released, int arguments with
// CPython's conversion messages, and exception classes created by a native module (zlib.error,
// socket.gaierror).
#pragma once

#include <mutex>
#include <string>
#include <string_view>

#include "runtime/object.h"
#include "runtime/type.h"

namespace minipy::lib {

/// A read-only bytes-like argument (bytes, bytearray, memoryview). `data` stays valid while the
/// GIL is released: an immutable buffer is kept alive by `keep`; a mutable one (bytearray, a
/// memoryview of one) is copied into `copy` when `stable` is asked, since another thread could
/// resize it meanwhile (CPython pins it with a buffer export; minipy's bytearray has none).
struct ByteArg {
  rt::Ref keep;
  std::string copy;
  std::string_view data;  // may point into `copy`: a ByteArg never moves (keep many in a deque)

  ByteArg() = default;
  ByteArg(const ByteArg&) = delete;
  ByteArg& operator=(const ByteArg&) = delete;
};

/// Fills `out` from `v`; TypeError "a bytes-like object is required, not 'str'" otherwise.
bool byte_arg(rt::Value v, ByteArg* out, bool stable);
/// The same test without raising: true when `v` exports bytes.
bool is_byte_like(rt::Value v);

/// operator.index(v) into an int64 with CPython's message for a non-integer
/// ("'float' object cannot be interpreted as an integer").
bool int_arg(rt::Value v, int64_t* out);
/// The same into an int (OverflowError "signed integer is greater than maximum" / "less than
/// minimum").
bool c_int_arg(rt::Value v, int* out);

/// A file descriptor from an int or an object with fileno() (CPython's PyObject_AsFileDescriptor).
bool file_descriptor_arg(rt::Value v, int* out);
/// An os.fsencode()-style argument (a path, an argv or environment entry): str (its UTF-8),
/// bytes, or an os.PathLike returning one; NUL-free. False with CPython's TypeError/ValueError.
bool fs_encoded_arg(rt::Value v, std::string* out);

/// A new exception class `module.name` deriving from `base` (a heap class, like one created by a
/// class statement). Null with an exception pending on failure.
rt::Ref new_exception_class(const char* module, const char* name, rt::TypeObject* base);

/// Locks `mu` for a native object whose methods release the GIL (CPython's ENTER_HASHLIB /
/// ENTER_ZLIB): tries without blocking first; when another thread holds it, waits with the GIL
/// released so that thread can finish.
class ObjectLock {
 public:
  explicit ObjectLock(std::mutex& mu);
  ~ObjectLock() { mu_.unlock(); }
  ObjectLock(const ObjectLock&) = delete;
  ObjectLock& operator=(const ObjectLock&) = delete;

 private:
  std::mutex& mu_;
};

}  // namespace minipy::lib
