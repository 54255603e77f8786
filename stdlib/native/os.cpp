// posix: the native half of the os module (stdlib/lib/os.py re-exports it, as CPython's os.py
// does with its posix module). Files and directories, stat, environment snapshot, process
// primitives for multiprocessing (fork, waitpid, pipe, read, write, dup2, kill, _exit) and
// the O_*/SEEK_*/W* constants. Every call that may block runs with the GIL released and
// retries on EINTR after servicing the eval breaker (Ctrl-C), as PEP 475 specifies.
#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/ioctl.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <climits>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "runtime/bigint.h"
#include "runtime/errors.h"
#include "runtime/objects/bytes.h"
#include "runtime/objects/dict.h"
#include "runtime/objects/float.h"
#include "runtime/objects/int.h"
#include "runtime/objects/list.h"
#include "runtime/objects/native.h"
#include "runtime/objects/singletons.h"
#include "runtime/objects/str.h"
#include "runtime/objects/tuple.h"
#include "runtime/ops.h"
#include "runtime/state/eval_breaker.h"
#include "runtime/state/gil.h"
#include "runtime/state/gil_trace.h"
#include "runtime/state/interpreter.h"
#include "runtime/state/stop_the_world.h"
#include "stdlib/native/io.h"
#include "stdlib/native/os_at_fork.h"
#include "stdlib/native/os_scandir.h"
#include "stdlib/native/oserror.h"
#include "stdlib/native/structseq.h"

extern char** environ;

