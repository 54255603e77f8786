// fcntl: descriptor control (CPython's Modules/fcntlmodule.c semantics): fcntl() and ioctl()
// with an int or a buffer argument (at most 1024 bytes, copied in and out as CPython does),
// flock() and lockf(). Calls that may wait for a lock (F_SETLKW, flock without LOCK_NB, lockf)
// run with the GIL released and retry on EINTR after running signal handlers.
#include <fcntl.h>
#include <sys/file.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>

#include "runtime/errors.h"
#include "runtime/objects/bytes.h"
#include "runtime/objects/dict.h"
#include "runtime/objects/int.h"
#include "runtime/objects/native.h"
#include "runtime/objects/native_sig.h"
#include "runtime/objects/singletons.h"
#include "runtime/objects/str.h"
#include "runtime/ops.h"
#include "runtime/state/eval_breaker.h"
#include "runtime/state/gil.h"
#include "stdlib/native/native_args.h"
#include "stdlib/native/oserror.h"

namespace minipy::lib {

using namespace rt;

namespace {

constexpr size_t kMaxArg = 1024;  // CPython's fcntl/ioctl buffer limit

/// Runs `call` with the GIL released, retrying on EINTR (PEP 475). -1 with an exception on error.
template <class F>
long retry_released(F call, const char* what) {
  for (;;) {
    long r;
    int err;
    {
      ReleaseGil unlocked(what);
      r = call();
      err = errno;
    }
    if (r >= 0) return r;
    if (err != EINTR) {
      raise_os_error(err, Value());
      return -1;
    }
    if (!handle_eval_breaker()) return -1;
  }
}

/// The shared shape of fcntl() and ioctl(): int argument -> int result; str/bytes argument ->
/// bytes of the same length after the call.
Ref control(const char* fname, NativeArgs& a, bool is_ioctl) {
  int fd;
  if (!file_descriptor_arg(a[0], &fd)) return Ref();
  int64_t code;
  if (!int_arg(a[1], &code)) return Ref();
  Value arg = a[2];
  if (arg && (is_str(arg) || is_byte_like(arg))) {
    std::string data;
    if (is_str(arg)) {
      data = std::string(as_str(arg)->view());
    } else {
      std::string_view d;
      if (!bytes_like_data(arg, &d)) return raise(&exc_TypeError, "expected a contiguous buffer");
      data = std::string(d);
    }
    if (data.size() > kMaxArg) {
      return raise(&exc_ValueError,
                   is_ioctl ? "ioctl string arg too long" : "fcntl string arg too long");
    }
    char buf[kMaxArg + 1];
    std::memcpy(buf, data.data(), data.size());
    buf[data.size()] = '\0';
    long r = retry_released(
        [&]() -> long {
          return is_ioctl ? ::ioctl(fd, static_cast<unsigned long>(code), buf)
                          : ::fcntl(fd, static_cast<int>(code), buf);
        },
        fname);
    if (r < 0) return Ref();
    // A mutable buffer passed to ioctl (mutate_flag, default true) receives the result in place.
    if (is_ioctl && is_bytearray(arg)) {
      bool mutate = a.flag(3);
      if (mutate) {
        auto* ba = static_cast<ByteArrayObject*>(arg.obj());
        if (ba->data.size() == data.size()) std::memcpy(ba->data.data(), buf, data.size());
        return int_from_int64(r);
      }
    }
    return bytes_new(std::string_view(buf, data.size()));
  }
  int iarg = 0;
  if (arg && !is_none(arg)) {
    int64_t n;
    if (!int_arg(arg, &n)) {
      if (exception_matches(&exc_TypeError)) {
        clear_exception();
        return raise_fmt(
            &exc_TypeError,
            "{}() argument 3 must be an integer, a bytes-like object, or a string, not {}", fname,
            type_name(arg));
      }
      return Ref();
    }
    iarg = static_cast<int>(n);
  }
  long r = retry_released(
      [&]() -> long {
        return is_ioctl ? ::ioctl(fd, static_cast<unsigned long>(code), iarg)
                        : ::fcntl(fd, static_cast<int>(code), iarg);
      },
      fname);
  if (r < 0) return Ref();
  return int_from_int64(r);
}

Ref fcntl_fcntl(Value, NativeArgs& a) { return control("fcntl", a, false); }

Ref fcntl_ioctl(Value, NativeArgs& a) { return control("ioctl", a, true); }

Ref fcntl_flock(Value, NativeArgs& a) {
  int fd, op = a.i32(1);
  if (!file_descriptor_arg(a[0], &fd)) return Ref();
  if (retry_released([&]() -> long { return ::flock(fd, op); }, "flock") < 0) return Ref();
  return none_ref();
}

/// lockf(fd, cmd, len=0, start=0, whence=0): CPython maps it onto fcntl record locks.
Ref fcntl_lockf(Value, NativeArgs& a) {
  int fd, cmd, whence = 0;
  int64_t len = 0, start = 0;
  if (!file_descriptor_arg(a[0], &fd)) return Ref();
  cmd = a.i32(1);
  len = a.i64(2);
  start = a.i64(3);
  whence = a.i32(4);
  struct flock l {};
  if (cmd == LOCK_UN) {
    l.l_type = F_UNLCK;
  } else if (cmd & LOCK_SH) {
    l.l_type = F_RDLCK;
  } else if (cmd & LOCK_EX) {
    l.l_type = F_WRLCK;
  } else {
    return raise(&exc_ValueError, "unrecognized lockf argument");
  }
  l.l_start = static_cast<off_t>(start);
  l.l_len = static_cast<off_t>(len);
  l.l_whence = static_cast<short>(whence);
  int op = (cmd & LOCK_NB) ? F_SETLK : F_SETLKW;
  if (retry_released([&]() -> long { return ::fcntl(fd, op, &l); }, "lockf") < 0) return Ref();
  return none_ref();
}

}  // namespace

bool init_fcntl(Value module, DictObject* ns) {
  static const NativeDef kFunctions[] = {
      {"fcntl($module, fd, cmd: int, arg=0, /)", fcntl_fcntl, kNativeReleasesGil},
      {"ioctl($module, fd, request, arg=0, mutate_flag: bool=True, /)", fcntl_ioctl,
       kNativeReleasesGil},
      {"flock($module, fd, operation: int, /)", fcntl_flock, kNativeReleasesGil},
      {"lockf($module, fd, cmd: int, len: ssize_t=0, start: ssize_t=0, whence: int=0, /)",
       fcntl_lockf, kNativeReleasesGil},
  };
  add_functions(ns, module, kFunctions);
#define K(name) \
  { #name, static_cast < long>(name) }
  const struct {
    const char* name;
    long value;
  } kConstants[] = {
      K(F_DUPFD),      K(F_DUPFD_CLOEXEC), K(F_GETFD),       K(F_SETFD),      K(F_GETFL),
      K(F_SETFL),      K(F_GETLK),         K(F_SETLK),       K(F_SETLKW),     K(F_GETOWN),
      K(F_SETOWN),     K(F_GETSIG),        K(F_SETSIG),      K(F_RDLCK),      K(F_WRLCK),
      K(F_UNLCK),      K(F_GETLEASE),      K(F_SETLEASE),    K(F_NOTIFY),     K(F_GETPIPE_SZ),
      K(F_SETPIPE_SZ), K(F_OFD_GETLK),     K(F_OFD_SETLK),   K(F_OFD_SETLKW), K(F_ADD_SEALS),
      K(F_GET_SEALS),  K(F_SEAL_SEAL),     K(F_SEAL_SHRINK), K(F_SEAL_GROW),  K(F_SEAL_WRITE),
      K(FD_CLOEXEC),   K(LOCK_SH),         K(LOCK_EX),       K(LOCK_NB),      K(LOCK_UN),
      K(LOCK_MAND),    K(LOCK_READ),       K(LOCK_WRITE),    K(LOCK_RW),      K(DN_ACCESS),
      K(DN_MODIFY),    K(DN_CREATE),       K(DN_DELETE),     K(DN_RENAME),    K(DN_ATTRIB),
      K(DN_MULTISHOT), K(F_EXLCK),         K(F_SHLCK),       K(FASYNC),
  };
#undef K
  for (const auto& c : kConstants) {
    Ref v = int_from_int64(c.value);
    dict_set_cstr(ns, c.name, v.get());
  }
  return true;
}

}  // namespace minipy::lib
