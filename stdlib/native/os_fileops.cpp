// posix, part three: the file operations beyond open/read/write/stat. Positional and vectored
// I/O (pread, pwrite, readv, writev), links and special files (link, mkfifo, mknod and the device
// number helpers), utime, statvfs, truncation and syncing, advisory locks and preallocation,
// in-kernel copies (sendfile, copy_file_range, splice), pipe2, memfd_create, eventfd and
// getrandom. Calls that may block run with the GIL released and retry on EINTR after servicing
// the eval breaker (PEP 475), as os.cpp's do.
#include <fcntl.h>
#include <langinfo.h>
#include <sys/mman.h>
#include <sys/random.h>
#include <sys/sendfile.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <sys/sysmacros.h>
#include <sys/uio.h>
#include <unistd.h>
#if __has_include(<sys/eventfd.h>)
#include <sys/eventfd.h>
#endif

#include <algorithm>
#include <cerrno>
#include <climits>
#include <cmath>
#include <cstring>
#include <span>
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
#include "stdlib/native/oserror.h"
#include "stdlib/native/structseq.h"

namespace minipy::lib {

using namespace rt;

namespace {

/// Runs `call` (-1 + errno on failure) without the GIL, retrying on EINTR once the eval breaker
/// has run (a Ctrl-C raises instead). Returns the result, or -1 with the OSError raised.
template <class F>
long blocking(const char* what, F syscall, Value filename = Value(), Value filename2 = Value()) {
  for (;;) {
    long r;
    int err;
    {
      ReleaseGil unlocked(what);
      r = static_cast<long>(syscall());
      err = errno;
    }
    if (r >= 0) return r;
    if (err != EINTR) {
      if (filename2) {
        // Two paths (link): CPython's path_error2 names both.
        Ref exc_args = tuple_of({Ref::small(err).get(), str_new(std::strerror(err)).get(), filename,
                                 Value::from_small(0), filename2});
        Ref exc = call_tuple_dict(Value(&exc_OSError), exc_args.get(), Value());
        if (exc) set_exception(std::move(exc));
        return -1;
      }
      raise_os_error(err, filename);
      return -1;
    }
    if (!handle_eval_breaker()) return -1;
  }
}

/// The int result of a call that returns 0 or an error number itself (posix_fallocate and
/// posix_fadvise), retried on EINTR.
template <class F>
bool errno_returning(const char* what, F syscall) {
  for (;;) {
    int err;
    {
      ReleaseGil unlocked(what);
      err = syscall();
    }
    if (err == 0) return true;
    if (err != EINTR) {
      raise_os_error(err, Value());
      return false;
    }
    if (!handle_eval_breaker()) return false;
  }
}

int dir_fd_of(NativeArgs& a, size_t i) { return a.given(i) ? a.i32(i) : AT_FDCWD; }
std::string path_of(NativeArgs& a, size_t i) { return std::string(a.str(i)); }

// ---------------------------------------------------------------- links and special files

Ref os_link(Value, NativeArgs& a) {
  std::string src = path_of(a, 0), dst = path_of(a, 1);
  int sfd = dir_fd_of(a, 2), dfd = dir_fd_of(a, 3);
  int flags = a.flag(4) ? AT_SYMLINK_FOLLOW : 0;
  if (blocking(
          "link", [&] { return ::linkat(sfd, src.c_str(), dfd, dst.c_str(), flags); }, a[0], a[1]) <
      0)
    return Ref();
  return none_ref();
}

Ref os_mkfifo(Value, NativeArgs& a) {
  std::string p = path_of(a, 0);
  int dfd = dir_fd_of(a, 2);
  if (blocking(
          "mkfifo", [&] { return ::mkfifoat(dfd, p.c_str(), static_cast<mode_t>(a.i32(1))); },
          a[0]) < 0)
    return Ref();
  return none_ref();
}

Ref os_mknod(Value, NativeArgs& a) {
  std::string p = path_of(a, 0);
  int dfd = dir_fd_of(a, 3);
  auto dev = static_cast<dev_t>(a.i64(2));
  if (blocking(
          "mknod", [&] { return ::mknodat(dfd, p.c_str(), static_cast<mode_t>(a.i32(1)), dev); },
          a[0]) < 0)
    return Ref();
  return none_ref();
}

/// An int (via __index__) in [0, 2**64): false (nothing raised) when it does not fit.
bool index_uint64(Value n, uint64_t* out) {
  BigInt b = int_to_bigint(n);
  if (b.is_negative() || b.bit_length() > 64) return false;
  uint64_t v = 0;
  const auto& mag = b.magnitude();
  for (size_t i = mag.size(); i-- > 0;) v = (v << 32) | mag[i];
  *out = v;
  return true;
}

/// A dev_t argument (CPython's _Py_Dev_Converter): any non-negative int that fits 64 bits.
bool dev_arg(Value v, uint64_t* out) {
  Ref n = number_index(v);
  if (!n) return false;
  if (!index_uint64(n.get(), out)) {
    raise(&exc_OverflowError, "Python int too large to convert to C dev_t");
    return false;
  }
  return true;
}

Ref os_major(Value, NativeArgs& a) {
  uint64_t dev;
  if (!dev_arg(a[0], &dev)) return Ref();
  return int_from_int64(static_cast<int64_t>(major(static_cast<dev_t>(dev))));
}

Ref os_minor(Value, NativeArgs& a) {
  uint64_t dev;
  if (!dev_arg(a[0], &dev)) return Ref();
  return int_from_int64(static_cast<int64_t>(minor(static_cast<dev_t>(dev))));
}

Ref os_makedev(Value, NativeArgs& a) {
  int64_t maj = a.i64(0), min = a.i64(1);
  if (maj < 0 || min < 0 || maj > UINT32_MAX || min > UINT32_MAX)
    return raise(&exc_OverflowError, "Python int too large to convert to C unsigned int");
  return int_from_bigint(
      BigInt::from_uint64(makedev(static_cast<unsigned>(maj), static_cast<unsigned>(min))));
}

// ---------------------------------------------------------------- positional and vectored I/O

Ref os_pread(Value, NativeArgs& a) {
  int fd = a.i32(0);
  int64_t length = a.i64(1), offset = a.i64(2);
  if (length < 0) return raise_os_error(EINVAL, Value());
  std::string buf(static_cast<size_t>(length), '\0');
  long n = blocking("pread", [&] { return ::pread(fd, buf.data(), buf.size(), offset); });
  if (n < 0) return Ref();
  buf.resize(static_cast<size_t>(n));
  return bytes_new(buf);
}

Ref os_pwrite(Value, NativeArgs& a) {
  int fd = a.i32(0);
  std::string data(a.bytes(1));  // copied: the buffer may change while the GIL is released
  int64_t offset = a.i64(2);
  long n = blocking("pwrite", [&] { return ::pwrite(fd, data.data(), data.size(), offset); });
  if (n < 0) return Ref();
  return int_from_int64(n);
}

/// readv(fd, buffers): fills the writable buffers in order; the number of bytes read.
Ref os_readv(Value, NativeArgs& a) {
  int fd = a.i32(0);
  if (!is_list(a[1]) && !is_tuple(a[1]) && type_of(a[1])->getitem == nullptr)
    return raise(&exc_TypeError, "readv() arg 2 must be a sequence");
  Ref items = list_from_iterable(a[1]);
  if (!items) return Ref();
  std::vector<std::span<char>> targets;
  std::vector<struct iovec> iov;
  for (Value b : as_list(items.get())->items) {
    std::span<char> w;
    if (!buffer_writable(b, &w)) return Ref();
    targets.push_back(w);
  }
  // Read into private memory, then copy into the buffers with the GIL held (a bytearray may be
  // resized by another thread while the GIL is released).
  std::vector<std::string> scratch;
  for (const auto& t : targets) scratch.emplace_back(t.size(), '\0');
  for (auto& s : scratch) iov.push_back({s.data(), s.size()});
  long n = blocking("readv", [&] { return ::readv(fd, iov.data(), static_cast<int>(iov.size())); });
  if (n < 0) return Ref();
  long left = n;
  for (size_t i = 0; i < targets.size() && left > 0; i++) {
    std::span<char> w;
    if (!buffer_writable(as_list(items.get())->items[i], &w)) return Ref();
    size_t k = std::min({static_cast<size_t>(left), w.size(), scratch[i].size()});
    std::memcpy(w.data(), scratch[i].data(), k);
    left -= static_cast<long>(scratch[i].size());
  }
  return int_from_int64(n);
}

Ref os_writev(Value, NativeArgs& a) {
  int fd = a.i32(0);
  if (!is_list(a[1]) && !is_tuple(a[1]) && type_of(a[1])->getitem == nullptr)
    return raise(&exc_TypeError, "writev() arg 2 must be a sequence");
  Ref items = list_from_iterable(a[1]);
  if (!items) return Ref();
  std::vector<std::string> data;
  for (Value b : as_list(items.get())->items) {
    std::string_view v;
    if (!buffer_view(b, &v)) return Ref();
    data.emplace_back(v);
  }
  std::vector<struct iovec> iov;
  for (auto& s : data) iov.push_back({s.data(), s.size()});
  long n =
      blocking("writev", [&] { return ::writev(fd, iov.data(), static_cast<int>(iov.size())); });
  if (n < 0) return Ref();
  return int_from_int64(n);
}

// ---------------------------------------------------------------- size, sync, locks

Ref os_ftruncate(Value, NativeArgs& a) {
  int fd = a.i32(0);
  int64_t length = a.i64(1);
  if (blocking("ftruncate", [&] { return ::ftruncate(fd, length); }) < 0) return Ref();
  return none_ref();
}

/// fdatasync(fd): fd is an int or an object with fileno() (CPython's fildes converter).
bool fildes(Value v, int* out) {
  Ref holder;
  if (!is_int(v)) {
    holder = call_method(v, intern("fileno"), nullptr, 0);
    if (!holder) {
      if (exception_matches(&exc_AttributeError)) {
        clear_exception();
        raise(&exc_TypeError, "argument must be an int, or have a fileno() method.");
      }
      return false;
    }
    v = holder.get();
    if (!is_int(v)) {
      raise_fmt(&exc_TypeError, "fileno() returned a non-integer");
      return false;
    }
  }
  int64_t n;
  if (!int_to_int64(v, &n) || n < INT_MIN || n > INT_MAX) {
    if (error_pending()) clear_exception();
    raise(&exc_OverflowError, "fd is greater than maximum");
    return false;
  }
  if (n < 0) {
    raise_fmt(&exc_ValueError, "file descriptor cannot be a negative integer ({})", n);
    return false;
  }
  *out = static_cast<int>(n);
  return true;
}

Ref os_fdatasync(Value, NativeArgs& a) {
  int fd;
  if (!fildes(a[0], &fd)) return Ref();
  if (blocking("fdatasync", [&] { return ::fdatasync(fd); }) < 0) return Ref();
  return none_ref();
}

Ref os_sync(Value, NativeArgs&) {
  {
    ReleaseGil unlocked("sync");
    ::sync();
  }
  return none_ref();
}

Ref os_fchdir(Value, NativeArgs& a) {
  int fd;
  if (!fildes(a[0], &fd)) return Ref();
  if (blocking("fchdir", [&] { return ::fchdir(fd); }) < 0) return Ref();
  return none_ref();
}

Ref os_chroot(Value, NativeArgs& a) {
  std::string p = path_of(a, 0);
  if (blocking(
          "chroot", [&] { return ::chroot(p.c_str()); }, a[0]) < 0)
    return Ref();
  return none_ref();
}

Ref os_lockf(Value, NativeArgs& a) {
  int fd = a.i32(0), cmd = a.i32(1);
  int64_t len = a.i64(2);
  if (blocking("lockf", [&] { return ::lockf(fd, cmd, len); }) < 0) return Ref();
  return none_ref();
}

Ref os_posix_fallocate(Value, NativeArgs& a) {
  int fd = a.i32(0);
  int64_t off = a.i64(1), len = a.i64(2);
  if (!errno_returning("posix_fallocate", [&] { return ::posix_fallocate(fd, off, len); }))
    return Ref();
  return none_ref();
}

Ref os_posix_fadvise(Value, NativeArgs& a) {
  int fd = a.i32(0), advice = a.i32(3);
  int64_t off = a.i64(1), len = a.i64(2);
  if (!errno_returning("posix_fadvise", [&] { return ::posix_fadvise(fd, off, len, advice); }))
    return Ref();
  return none_ref();
}

// ---------------------------------------------------------------- copies inside the kernel

/// sendfile(out_fd, in_fd, offset, count): offset None sends from in_fd's current position.
Ref os_sendfile(Value, NativeArgs& a) {
  int out_fd = a.i32(0), in_fd = a.i32(1);
  int64_t count = a.i64(3);
  if (count < 0) return raise_os_error(EINVAL, Value());
  long n;
  if (is_none(a[2])) {
    n = blocking("sendfile",
                 [&] { return ::sendfile(out_fd, in_fd, nullptr, static_cast<size_t>(count)); });
  } else {
    int64_t off;
    if (!convert_to_ssize(a[2], &off)) return Ref();
    off_t offset = off;
    n = blocking("sendfile",
                 [&] { return ::sendfile(out_fd, in_fd, &offset, static_cast<size_t>(count)); });
  }
  if (n < 0) return Ref();
  return int_from_int64(n);
}

/// An optional offset (None = the descriptor's own position).
bool offset_arg(NativeArgs& a, size_t i, off_t* storage, off_t** out) {
  *out = nullptr;
  if (!a.given(i) || is_none(a[i])) return true;
  int64_t v;
  if (!convert_to_ssize(a[i], &v)) return false;
  *storage = v;
  *out = storage;
  return true;
}

Ref os_copy_file_range(Value, NativeArgs& a) {
  int src = a.i32(0), dst = a.i32(1);
  int64_t count = a.i64(2);
  if (count < 0) return raise(&exc_ValueError, "negative value in count");
  off_t so, dO;
  off_t *psrc, *pdst;
  if (!offset_arg(a, 3, &so, &psrc) || !offset_arg(a, 4, &dO, &pdst)) return Ref();
  long n = blocking("copy_file_range", [&] {
    return ::copy_file_range(src, psrc, dst, pdst, static_cast<size_t>(count), 0);
  });
  if (n < 0) return Ref();
  return int_from_int64(n);
}

Ref os_splice(Value, NativeArgs& a) {
  int src = a.i32(0), dst = a.i32(1);
  int64_t count = a.i64(2);
  unsigned flags = static_cast<unsigned>(a.i32(5));
  if (count < 0) return raise(&exc_ValueError, "negative value in count");
  off_t so, dO;
  off_t *psrc, *pdst;
  if (!offset_arg(a, 3, &so, &psrc) || !offset_arg(a, 4, &dO, &pdst)) return Ref();
  long n = blocking(
      "splice", [&] { return ::splice(src, psrc, dst, pdst, static_cast<size_t>(count), flags); });
  if (n < 0) return Ref();
  return int_from_int64(n);
}

// ---------------------------------------------------------------- new descriptors

Ref os_pipe2(Value, NativeArgs& a) {
  int fds[2];
  if (::pipe2(fds, a.i32(0)) < 0) return raise_os_error(errno, Value());
  return tuple_of({Ref::small(fds[0]).get(), Ref::small(fds[1]).get()});
}

Ref os_memfd_create(Value, NativeArgs& a) {
  std::string name(a.str(0));
  // flags defaults to MFD_CLOEXEC (CPython's signature names it; the header gives its value).
  unsigned flags = a.given(1) ? static_cast<unsigned>(a.i64(1)) : MFD_CLOEXEC;
  int fd = ::memfd_create(name.c_str(), flags);
  if (fd < 0) return raise_os_error(errno, Value());
  return Ref::small(fd);
}

#ifdef EFD_CLOEXEC
Ref os_eventfd(Value, NativeArgs& a) {
  int64_t init = a.i64(0);
  if (init < 0 || init > UINT32_MAX)
    return raise(&exc_OverflowError, "Python int too large to convert to C unsigned int");
  int fd = ::eventfd(static_cast<unsigned>(init), a.given(1) ? a.i32(1) : EFD_CLOEXEC);
  if (fd < 0) return raise_os_error(errno, Value());
  return Ref::small(fd);
}

Ref os_eventfd_read(Value, NativeArgs& a) {
  int fd;
  if (!fildes(a[0], &fd)) return Ref();
  eventfd_t value = 0;
  if (blocking("eventfd_read", [&] { return ::eventfd_read(fd, &value); }) < 0) return Ref();
  return int_from_bigint(BigInt::from_uint64(value));
}

Ref os_eventfd_write(Value, NativeArgs& a) {
  int fd;
  if (!fildes(a[0], &fd)) return Ref();
  Ref n = number_index(a[1]);
  if (!n) return Ref();
  uint64_t value;
  if (!index_uint64(n.get(), &value))
    return raise(&exc_OverflowError, "Python int too large to convert to C unsigned long long");
  if (blocking("eventfd_write", [&] { return ::eventfd_write(fd, value); }) < 0) return Ref();
  return none_ref();
}
#endif

Ref os_getrandom(Value, NativeArgs& a) {
  int64_t size = a.i64(0);
  if (size < 0) return raise_os_error(EINVAL, Value());
  std::string buf(static_cast<size_t>(size), '\0');
  int flags = a.i32(1);
  long n = blocking("getrandom", [&] { return ::getrandom(buf.data(), buf.size(), flags); });
  if (n < 0) return Ref();
  buf.resize(static_cast<size_t>(n));
  return bytes_new(buf);
}

/// device_encoding(fd): the terminal's encoding (the locale's codeset) when fd is a tty, else
/// None.
Ref os_device_encoding(Value, NativeArgs& a) {
  if (!::isatty(a.i32(0))) return none_ref();
  const char* codeset = ::nl_langinfo(CODESET);
  if (codeset == nullptr || *codeset == '\0') return none_ref();
  return str_new(codeset);
}

// ---------------------------------------------------------------- utime, statvfs

/// One utime time: an int or float of seconds, as (seconds, nanoseconds) rounded toward
/// minus infinity (CPython's _PyTime_ObjectToTimespec with _PyTime_ROUND_FLOOR).
bool seconds_arg(Value v, struct timespec* out) {
  if (is_float(v)) {
    double d = float_value(v);
    if (std::isnan(d)) {
      raise(&exc_ValueError, "Invalid value NaN (not a number)");
      return false;
    }
    double whole = std::floor(d);
    double frac = d - whole;
    long ns = static_cast<long>(std::floor(frac * 1e9));
    if (ns >= 1000000000L) {
      ns -= 1000000000L;
      whole += 1;
    }
    if (whole < -9.2e18 || whole > 9.2e18) {
      raise(&exc_OverflowError, "timestamp out of range for platform time_t");
      return false;
    }
    out->tv_sec = static_cast<time_t>(whole);
    out->tv_nsec = ns;
    return true;
  }
  Ref n = number_index(v);
  if (!n) return false;
  int64_t s;
  if (!int_to_int64(n.get(), &s)) {
    clear_exception();
    raise(&exc_OverflowError, "timestamp out of range for platform time_t");
    return false;
  }
  out->tv_sec = s;
  out->tv_nsec = 0;
  return true;
}

/// One ns time: an int of nanoseconds.
bool ns_arg(Value v, struct timespec* out) {
  if (!is_int(v)) {
    raise_fmt(&exc_TypeError, "'{}' object cannot be interpreted as an integer", type_name(v));
    return false;
  }
  Ref billion = int_from_int64(1000000000);
  Ref q = binary_op(v, billion.get(), NumOp::FloorDiv);
  Ref r = q ? binary_op(v, billion.get(), NumOp::Mod) : Ref();
  if (!r) return false;
  int64_t sec, nsec;
  if (!int_to_int64(q.get(), &sec) || !int_to_int64(r.get(), &nsec)) {
    clear_exception();
    raise(&exc_OverflowError, "timestamp out of range for platform time_t");
    return false;
  }
  out->tv_sec = sec;
  out->tv_nsec = nsec;
  return true;
}

/// utime(path, times=None, *, ns, dir_fd=None, follow_symlinks=True).
Ref os_utime(Value, NativeArgs& a) {
  bool have_times = a.given(1) && !is_none(a[1]);
  bool have_ns = a.given(2);
  if (have_times && have_ns)
    return raise(&exc_ValueError, "utime: you may specify either 'times' or 'ns' but not both");
  struct timespec ts[2];
  if (have_times) {
    if (!is_tuple(a[1]) || as_tuple(a[1])->size != 2)
      return raise(&exc_TypeError, "utime: 'times' must be either a tuple of two ints or None");
    if (!seconds_arg(as_tuple(a[1])->at(0), &ts[0]) || !seconds_arg(as_tuple(a[1])->at(1), &ts[1]))
      return Ref();
  } else if (have_ns) {
    if (!is_tuple(a[2]) || as_tuple(a[2])->size != 2)
      return raise(&exc_TypeError, "utime: 'ns' must be a tuple of two ints");
    if (!ns_arg(as_tuple(a[2])->at(0), &ts[0]) || !ns_arg(as_tuple(a[2])->at(1), &ts[1]))
      return Ref();
  } else {
    ts[0].tv_sec = ts[1].tv_sec = 0;
    ts[0].tv_nsec = ts[1].tv_nsec = UTIME_NOW;
  }
  bool follow = a.flag(4);
  if (a.path_is_fd(0)) {
    if (a.given(3))
      return raise(&exc_ValueError, "utime: can't specify dir_fd without matching path");
    if (!follow) return raise(&exc_ValueError, "utime: cannot use fd and follow_symlinks together");
    int fd = a.i32(0);
    if (blocking("utime", [&] { return ::futimens(fd, ts); }) < 0) return Ref();
    return none_ref();
  }
  std::string p = path_of(a, 0);
  int dfd = dir_fd_of(a, 3);
  int flags = follow ? 0 : AT_SYMLINK_NOFOLLOW;
  if (blocking(
          "utime", [&] { return ::utimensat(dfd, p.c_str(), ts, flags); }, a[0]) < 0)
    return Ref();
  return none_ref();
}

StructSeqType statvfs_result_type;
const char* const kStatvfsFields[] = {"f_bsize",  "f_frsize",  "f_blocks", "f_bfree",
                                      "f_bavail", "f_files",   "f_ffree",  "f_favail",
                                      "f_flag",   "f_namemax", "f_fsid"};

Ref statvfs_result(const struct statvfs& st) {
  Ref items[11] = {
      int_from_int64(static_cast<int64_t>(st.f_bsize)),
      int_from_int64(static_cast<int64_t>(st.f_frsize)),
      int_from_int64(static_cast<int64_t>(st.f_blocks)),
      int_from_int64(static_cast<int64_t>(st.f_bfree)),
      int_from_int64(static_cast<int64_t>(st.f_bavail)),
      int_from_int64(static_cast<int64_t>(st.f_files)),
      int_from_int64(static_cast<int64_t>(st.f_ffree)),
      int_from_int64(static_cast<int64_t>(st.f_favail)),
      int_from_int64(static_cast<int64_t>(st.f_flag)),
      int_from_int64(static_cast<int64_t>(st.f_namemax)),
      int_from_bigint(BigInt::from_uint64(st.f_fsid)),
  };
  return structseq_new(&statvfs_result_type, items);
}

Ref os_statvfs(Value, NativeArgs& a) {
  struct statvfs st {};
  if (a.path_is_fd(0)) {
    int fd = a.i32(0);
    if (blocking("statvfs", [&] { return ::fstatvfs(fd, &st); }) < 0) return Ref();
  } else {
    std::string p = path_of(a, 0);
    if (blocking(
            "statvfs", [&] { return ::statvfs(p.c_str(), &st); }, a[0]) < 0)
      return Ref();
  }
  return statvfs_result(st);
}

const NativeDef kFileFunctions[] = {
    {"link($module, /, src: path, dst: path, *, src_dir_fd: int? = None, dst_dir_fd: int? = "
     "None, follow_symlinks: bool = True)",
     os_link},
    {"mkfifo($module, /, path: path, mode: int = 438, *, dir_fd: int? = None)", os_mkfifo},
    {"mknod($module, /, path: path, mode: int = 384, device: ssize_t = 0, *, dir_fd: int? = "
     "None)",
     os_mknod},
    {"major($module, device, /)", os_major},
    {"minor($module, device, /)", os_minor},
    {"makedev($module, major: ssize_t, minor: ssize_t, /)", os_makedev},
    {"pread($module, fd: int, length: ssize_t, offset: ssize_t, /)", os_pread},
    {"pwrite($module, fd: int, buffer: buffer, offset: ssize_t, /)", os_pwrite},
    {"readv($module, fd: int, buffers, /)", os_readv},
    {"writev($module, fd: int, buffers, /)", os_writev},
    {"ftruncate($module, fd: int, length: ssize_t, /)", os_ftruncate},
    {"fdatasync($module, /, fd)", os_fdatasync},
    {"sync($module, /)", os_sync},
    {"fchdir($module, /, fd)", os_fchdir},
    {"chroot($module, /, path: path)", os_chroot},
    {"lockf($module, fd: int, command: int, length: ssize_t, /)", os_lockf},
    {"posix_fallocate($module, fd: int, offset: ssize_t, length: ssize_t, /)", os_posix_fallocate},
    {"posix_fadvise($module, fd: int, offset: ssize_t, length: ssize_t, advice: int, /)",
     os_posix_fadvise},
    {"sendfile($module, /, out_fd: int, in_fd: int, offset, count: ssize_t)", os_sendfile},
    {"copy_file_range($module, /, src: int, dst: int, count: ssize_t, offset_src=None, "
     "offset_dst=None)",
     os_copy_file_range},
    {"splice($module, /, src: int, dst: int, count: ssize_t, offset_src=None, offset_dst=None, "
     "flags: int = 0)",
     os_splice},
    {"pipe2($module, flags: int, /)", os_pipe2},
    {"memfd_create($module, /, name: str, flags: ssize_t = NULL)", os_memfd_create},
#ifdef EFD_CLOEXEC
    {"eventfd($module, /, initval: ssize_t, flags: int = NULL)", os_eventfd},
    {"eventfd_read($module, /, fd)", os_eventfd_read},
    {"eventfd_write($module, /, fd, value)", os_eventfd_write},
#endif
    {"getrandom($module, /, size: ssize_t, flags: int = 0)", os_getrandom},
    {"device_encoding($module, /, fd: int)", os_device_encoding},
    {"utime($module, /, path: path_fd, times=None, *, ns=NULL, dir_fd: int? = None, "
     "follow_symlinks: bool = True)",
     os_utime},
    {"statvfs($module, /, path: path_fd)", os_statvfs},
    {"fstatvfs($module, fd: path_fd, /)", os_statvfs},
};

}  // namespace

void posix_fileops_init(Value module, DictObject* ns) {
  add_functions(ns, module, kFileFunctions);
  structseq_init_type(&statvfs_result_type, "os", "statvfs_result", kStatvfsFields, 10, 11);
  dict_set_cstr(ns, "statvfs_result", Value(&statvfs_result_type));
}

}  // namespace minipy::lib