namespace minipy::lib {

using namespace rt;

namespace {

#define OS_FN(name) Ref name(Value self, const Value* args, size_t nargs, TupleObject* kw)

StructSeqType stat_result_type;
const char* const kStatFields[] = {
    "st_mode",     "st_ino",      "st_dev",     "st_nlink",  "st_uid",   "st_gid",   "st_size",
    nullptr,       nullptr,       nullptr,      "st_atime",  "st_mtime", "st_ctime", "st_atime_ns",
    "st_mtime_ns", "st_ctime_ns", "st_blksize", "st_blocks", "st_rdev"};

// ---------------------------------------------------------------- argument helpers

/// A filesystem path argument: str (UTF-8), bytes, or an os.PathLike. `*is_bytes` reports a
/// bytes path (listdir then returns bytes). With `fd` non-null an int is accepted as a
/// descriptor (*fd set, path empty); otherwise *fd stays -1.
bool path_arg(const char* fname, const char* argname, Value v, std::string* out, int* fd = nullptr,
              bool* was_bytes = nullptr) {
  if (fd) *fd = -1;
  if (was_bytes) *was_bytes = false;
  Ref holder;
  if (!is_str(v) && !is_bytes(v) && !is_int(v)) {
    bool found = false;
    holder = fspath(v, &found);
    if (found) {
      if (!holder) return false;
      v = holder.get();
    } else if (error_pending()) {
      return false;
    }
  }
  if (is_str(v)) {
    *out = std::string(as_str(v)->view());
  } else if (is_bytes(v)) {
    std::string_view d;
    bytes_like_data(v, &d);
    *out = std::string(d);
    if (was_bytes) *was_bytes = true;
  } else if (fd && is_int(v)) {
    int64_t n;
    if (!int_to_int64(v, &n)) return false;
    *fd = static_cast<int>(n);
    return true;
  } else {
    raise_fmt(&exc_TypeError, "{}: {} should be string, bytes{} os.PathLike{}, not {}", fname,
              argname, fd ? "," : " or", fd ? " or integer" : "", type_name(v));
    return false;
  }
  if (out->find('\0') != std::string::npos) {
    raise_fmt(&exc_ValueError, "{}: embedded null character in {}", fname, argname);
    return false;
  }
  return true;
}

bool int_arg(Value v, int64_t* out) {
  if (!is_int(v)) {
    raise_fmt(&exc_TypeError, "'{}' object cannot be interpreted as an integer", type_name(v));
    return false;
  }
  return int_to_int64(v, out);
}

bool fd_arg(Value v, int* out) {
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

/// Runs `call` (a system call returning -1 + errno on failure) with the GIL released, retrying
/// on EINTR after servicing the eval breaker. Returns the call's result; -1 with an exception
/// pending on failure (raised with `filename`).
template <class F>
long blocking(F call, Value filename = Value(), const char* what = "os") {
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
      raise_os_error(err, filename);
      return -1;
    }
    if (!handle_eval_breaker()) return -1;
  }
}

Ref path_result(const std::string& s, bool as_bytes) {
  return as_bytes ? bytes_new(s) : str_new(s);
}

// ---------------------------------------------------------------- process information

OS_FN(os_getpid) {
  if (!check_nargs("getpid", nargs, kw, 0, 0)) return Ref();
  return int_from_int64(::getpid());
}
OS_FN(os_getppid) {
  if (!check_nargs("getppid", nargs, kw, 0, 0)) return Ref();
  return int_from_int64(::getppid());
}
OS_FN(os_getuid) {
  if (!check_nargs("getuid", nargs, kw, 0, 0)) return Ref();
  return int_from_int64(::getuid());
}
OS_FN(os_geteuid) {
  if (!check_nargs("geteuid", nargs, kw, 0, 0)) return Ref();
  return int_from_int64(::geteuid());
}
OS_FN(os_getgid) {
  if (!check_nargs("getgid", nargs, kw, 0, 0)) return Ref();
  return int_from_int64(::getgid());
}
OS_FN(os_getpgrp) {
  if (!check_nargs("getpgrp", nargs, kw, 0, 0)) return Ref();
  return int_from_int64(::getpgrp());
}
OS_FN(os_setsid) {
  if (!check_nargs("setsid", nargs, kw, 0, 0)) return Ref();
  if (::setsid() < 0) return raise_os_error(errno, Value());
  return none_ref();
}

OS_FN(os_cpu_count) {
  if (!check_nargs("cpu_count", nargs, kw, 0, 0)) return Ref();
  long n = sysconf(_SC_NPROCESSORS_ONLN);
  if (n < 1) return none_ref();
  return int_from_int64(n);
}

OS_FN(os_strerror) {
  if (!check_nargs("strerror", nargs, kw, 1, 1)) return Ref();
  int64_t code;
  if (!int_arg(args[0], &code)) return Ref();
  return str_new(std::strerror(static_cast<int>(code)));
}

OS_FN(os_urandom) {
  if (!check_nargs("urandom", nargs, kw, 1, 1)) return Ref();
  int64_t n;
  if (!int_arg(args[0], &n)) return Ref();
  if (n < 0) return raise(&exc_ValueError, "negative argument not allowed");
  std::string buf(static_cast<size_t>(n), '\0');
  size_t got = 0;
  while (got < buf.size()) {
    ssize_t r = getrandom(buf.data() + got, buf.size() - got, 0);
    if (r < 0) {
      if (errno == EINTR) {
        if (!handle_eval_breaker()) return Ref();
        continue;
      }
      return raise_os_error(errno, Value());
    }
    got += static_cast<size_t>(r);
  }
  return bytes_new(buf);
}

// ---------------------------------------------------------------- files and directories

OS_FN(os_getcwd) {
  if (!check_nargs("getcwd", nargs, kw, 0, 0)) return Ref();
  std::vector<char> buf(PATH_MAX);
  while (::getcwd(buf.data(), buf.size()) == nullptr) {
    if (errno != ERANGE) return raise_os_error(errno, Value());
    buf.resize(buf.size() * 2);
  }
  return str_new(buf.data());
}

OS_FN(os_getcwdb) {
  if (!check_nargs("getcwdb", nargs, kw, 0, 0)) return Ref();
  Ref s = os_getcwd(self, args, 0, nullptr);
  if (!s) return s;
  return bytes_new(as_str(s.get())->view());
}

/// A dir_fd argument: the descriptor, or AT_FDCWD when absent (None).
int dir_fd_of(NativeArgs& a, size_t i) { return a.given(i) ? a.i32(i) : AT_FDCWD; }

/// The path argument `i` as a NUL-terminated string (the converter checked for embedded NULs).
std::string path_of(NativeArgs& a, size_t i) { return std::string(a.str(i)); }

/// CPython's check that dir_fd is only combined with a path, not with a descriptor.
bool check_dir_fd_with_path(const char* fname, NativeArgs& a, size_t path_i, size_t dir_fd_i) {
  if (a.path_is_fd(path_i) && a.given(dir_fd_i)) {
    raise_fmt(&exc_ValueError, "{}: can't specify dir_fd without matching path", fname);
    return false;
  }
  return true;
}

Ref os_chdir(Value, NativeArgs& a) {
  long r = a.path_is_fd(0) ? blocking([&] { return ::fchdir(a.i32(0)); })
                           : blocking([&, p = path_of(a, 0)] { return ::chdir(p.c_str()); }, a[0]);
  if (r < 0) return Ref();
  return none_ref();
}

Ref os_listdir(Value, NativeArgs& a) {
  std::string p = a.given(0) && !a.path_is_fd(0) ? path_of(a, 0) : ".";
  bool as_bytes = a.given(0) && !a.path_is_fd(0) && a.path_is_bytes(0);
  int fd = a.given(0) && a.path_is_fd(0) ? a.i32(0) : -1;
  std::vector<std::string> names;
  int err = 0;
  {
    ReleaseGil unlocked("listdir");
    DIR* d;
    if (fd >= 0) {
      int dupfd =
          ::fcntl(fd, F_DUPFD_CLOEXEC, 0);  // closedir closes its descriptor, not the caller's
      d = dupfd < 0 ? nullptr : ::fdopendir(dupfd);
      if (d == nullptr && dupfd >= 0) {
        int e = errno;
        ::close(dupfd);
        errno = e;
      }
      if (d != nullptr) ::rewinddir(d);
    } else {
      d = ::opendir(p.c_str());
    }
    if (d == nullptr) {
      err = errno;
    } else {
      errno = 0;
      while (struct dirent* e = ::readdir(d)) {
        if (std::strcmp(e->d_name, ".") == 0 || std::strcmp(e->d_name, "..") == 0) continue;
        names.emplace_back(e->d_name);
      }
      err = errno;
      ::closedir(d);
    }
  }
  if (err) return raise_os_error(err, a.given(0) && fd < 0 ? a[0] : Value());
  Ref out = list_new(names.size());
  for (const std::string& n : names) {
    Ref item = path_result(n, as_bytes);
    list_append(as_list(out.get()), item.get());
  }
  return out;
}

Ref os_mkdir(Value, NativeArgs& a) {
  std::string p = path_of(a, 0);
  int dfd = dir_fd_of(a, 2);
  if (blocking([&] { return ::mkdirat(dfd, p.c_str(), static_cast<mode_t>(a.i32(1))); }, a[0]) < 0)
    return Ref();
  return none_ref();
}

Ref os_rmdir(Value, NativeArgs& a) {
  std::string p = path_of(a, 0);
  int dfd = dir_fd_of(a, 1);
  if (blocking([&] { return ::unlinkat(dfd, p.c_str(), AT_REMOVEDIR); }, a[0]) < 0) return Ref();
  return none_ref();
}

Ref os_unlink(Value, NativeArgs& a) {
  std::string p = path_of(a, 0);
  int dfd = dir_fd_of(a, 1);
  if (blocking([&] { return ::unlinkat(dfd, p.c_str(), 0); }, a[0]) < 0) return Ref();
  return none_ref();
}

Ref os_rename(Value, NativeArgs& a) {
  std::string src = path_of(a, 0), dst = path_of(a, 1);
  int sfd = dir_fd_of(a, 2), dfd = dir_fd_of(a, 3);
  int r, err;
  {
    ReleaseGil unlocked("rename");
    r = ::renameat(sfd, src.c_str(), dfd, dst.c_str());
    err = errno;
  }
  if (r != 0) {
    // CPython reports both names: "[Errno 2] No such file or directory: 'a' -> 'b'".
    Ref e;
    {
      raise_os_error(err, a[0]);
      e = take_exception();
    }
    if (e) {
      exc_set_field(e.get(), "filename2", a[1]);
      set_exception(std::move(e));
    }
    return Ref();
  }
  return none_ref();
}

}  // namespace

Ref stat_result_from(const struct stat& st) {
  auto ns = [](const struct timespec& ts) {
    return BigInt(static_cast<int64_t>(ts.tv_sec)) * BigInt(1000000000) +
           BigInt(static_cast<int64_t>(ts.tv_nsec));
  };
  auto ftime = [](const struct timespec& ts) {
    return float_new(static_cast<double>(ts.tv_sec) + ts.tv_nsec * 1e-9);
  };
  Ref items[19] = {int_from_int64(st.st_mode),
                   int_from_bigint(BigInt::from_uint64(st.st_ino)),
                   int_from_bigint(BigInt::from_uint64(st.st_dev)),
                   int_from_int64(static_cast<int64_t>(st.st_nlink)),
                   int_from_int64(st.st_uid),
                   int_from_int64(st.st_gid),
                   int_from_int64(st.st_size),
                   int_from_int64(st.st_atim.tv_sec),
                   int_from_int64(st.st_mtim.tv_sec),
                   int_from_int64(st.st_ctim.tv_sec),
                   ftime(st.st_atim),
                   ftime(st.st_mtim),
                   ftime(st.st_ctim),
                   int_from_bigint(ns(st.st_atim)),
                   int_from_bigint(ns(st.st_mtim)),
                   int_from_bigint(ns(st.st_ctim)),
                   int_from_int64(st.st_blksize),
                   int_from_int64(st.st_blocks),
                   int_from_bigint(BigInt::from_uint64(st.st_rdev))};
  return structseq_new(&stat_result_type, items);
}

namespace {

/// stat/lstat: fstatat() relative to dir_fd, fstat() for a descriptor.
Ref stat_impl(const char* fname, NativeArgs& a, size_t dir_fd_i, bool follow) {
  if (!check_dir_fd_with_path(fname, a, 0, dir_fd_i)) return Ref();
  struct stat st;
  long r;
  if (a.path_is_fd(0)) {
    if (!follow)
      return raise_fmt(&exc_ValueError, "{}: cannot use fd and follow_symlinks together", fname);
    int fd = a.i32(0);
    r = blocking([&] { return ::fstat(fd, &st); });
  } else {
    std::string p = path_of(a, 0);
    int dfd = dir_fd_of(a, dir_fd_i);
    r = blocking([&] { return ::fstatat(dfd, p.c_str(), &st, follow ? 0 : AT_SYMLINK_NOFOLLOW); },
                 a[0]);
  }
  if (r < 0) return Ref();
  return stat_result_from(st);
}
Ref os_stat(Value, NativeArgs& a) { return stat_impl("stat", a, 1, a.flag(2)); }
Ref os_lstat(Value, NativeArgs& a) { return stat_impl("lstat", a, 1, false); }

Ref os_fstat(Value, NativeArgs& a) {
  int fd = a.i32(0);
  struct stat st;
  if (blocking([&] { return ::fstat(fd, &st); }) < 0) return Ref();
  return stat_result_from(st);
}

Ref os_umask(Value, NativeArgs& a) {
  return int_from_int64(::umask(static_cast<mode_t>(a.i32(0))));
}

Ref os_access(Value, NativeArgs& a) {
  std::string p = path_of(a, 0);
  int dfd = dir_fd_of(a, 2);
  int flags = (a.flag(3) ? AT_EACCESS : 0) | (a.flag(4) ? 0 : AT_SYMLINK_NOFOLLOW);
  int r;
  {
    ReleaseGil unlocked("access");
    r = ::faccessat(dfd, p.c_str(), a.i32(1), flags);
  }
  return bool_ref(r == 0);
}

Ref os_chmod(Value, NativeArgs& a) {
  if (!check_dir_fd_with_path("chmod", a, 0, 2)) return Ref();
  auto mode = static_cast<mode_t>(a.i32(1));
  bool follow = a.flag(3);
  long r;
  if (a.path_is_fd(0)) {
    if (!follow) return raise(&exc_ValueError, "chmod: cannot use fd and follow_symlinks together");
    int fd = a.i32(0);
    r = blocking([&] { return ::fchmod(fd, mode); });
  } else {
    std::string p = path_of(a, 0);
    int dfd = dir_fd_of(a, 2);
    if (!follow && a.given(2))
      return raise(&exc_ValueError, "chmod: cannot use dir_fd and follow_symlinks together");
    if (!follow) {
      // Linux has no lchmod: fchmodat(AT_SYMLINK_NOFOLLOW) reports ENOTSUP, as CPython finds.
      int rr, err;
      {
        ReleaseGil unlocked("chmod");
        rr = ::fchmodat(dfd, p.c_str(), mode, AT_SYMLINK_NOFOLLOW);
        err = errno;
      }
      if (rr == 0) return none_ref();
      if (err == ENOTSUP || err == EOPNOTSUPP) {
        return raise(&exc_NotImplementedError,
                     "chmod: follow_symlinks unavailable on this platform");
      }
      return raise_os_error(err, a[0]);
    }
    r = blocking([&] { return ::fchmodat(dfd, p.c_str(), mode, 0); }, a[0]);
  }
  if (r < 0) return Ref();
  return none_ref();
}

Ref os_fchmod(Value, NativeArgs& a) {
  int fd = a.i32(0);
  auto mode = static_cast<mode_t>(a.i32(1));
  if (blocking([&] { return ::fchmod(fd, mode); }) < 0) return Ref();
  return none_ref();
}

/// A uid or gid argument as CPython's _Py_Uid_Converter/_Py_Gid_Converter: any integer (via
/// __index__); -1 (or 2**32 - 1) means "unchanged"; other values that do not fit are refused with
/// its messages (a value that a C long holds but uid_t truncates is "less than minimum"; one that
/// no C long holds is "greater than maximum").
bool id_arg(Value v, const char* what, uint32_t* out) {
  Ref i = number_index(v);
  if (!i) {
    clear_exception();
    raise_fmt(&exc_TypeError, "{} should be integer, not {}", what, type_name(v));
    return false;
  }
  BigInt b = int_to_bigint(i.get());
  bool greater = false;
  if (b.is_negative()) {
    if (b.fits_int64() && b.to_int64() == -1) {
      *out = UINT32_MAX;
      return true;
    }
  } else if (!b.fits_int64()) {
    greater = true;
  } else if (b.to_int64() <= UINT32_MAX) {
    *out = static_cast<uint32_t>(b.to_int64());
    return true;
  }
  raise_fmt(&exc_OverflowError, "{} is {} than {}", what, greater ? "greater" : "less",
            greater ? "maximum" : "minimum");
  return false;
}

/// chown(path, uid, gid, *, dir_fd=None, follow_symlinks=True); path may be an open fd.
Ref os_chown(Value, NativeArgs& a) {
  if (!check_dir_fd_with_path("chown", a, 0, 3)) return Ref();
  uint32_t uid, gid;
  if (!id_arg(a[1], "uid", &uid) || !id_arg(a[2], "gid", &gid)) return Ref();
  bool follow = a.flag(4);
  long r;
  if (a.path_is_fd(0)) {
    if (!follow) return raise(&exc_ValueError, "chown: cannot use fd and follow_symlinks together");
    int fd = a.i32(0);
    r = blocking([&] { return ::fchown(fd, uid, gid); });
  } else {
    std::string p = path_of(a, 0);
    int dfd = dir_fd_of(a, 3);
    int flags = follow ? 0 : AT_SYMLINK_NOFOLLOW;
    r = blocking([&] { return ::fchownat(dfd, p.c_str(), uid, gid, flags); }, a[0]);
  }
  if (r < 0) return Ref();
  return none_ref();
}

Ref os_lchown(Value, NativeArgs& a) {
  uint32_t uid, gid;
  if (!id_arg(a[1], "uid", &uid) || !id_arg(a[2], "gid", &gid)) return Ref();
  std::string p = path_of(a, 0);
  if (blocking([&] { return ::lchown(p.c_str(), uid, gid); }, a[0]) < 0) return Ref();
  return none_ref();
}

Ref os_fchown(Value, NativeArgs& a) {
  uint32_t uid, gid;
  if (!id_arg(a[1], "uid", &uid) || !id_arg(a[2], "gid", &gid)) return Ref();
  int fd = a.i32(0);
  if (blocking([&] { return ::fchown(fd, uid, gid); }) < 0) return Ref();
  return none_ref();
}

Ref os_symlink(Value, NativeArgs& a) {
  std::string src = path_of(a, 0), dst = path_of(a, 1);
  int dfd = dir_fd_of(a, 3);
  if (blocking([&] { return ::symlinkat(src.c_str(), dfd, dst.c_str()); }, a[1]) < 0) return Ref();
  return none_ref();
}

Ref os_readlink(Value, NativeArgs& a) {
  std::string p = path_of(a, 0);
  int dfd = dir_fd_of(a, 1);
  std::vector<char> buf(PATH_MAX + 1);
  long n = blocking([&] { return ::readlinkat(dfd, p.c_str(), buf.data(), buf.size()); }, a[0]);
  if (n < 0) return Ref();
  return path_result(std::string(buf.data(), static_cast<size_t>(n)), a.path_is_bytes(0));
}

OS_FN(os_truncate) {
  if (!check_nargs("truncate", nargs, kw, 2, 2)) return Ref();
  std::string p;
  int fd;
  int64_t len;
  if (!path_arg("truncate", "path", args[0], &p, &fd) || !int_arg(args[1], &len)) return Ref();
  long r = fd >= 0 ? blocking([&] { return ::ftruncate(fd, len); })
                   : blocking([&] { return ::truncate(p.c_str(), len); }, args[0]);
  if (r < 0) return Ref();
  return none_ref();
}

Ref os_fspath(Value, NativeArgs& a) { return fspath(a[0]); }

// ---------------------------------------------------------------- descriptors

Ref os_open(Value, NativeArgs& a) {
  std::string p = path_of(a, 0);
  int dfd = dir_fd_of(a, 3);
  // New descriptors are non-inheritable (PEP 446), as in CPython.
  long fd = blocking(
      [&] { return ::openat(dfd, p.c_str(), a.i32(1) | O_CLOEXEC, static_cast<mode_t>(a.i32(2))); },
      a[0]);
  if (fd < 0) return Ref();
  return int_from_int64(fd);
}

OS_FN(os_close) {
  Value a[1] = {};
  if (!parse_args("close", args, nargs, kw, {"fd"}, 1, a)) return Ref();
  int fd;
  if (!fd_arg(a[0], &fd)) return Ref();
  int r, err;
  {
    ReleaseGil unlocked("close");
    r = ::close(fd);
    err = errno;
  }
  if (r < 0 && err != EINTR) return raise_os_error(err, Value());  // EINTR: the fd is closed anyway
  return none_ref();
}

OS_FN(os_closerange) {
  if (!check_nargs("closerange", nargs, kw, 2, 2)) return Ref();
  int lo, hi;
  if (!fd_arg(args[0], &lo) || !fd_arg(args[1], &hi)) return Ref();
  for (int fd = lo; fd < hi; fd++) ::close(fd);
  return none_ref();
}

OS_FN(os_read) {
  if (!check_nargs("read", nargs, kw, 2, 2)) return Ref();
  int fd;
  int64_t n;
  if (!fd_arg(args[0], &fd) || !int_arg(args[1], &n)) return Ref();
  if (n < 0) return raise_os_error(EINVAL, Value());
  std::string buf(static_cast<size_t>(n), '\0');
  long r = blocking([&] { return ::read(fd, buf.data(), buf.size()); }, Value(), "read");
  if (r < 0) return Ref();
  buf.resize(static_cast<size_t>(r));
  return bytes_new(buf);
}

OS_FN(os_write) {
  if (!check_nargs("write", nargs, kw, 2, 2)) return Ref();
  int fd;
  if (!fd_arg(args[0], &fd)) return Ref();
  std::string_view data;
  if (!bytes_like_data(args[1], &data)) {
    return raise_fmt(&exc_TypeError, "a bytes-like object is required, not '{}'",
                     type_name(args[1]));
  }
  std::string copy(data);  // the object may change while the GIL is released
  long r = blocking([&] { return ::write(fd, copy.data(), copy.size()); }, Value(), "write");
  if (r < 0) return Ref();
  return int_from_int64(r);
}

OS_FN(os_lseek) {
  if (!check_nargs("lseek", nargs, kw, 3, 3)) return Ref();
  int fd;
  int64_t pos, how;
  if (!fd_arg(args[0], &fd) || !int_arg(args[1], &pos) || !int_arg(args[2], &how)) return Ref();
  off_t r;
  int err;
  {
    ReleaseGil unlocked("lseek");
    r = ::lseek(fd, pos, static_cast<int>(how));
    err = errno;
  }
  if (r < 0) return raise_os_error(err, Value());
  return int_from_int64(r);
}

OS_FN(os_fsync) {
  if (!check_nargs("fsync", nargs, kw, 1, 1)) return Ref();
  int fd;
  if (!is_int(args[0])) {
    Ref n = call_method(args[0], intern("fileno"), nullptr, 0);
    if (!n || !fd_arg(n.get(), &fd)) return Ref();
  } else if (!fd_arg(args[0], &fd)) {
    return Ref();
  }
  if (blocking([&] { return ::fsync(fd); }) < 0) return Ref();
  return none_ref();
}

OS_FN(os_isatty) {
  if (!check_nargs("isatty", nargs, kw, 1, 1)) return Ref();
  int fd;
  if (!fd_arg(args[0], &fd)) return Ref();
  return bool_ref(::isatty(fd) == 1);
}

OS_FN(os_pipe) {
  if (!check_nargs("pipe", nargs, kw, 0, 0)) return Ref();
  int fds[2];
  // Non-inheritable (PEP 446), as CPython: a child started by exec must not keep the write end
  // open (a reader would never see EOF). Forked children still have both ends, and
  // multiprocessing's spawn passes the ones it needs through fork_exec's keep list.
  if (::pipe2(fds, O_CLOEXEC) != 0) return raise_os_error(errno, Value());
  return tuple_of({Value::from_small(fds[0]), Value::from_small(fds[1])});
}

/// openpty(): (master, slave) of a new pseudo-terminal, both non-inheritable (PEP 446).
OS_FN(os_openpty) {
  if (!check_nargs("openpty", nargs, kw, 0, 0)) return Ref();
  int master = ::posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC);
  if (master < 0) return raise_os_error(errno, Value());
  if (::grantpt(master) != 0 || ::unlockpt(master) != 0) {
    int err = errno;
    ::close(master);
    return raise_os_error(err, Value());
  }
  char name[128];
  if (::ptsname_r(master, name, sizeof name) != 0) {
    int err = errno;
    ::close(master);
    return raise_os_error(err, Value());
  }
  int slave = ::open(name, O_RDWR | O_NOCTTY | O_CLOEXEC);
  if (slave < 0) {
    int err = errno;
    ::close(master);
    return raise_os_error(err, Value());
  }
  return tuple_of({Value::from_small(master), Value::from_small(slave)});
}

OS_FN(os_dup) {
  if (!check_nargs("dup", nargs, kw, 1, 1)) return Ref();
  int fd;
  if (!fd_arg(args[0], &fd)) return Ref();
  int r = ::fcntl(fd, F_DUPFD_CLOEXEC, 0);
  if (r < 0) return raise_os_error(errno, Value());
  return int_from_int64(r);
}

OS_FN(os_dup2) {
  Value a[3] = {};
  if (!parse_args("dup2", args, nargs, kw, {"fd", "fd2", "inheritable"}, 2, a)) return Ref();
  int fd, fd2;
  if (!fd_arg(a[0], &fd) || !fd_arg(a[1], &fd2)) return Ref();
  bool inheritable = true;
  if (a[2]) {
    int t = truthy(a[2]);
    if (t < 0) return Ref();
    inheritable = t;
  }
  long r = blocking([&] { return inheritable ? ::dup2(fd, fd2) : ::dup3(fd, fd2, O_CLOEXEC); });
  if (r < 0) return Ref();
  return int_from_int64(r);
}

OS_FN(os_get_inheritable) {
  if (!check_nargs("get_inheritable", nargs, kw, 1, 1)) return Ref();
  int fd;
  if (!fd_arg(args[0], &fd)) return Ref();
  int flags = ::fcntl(fd, F_GETFD);
  if (flags < 0) return raise_os_error(errno, Value());
  return bool_ref(!(flags & FD_CLOEXEC));
}

OS_FN(os_set_inheritable) {
  if (!check_nargs("set_inheritable", nargs, kw, 2, 2)) return Ref();
  int fd;
  if (!fd_arg(args[0], &fd)) return Ref();
  int t = truthy(args[1]);
  if (t < 0) return Ref();
  int flags = ::fcntl(fd, F_GETFD);
  if (flags < 0) return raise_os_error(errno, Value());
  flags = t ? (flags & ~FD_CLOEXEC) : (flags | FD_CLOEXEC);
  if (::fcntl(fd, F_SETFD, flags) < 0) return raise_os_error(errno, Value());
  return none_ref();
}

OS_FN(os_get_blocking) {
  if (!check_nargs("get_blocking", nargs, kw, 1, 1)) return Ref();
  int fd;
  if (!fd_arg(args[0], &fd)) return Ref();
  int flags = ::fcntl(fd, F_GETFL);
  if (flags < 0) return raise_os_error(errno, Value());
  return bool_ref(!(flags & O_NONBLOCK));
}

OS_FN(os_set_blocking) {
  if (!check_nargs("set_blocking", nargs, kw, 2, 2)) return Ref();
  int fd;
  if (!fd_arg(args[0], &fd)) return Ref();
  int t = truthy(args[1]);
  if (t < 0) return Ref();
  int flags = ::fcntl(fd, F_GETFL);
  if (flags < 0) return raise_os_error(errno, Value());
  flags = t ? (flags & ~O_NONBLOCK) : (flags | O_NONBLOCK);
  if (::fcntl(fd, F_SETFL, flags) < 0) return raise_os_error(errno, Value());
  return none_ref();
}

// ---------------------------------------------------------------- processes

OS_FN(os_fork) {
  if (!check_nargs("fork", nargs, kw, 0, 0)) return Ref();
  // Buffered output would otherwise be written twice, once by each process.
  run_fork_hooks_before();
  flush_std_streams();
  if (error_pending()) clear_exception();
  // The GIL stays held across fork(): the child starts as its only thread, holding it. In the
  // free-threaded build every other thread is parked first, holding no object lock (a lock
  // held at the fork would stay locked forever in the child).
  stop_the_world();
  pid_t pid = ::fork();
  if (pid == 0) {
    after_fork_child();
    run_fork_hooks_after(true);
    return int_from_int64(0);
  }
  int err = errno;
  start_the_world();
  run_fork_hooks_after(false);
  if (pid < 0) return raise_os_error(err, Value());
  return int_from_int64(pid);
}

OS_FN(os_waitpid) {
  if (!check_nargs("waitpid", nargs, kw, 2, 2)) return Ref();
  int64_t pid, options;
  if (!int_arg(args[0], &pid) || !int_arg(args[1], &options)) return Ref();
  int status = 0;
  long r = blocking(
      [&] { return ::waitpid(static_cast<pid_t>(pid), &status, static_cast<int>(options)); },
      Value(), "waitpid");
  if (r < 0) return Ref();
  return tuple_of({Value::from_small(r), Value::from_small(status)});
}

OS_FN(os_wait) {
  if (!check_nargs("wait", nargs, kw, 0, 0)) return Ref();
  int status = 0;
  long r = blocking([&] { return ::waitpid(-1, &status, 0); }, Value(), "waitpid");
  if (r < 0) return Ref();
  return tuple_of({Value::from_small(r), Value::from_small(status)});
}

OS_FN(os_kill) {
  if (!check_nargs("kill", nargs, kw, 2, 2)) return Ref();
  int64_t pid, sig;
  if (!int_arg(args[0], &pid) || !int_arg(args[1], &sig)) return Ref();
  if (::kill(static_cast<pid_t>(pid), static_cast<int>(sig)) != 0)
    return raise_os_error(errno, Value());
  // Signalling ourselves: let a resulting KeyboardInterrupt surface now, as CPython does.
  if (!handle_eval_breaker()) return Ref();
  return none_ref();
}

OS_FN(os__exit) {
  Value a[1] = {};
  if (!parse_args("_exit", args, nargs, kw, {"status"}, 1, a)) return Ref();
  int64_t code;
  if (!int_arg(a[0], &code)) return Ref();
  gil_trace_at_exit();              // a child's GIL trace (FILE.PID) is all it leaves behind
  ::_exit(static_cast<int>(code));  // flushes nothing, runs no handlers
}

OS_FN(os_system) {
  if (!check_nargs("system", nargs, kw, 1, 1)) return Ref();
  std::string cmd;
  if (!path_arg("system", "command", args[0], &cmd)) return Ref();
  flush_std_streams();
  if (error_pending()) clear_exception();
  int r;
  {
    ReleaseGil unlocked("system");
    r = std::system(cmd.c_str());
  }
  return int_from_int64(r);
}

/// The W* status macros as functions of an int status.
template <int (*F)(int)>
Ref status_fn(Value, const Value* args, size_t nargs, TupleObject* kw) {
  if (!check_nargs("status", nargs, kw, 1, 1)) return Ref();
  int64_t st;
  if (!int_arg(args[0], &st)) return Ref();
  return int_from_int64(F(static_cast<int>(st)));
}
template <int (*F)(int)>
Ref status_pred(Value, const Value* args, size_t nargs, TupleObject* kw) {
  if (!check_nargs("status", nargs, kw, 1, 1)) return Ref();
  int64_t st;
  if (!int_arg(args[0], &st)) return Ref();
  return bool_ref(F(static_cast<int>(st)) != 0);
}
int w_ifexited(int s) { return WIFEXITED(s); }
int w_ifcontinued(int s) { return WIFCONTINUED(s); }
int w_exitstatus(int s) { return WEXITSTATUS(s); }
int w_ifsignaled(int s) { return WIFSIGNALED(s); }
int w_termsig(int s) { return WTERMSIG(s); }
int w_ifstopped(int s) { return WIFSTOPPED(s); }
int w_stopsig(int s) { return WSTOPSIG(s); }
int w_coredump(int s) { return WCOREDUMP(s); }

OS_FN(os_waitstatus_to_exitcode) {
  Value a[1] = {};
  if (!parse_args("waitstatus_to_exitcode", args, nargs, kw, {"status"}, 1, a)) return Ref();
  int64_t st;
  if (!int_arg(a[0], &st)) return Ref();
  int s = static_cast<int>(st);
  if (WIFEXITED(s)) return int_from_int64(WEXITSTATUS(s));
  if (WIFSIGNALED(s)) return int_from_int64(-WTERMSIG(s));
  return raise_fmt(&exc_ValueError, "invalid wait status: {}", s);
}

// ---------------------------------------------------------------- environment

OS_FN(os_putenv) {
  if (!check_nargs("putenv", nargs, kw, 2, 2)) return Ref();
  std::string k, v;
  if (!path_arg("putenv", "name", args[0], &k) || !path_arg("putenv", "value", args[1], &v))
    return Ref();
  if (k.empty() || k.find('=') != std::string::npos)
    return raise(&exc_ValueError, "illegal environment variable name");
  if (::setenv(k.c_str(), v.c_str(), 1) != 0) return raise_os_error(errno, Value());
  return none_ref();
}

OS_FN(os_unsetenv) {
  if (!check_nargs("unsetenv", nargs, kw, 1, 1)) return Ref();
  std::string k;
  if (!path_arg("unsetenv", "name", args[0], &k)) return Ref();
  if (k.empty() || k.find('=') != std::string::npos)
    return raise(&exc_ValueError, "illegal environment variable name");
  if (::unsetenv(k.c_str()) != 0) return raise_os_error(errno, Value());
  return none_ref();
}

/// The process environment as a new dict of str (a snapshot; os.py wraps it).
Ref environ_dict() {
  Ref d = dict_new();
  for (char** e = ::environ; e && *e; e++) {
    const char* eq = std::strchr(*e, '=');
    if (eq == nullptr) continue;
    Ref k = str_new(std::string_view(*e, static_cast<size_t>(eq - *e)));
    Ref v = str_new(eq + 1);
    if (!dict_get(as_dict(d.get()), k.get())) dict_set(as_dict(d.get()), k.get(), v.get());
  }
  return d;
}

StructSeqType terminal_size_type;
const char* const kTerminalSizeFields[] = {"columns", "lines"};

// os.get_terminal_size(fd=STDOUT_FILENO): the window size the terminal driver reports
// (shutil.get_terminal_size, argparse's help width, unittest's output).
Ref os_get_terminal_size(Value, NativeArgs& a) {
  int fd = a.given(0) ? a.i32(0) : STDOUT_FILENO;
  struct winsize w {};
  if (::ioctl(fd, TIOCGWINSZ, &w) != 0) return raise_os_error(errno, Value());
  Ref items[2] = {Ref::small(w.ws_col), Ref::small(w.ws_row)};
  return structseq_new(&terminal_size_type, items);
}

const NativeDef kPathFunctions[] = {
    {"get_terminal_size($module, fd: int = NULL, /)", os_get_terminal_size},
    {"chdir($module, /, path: path_fd)", os_chdir},
    {"listdir($module, /, path: path_fd? = None)", os_listdir},
    {"mkdir($module, /, path: path, mode: int = 511, *, dir_fd: int? = None)", os_mkdir},
    {"rmdir($module, /, path: path, *, dir_fd: int? = None)", os_rmdir},
    {"remove($module, /, path: path, *, dir_fd: int? = None)", os_unlink},
    {"unlink($module, /, path: path, *, dir_fd: int? = None)", os_unlink},
    {"rename($module, /, src: path, dst: path, *, src_dir_fd: int? = None, dst_dir_fd: int? = "
     "None)",
     os_rename},
    {"replace($module, /, src: path, dst: path, *, src_dir_fd: int? = None, dst_dir_fd: int? = "
     "None)",
     os_rename},
    {"stat($module, /, path: path_fd, *, dir_fd: int? = None, follow_symlinks: bool = True)",
     os_stat},
    {"lstat($module, /, path: path, *, dir_fd: int? = None)", os_lstat},
    {"access($module, /, path: path, mode: int, *, dir_fd: int? = None, effective_ids: bool = "
     "False, "
     "follow_symlinks: bool = True)",
     os_access},
    {"chmod($module, /, path: path_fd, mode: int, *, dir_fd: int? = None, follow_symlinks: bool = "
     "True)",
     os_chmod},
    {"fchmod($module, /, fd: int, mode: int)", os_fchmod},
    {"chown($module, /, path: path_fd, uid, gid, *, dir_fd: int? = None, follow_symlinks: bool = "
     "True)",
     os_chown},
    {"lchown($module, /, path: path, uid, gid)", os_lchown},
    {"fchown($module, /, fd: int, uid, gid)", os_fchown},
    {"symlink($module, /, src: path, dst: path, target_is_directory: bool = False, *, dir_fd: int? "
     "= "
     "None)",
     os_symlink},
    {"readlink($module, /, path: path, *, dir_fd: int? = None)", os_readlink},
    {"fspath($module, /, path)", os_fspath},
    {"fstat($module, /, fd: int)", os_fstat},
    {"umask($module, mask: int, /)", os_umask},
    {"open($module, /, path: path, flags: int, mode: int = 511, *, dir_fd: int? = None)", os_open},
};

/// What os.py reads to build supports_dir_fd / supports_fd / supports_follow_symlinks /
/// supports_effective_ids: the HAVE_* names of what the functions above really implement.
const char* const kHaveFunctions[] = {
    "HAVE_FACCESSAT", "HAVE_FCHDIR",    "HAVE_FCHMOD",   "HAVE_FCHMODAT",   "HAVE_FCHOWN",
    "HAVE_FCHOWNAT",  "HAVE_FDOPENDIR", "HAVE_FSTATAT",  "HAVE_FTRUNCATE",  "HAVE_LCHOWN",
    "HAVE_LSTAT",     "HAVE_MKDIRAT",   "HAVE_OPENAT",   "HAVE_READLINKAT", "HAVE_RENAMEAT",
    "HAVE_SYMLINKAT", "HAVE_UNLINKAT",  "HAVE_LINKAT",   "HAVE_MKFIFOAT",   "HAVE_MKNODAT",
    "HAVE_UTIMENSAT", "HAVE_FUTIMENS",  "HAVE_FSTATVFS", "HAVE_FPATHCONF",
};

}  // namespace

void posix_constants_init(DictObject* ns);              // os_constants.cpp
void posix_process_init(Value module, DictObject* ns);  // os_process.cpp
void posix_fileops_init(Value module, DictObject* ns);  // os_fileops.cpp

bool init_posix(Value module, DictObject* ns) {
  add_functions(ns, module, kPathFunctions);
  if (!scandir_init(module, ns)) return false;
  {
    Ref have = list_new();
    for (const char* h : kHaveFunctions) list_append(as_list(have.get()), str_new(h).get());
    dict_set_cstr(ns, "_have_functions", have.get());
  }
  structseq_init_type(&stat_result_type, "os", "stat_result", kStatFields, 10, 19);
  dict_set_cstr(ns, "stat_result", Value(&stat_result_type));
  structseq_init_type(&terminal_size_type, "os", "terminal_size", kTerminalSizeFields, 2, 2);
  dict_set_cstr(ns, "terminal_size", Value(&terminal_size_type));
  static const struct {
    const char* name;
    NativeFn fn;
  } kFns[] = {
      {"getpid", os_getpid},
      {"getppid", os_getppid},
      {"getuid", os_getuid},
      {"geteuid", os_geteuid},
      {"getgid", os_getgid},
      {"getpgrp", os_getpgrp},
      {"setsid", os_setsid},
      {"cpu_count", os_cpu_count},
      {"strerror", os_strerror},
      {"urandom", os_urandom},
      {"getcwd", os_getcwd},
      {"getcwdb", os_getcwdb},
      {"truncate", os_truncate},
      {"close", os_close},
      {"closerange", os_closerange},
      {"read", os_read},
      {"write", os_write},
      {"lseek", os_lseek},
      {"fsync", os_fsync},
      {"isatty", os_isatty},
      {"pipe", os_pipe},
      {"openpty", os_openpty},
      {"dup", os_dup},
      {"dup2", os_dup2},
      {"get_inheritable", os_get_inheritable},
      {"set_inheritable", os_set_inheritable},
      {"get_blocking", os_get_blocking},
      {"set_blocking", os_set_blocking},
      {"fork", os_fork},
      {"register_at_fork", os_register_at_fork},
      {"waitpid", os_waitpid},
      {"wait", os_wait},
      {"kill", os_kill},
      {"_exit", os__exit},
      {"system", os_system},
      {"WIFEXITED", status_pred<w_ifexited>},
      {"WEXITSTATUS", status_fn<w_exitstatus>},
      {"WIFSIGNALED", status_pred<w_ifsignaled>},
      {"WTERMSIG", status_fn<w_termsig>},
      {"WIFSTOPPED", status_pred<w_ifstopped>},
      {"WIFCONTINUED", status_pred<w_ifcontinued>},
      {"WSTOPSIG", status_fn<w_stopsig>},
      {"WCOREDUMP", status_pred<w_coredump>},
      {"waitstatus_to_exitcode", os_waitstatus_to_exitcode},
      {"putenv", os_putenv},
      {"unsetenv", os_unsetenv},
  };
  for (const auto& f : kFns) add_function(ns, module, f.name, f.fn);
  posix_constants_init(ns);  // os_constants.cpp
  posix_process_init(module, ns);
  posix_fileops_init(module, ns);
  Ref env = environ_dict();
  dict_set_cstr(ns, "environ", env.get());
  dict_set_cstr(ns, "error", Value(&exc_OSError));
  return true;
}

}  // namespace minipy::lib
