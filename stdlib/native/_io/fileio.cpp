// _io.FileIO: raw, unbuffered binary I/O on an OS file descriptor (read, readinto, readall,
// write, seek, tell, truncate). Every system call that may block (open, read, write, isatty)
// runs with the GIL released; data crosses that boundary only through buffers this file owns,
// never through a Python object another thread could resize meanwhile.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstddef>
#include <cstring>

#include "runtime/critical_section.h"
#include "runtime/names.h"
#include "runtime/objects/bytes.h"
#include "runtime/objects/float.h"
#include "runtime/objects/int.h"
#include "runtime/objects/singletons.h"
#include "runtime/objects/str.h"
#include "runtime/ops.h"
#include "stdlib/native/_io/iobase.h"
#include "stdlib/native/native_args.h"
#include "stdlib/native/oserror.h"

namespace minipy::lib::io {

using namespace rt;

TypeObject fileio_type;

namespace {

struct FileIOObject : IOBaseObject {
  int fd = -1;
  bool created = false;
  bool readable = false;
  bool writable = false;
  bool appending = false;
  int seekable = -1;  // unknown until asked
  bool closefd = true;
  int64_t blksize = 0;
};

FileIOObject* fio(Value v) { return static_cast<FileIOObject*>(v.obj()); }

Ref fileio_new(TypeObject* type, const Value*, size_t, TupleObject*) {
  auto* f = alloc_instance<FileIOObject>(type);
  return Ref::steal(Value(f));
}

/// Closes the descriptor (when owned); false with OSError set when close() failed.
bool internal_close(FileIOObject* f) {
  int fd = f->fd;
  f->fd = -1;
  if (fd < 0 || !f->closefd) return true;
  int r;
  int err;
  {
    ReleaseGil unlocked("close");
    r = ::close(fd);
    err = errno;
  }
  if (r < 0 && err != EINTR) {  // after EINTR the descriptor is closed anyway (Linux)
    raise_os_error(err, Value());
    return false;
  }
  return true;
}

bool fileio_init(Value self, const Value* args, size_t nargs, TupleObject* kw) {
  Value a[4];
  if (!parse_args("FileIO", args, nargs, kw, {"file", "mode", "closefd", "opener"}, 1, a))
    return false;
  FileIOObject* f = fio(self);
  if (f->fd >= 0) {
    if (f->closefd) {
      if (!internal_close(f)) return false;
    } else {
      f->fd = -1;
    }
  }
  Value nameobj = a[0];
  int fd = -1;
  std::string path;
  bool have_fd = false;
  if (is_int(nameobj)) {
    int64_t n;
    if (!int_to_int64(nameobj, &n)) return false;
    if (n < 0) {
      raise(&exc_ValueError, "negative file descriptor");
      return false;
    }
    fd = static_cast<int>(n);
    have_fd = true;
  } else {
    if (!fs_encoded_arg(nameobj, &path)) return false;
  }

  // The mode: exactly one of r, w, x, a; at most one +; b is implied.
  std::string_view mode = "r";
  if (a[1]) {
    if (!is_str(a[1])) {
      raise_fmt(&exc_TypeError, "FileIO() argument 'mode' must be str, not {}", type_name(a[1]));
      return false;
    }
    mode = as_str(a[1])->view();
  }
  bool rwa = false, plus = false;
  bool readable = false, writable = false, created = false, appending = false;
  int flags = 0;
  for (char c : mode) {
    switch (c) {
      case 'x':
      case 'r':
      case 'w':
      case 'a':
        if (rwa) goto bad_mode;
        rwa = true;
        if (c == 'x') {
          created = writable = true;
          flags |= O_EXCL | O_CREAT;
        } else if (c == 'r') {
          readable = true;
        } else if (c == 'w') {
          writable = true;
          flags |= O_CREAT | O_TRUNC;
        } else {
          writable = appending = true;
          flags |= O_APPEND | O_CREAT;
        }
        break;
      case 'b':
        break;
      case '+':
        if (plus) goto bad_mode;
        readable = writable = plus = true;
        break;
      default:
        raise_fmt(&exc_ValueError, "invalid mode: {}", mode);
        return false;
    }
  }
  if (!rwa) goto bad_mode;
  flags |= readable && writable ? O_RDWR : readable ? O_RDONLY : O_WRONLY;
  flags |= O_CLOEXEC;
  f->readable = readable;
  f->writable = writable;
  f->created = created;
  f->appending = appending;
  f->seekable = -1;
  f->blksize = 0;

  if (have_fd) {
    int t = a[2] ? truthy(a[2]) : 1;
    if (t < 0) return false;
    f->fd = fd;
    f->closefd = t != 0;
  } else {
    f->closefd = true;
    if (a[2]) {
      int t = truthy(a[2]);
      if (t < 0) return false;
      if (!t) {
        raise(&exc_ValueError, "Cannot use closefd=False with file name");
        return false;
      }
    }
    if (!a[3] || is_none(a[3])) {
      int err = 0;
      long r = blocking_call([&] { return ::open(path.c_str(), flags, 0666); }, &err, "open");
      if (r == -2) return false;
      if (r < 0) {
        raise_os_error(err, nameobj);
        return false;
      }
      fd = static_cast<int>(r);
    } else {
      Value oa[2] = {nameobj, Value::from_small(flags)};
      Ref fdobj = call(a[3], oa, 2);
      if (!fdobj) return false;
      if (!is_int(fdobj.get())) {
        raise(&exc_TypeError, "expected integer from opener");
        return false;
      }
      int64_t n;
      if (!int_to_int64(fdobj.get(), &n)) return false;
      if (n < 0) {
        raise_fmt(&exc_ValueError, "opener returned {}", n);
        return false;
      }
      fd = static_cast<int>(n);
    }
    f->fd = fd;
  }

  {
    struct stat st {};
    int r = ::fstat(f->fd, &st);
    int err = errno;
    bool fail = false;
    if (r < 0) {
      if (err == EBADF) {
        raise_os_error(err, Value());
        fail = true;
      }
    } else {
      if (S_ISDIR(st.st_mode)) {
        raise_os_error(EISDIR, nameobj);
        fail = true;
      } else if (st.st_blksize > 1) {
        f->blksize = st.st_blksize;
      }
    }
    if (fail) {
      if (!have_fd) {
        Ref exc = take_exception();
        internal_close(f);
        clear_exception();
        set_exception(std::move(exc));
      } else {
        f->fd = -1;
      }
      return false;
    }
  }
  if (f->blksize == 0) f->blksize = kDefaultBufferSize;
  if (!setattr(self, intern("name"), nameobj)) return false;
  if (appending) ::lseek(f->fd, 0, SEEK_END);  // tell() right after open() is the end
  return true;

bad_mode:
  raise(&exc_ValueError,
        "Must have exactly one of create/read/write/append mode and at most one plus");
  return false;
}

void fileio_dealloc(Object* o) {
  auto* f = static_cast<FileIOObject*>(o);
  if (f->fd >= 0 && f->closefd) ::close(f->fd);
  delete f;
}
void fileio_traverse(Object*, VisitFn, void*) {}

bool check_open(FileIOObject* f) {
  if (f->fd < 0) {
    raise(&exc_ValueError, "I/O operation on closed file");
    return false;
  }
  return true;
}
bool check_mode(FileIOObject* f, bool write) {
  if (!check_open(f)) return false;
  if (write ? !f->writable : !f->readable) {
    raise_unsupported(write ? "File not open for writing" : "File not open for reading");
    return false;
  }
  return true;
}

#define M(name) Ref name(Value self, const Value* args, size_t nargs, TupleObject* kw)

/// Reads up to n bytes; null with an error, None (via *none) on EAGAIN.
Ref read_some(FileIOObject* f, size_t n) {
  std::string buf(n, '\0');
  int err = 0;
  int fd = f->fd;
  long r = blocking_call([&] { return ::read(fd, buf.data(), n); }, &err, "read");
  if (r == -2) return Ref();
  if (r < 0) {
    if (err == EAGAIN) return none_ref();
    return raise_os_error(err, Value());
  }
  buf.resize(static_cast<size_t>(r));
  return bytes_new(buf);
}

M(m_readall) {
  FileIOObject* f = fio(self);
  if (!check_open(f)) return Ref();
  std::string all;
  size_t chunk = kDefaultBufferSize;
  struct stat st {};
  if (::fstat(f->fd, &st) == 0 && S_ISREG(st.st_mode)) {
    off_t pos = ::lseek(f->fd, 0, SEEK_CUR);
    if (pos >= 0 && st.st_size >= pos) chunk = static_cast<size_t>(st.st_size - pos) + 1;
  }
  int fd = f->fd;
  for (;;) {
    size_t old = all.size();
    all.resize(old + chunk);
    int err = 0;
    long r = blocking_call([&] { return ::read(fd, all.data() + old, chunk); }, &err, "read");
    if (r == -2) return Ref();
    if (r < 0) {
      all.resize(old);
      if (err == EAGAIN) {
        if (old == 0) return none_ref();
        break;
      }
      return raise_os_error(err, Value());
    }
    all.resize(old + static_cast<size_t>(r));
    if (r == 0) break;
    if (chunk < (1u << 20)) chunk = std::max<size_t>(chunk, kDefaultBufferSize) * 2;
  }
  return bytes_new(all);
}

M(m_read) {
  Value a[1];
  if (!parse_args("read", args, nargs, kw, {"size"}, 0, a)) return Ref();
  int64_t n;
  if (!size_arg(a[0], &n)) return Ref();
  FileIOObject* f = fio(self);
  if (!check_mode(f, false)) return Ref();
  if (n < 0) return m_readall(self, nullptr, 0, nullptr);
  return read_some(f, static_cast<size_t>(n));
}

M(m_readinto) {
  if (!check_nargs("readinto", nargs, kw, 1, 1)) return Ref();
  FileIOObject* f = fio(self);
  char* dst;
  size_t len;
  if (!write_buffer(args[0], &dst, &len)) return Ref();
  if (!check_mode(f, false)) return Ref();
  Ref got = read_some(f, len);
  if (!got || is_none(got.get())) return got;
  std::string_view d;
  bytes_like_data(got.get(), &d);
  // Re-fetch the target: other threads ran while the GIL was released.
  if (!write_buffer(args[0], &dst, &len)) return Ref();
  size_t n = std::min(len, d.size());
  std::memcpy(dst, d.data(), n);
  return int_from_int64(static_cast<int64_t>(n));
}

M(m_write) {
  if (!check_nargs("write", nargs, kw, 1, 1)) return Ref();
  FileIOObject* f = fio(self);
  if (!check_open(f)) return Ref();
  std::string_view d;
  if (!read_buffer(args[0], &d)) return Ref();
  if (!check_mode(f, true)) return Ref();
  std::string copy;
  if (!is_bytes(args[0])) {  // only bytes are immutable while the GIL is released
    copy.assign(d);
    d = copy;
  }
  int err = 0;
  int fd = f->fd;
  long r = blocking_call([&] { return ::write(fd, d.data(), d.size()); }, &err, "write");
  if (r == -2) return Ref();
  if (r < 0) {
    if (err == EAGAIN) return none_ref();
    return raise_os_error(err, Value());
  }
  return int_from_int64(r);
}

M(m_seek) {
  if (!check_nargs("seek", nargs, kw, 1, 2)) return Ref();
  FileIOObject* f = fio(self);
  if (!check_open(f)) return Ref();
  if (is_float(args[0])) return raise(&exc_TypeError, "an integer is required");
  int64_t pos, whence = 0;
  if (!index_int64(args[0], &pos)) return Ref();
  if (nargs > 1 && !index_int64(args[1], &whence)) return Ref();
  off_t r = ::lseek(f->fd, pos, static_cast<int>(whence));
  if (r < 0) return raise_os_error(errno, Value());
  if (f->seekable < 0) f->seekable = 1;
  return int_from_int64(r);
}

M(m_tell) {
  if (!check_nargs("tell", nargs, kw, 0, 0)) return Ref();
  FileIOObject* f = fio(self);
  if (!check_open(f)) return Ref();
  off_t r = ::lseek(f->fd, 0, SEEK_CUR);
  if (r < 0) return raise_os_error(errno, Value());
  return int_from_int64(r);
}

M(m_truncate) {
  if (!check_nargs("truncate", nargs, kw, 0, 1)) return Ref();
  FileIOObject* f = fio(self);
  if (!check_mode(f, true)) return Ref();
  int64_t size;
  if (nargs == 0 || is_none(args[0])) {
    off_t r = ::lseek(f->fd, 0, SEEK_CUR);
    if (r < 0) return raise_os_error(errno, Value());
    size = r;
  } else if (!index_int64(args[0], &size)) {
    return Ref();
  }
  int err = 0;
  int fd = f->fd;
  long r = blocking_call([&] { return ::ftruncate(fd, size); }, &err, "ftruncate");
  if (r == -2) return Ref();
  if (r < 0) return raise_os_error(err, Value());
  return int_from_int64(size);
}

M(m_close) {
  if (!check_nargs("close", nargs, kw, 0, 0)) return Ref();
  FileIOObject* f = fio(self);
  Ref r = none_ref();
  if (!f->iobase_closed) {  // _RawIOBase.close(self): flush, then mark closed
    r = call_method(self, names::flush, nullptr, 0);
    f->iobase_closed = true;
  }
  Ref exc;
  if (!r) exc = take_exception();
  bool ok = internal_close(f);
  if (exc) {
    if (!ok) clear_exception();
    set_exception(std::move(exc));
    return Ref();
  }
  return ok ? none_ref() : Ref();
}

M(m_seekable) {
  FileIOObject* f = fio(self);
  if (!check_open(f)) return Ref();
  if (f->seekable < 0) f->seekable = ::lseek(f->fd, 0, SEEK_CUR) >= 0 ? 1 : 0;
  return bool_ref(f->seekable == 1);
}
M(m_readable) {
  if (!check_open(fio(self))) return Ref();
  return bool_ref(fio(self)->readable);
}
M(m_writable) {
  if (!check_open(fio(self))) return Ref();
  return bool_ref(fio(self)->writable);
}
M(m_fileno) {
  if (!check_open(fio(self))) return Ref();
  return Ref::small(fio(self)->fd);
}
M(m_isatty) {
  FileIOObject* f = fio(self);
  if (!check_open(f)) return Ref();
  int r;
  {
    ReleaseGil unlocked("isatty");
    r = ::isatty(f->fd);
  }
  return bool_ref(r != 0);
}
M(m_dealloc_warn) { return none_ref(); }  // ResourceWarnings are not emitted (ignored by default)

M(m_getstate) {
  return raise_fmt(&exc_TypeError, "cannot pickle '{}' object", type_of(self)->name);
}

Ref get_closed(Value self) { return bool_ref(fio(self)->fd < 0); }
Ref get_closefd(Value self) { return bool_ref(fio(self)->closefd); }
Ref get_blksize(Value self) { return int_from_int64(fio(self)->blksize); }
Ref get_mode(Value self) {
  FileIOObject* f = fio(self);
  const char* m;
  if (f->created)
    m = f->readable ? "xb+" : "xb";
  else if (f->appending)
    m = f->readable ? "ab+" : "ab";
  else if (f->readable)
    m = f->writable ? "rb+" : "rb";
  else
    m = "wb";
  return str_new(m);
}

Ref fileio_repr(Value self) {
  FileIOObject* f = fio(self);
  const std::string tn = "_io.FileIO";  // CPython 3.11 names the base class even for subclasses
  if (f->fd < 0) return str_new(fmt::format("<{} [closed]>", tn));
  Ref mode = get_mode(self);
  const char* cfd = f->closefd ? "True" : "False";
  Ref name = getattr_opt(self, intern("name"));
  if (!name) {
    if (error_pending()) {
      if (!exception_matches(&exc_AttributeError) && !exception_matches(&exc_ValueError))
        return Ref();
      clear_exception();
    }
    return str_new(
        fmt::format("<{} fd={} mode='{}' closefd={}>", tn, f->fd, as_str(mode.get())->view(), cfd));
  }
  if (!repr_enter(self.obj())) {
    return raise_fmt(&exc_RuntimeError, "reentrant call inside {}.__repr__", tn);
  }
  Ref r = repr(name.get());
  repr_leave(self.obj());
  if (!r) return r;
  return str_new(fmt::format("<{} name={} mode='{}' closefd={}>", tn, as_str(r.get())->view(),
                             as_str(mode.get())->view(), cfd));
}

}  // namespace

void ready_fileio_type() {
  io_type_setup(&fileio_type, "FileIO", sizeof(FileIOObject));
  fileio_type.new_ = fileio_new;
  fileio_type.init = fileio_init;
  fileio_type.dealloc = fileio_dealloc;
  fileio_type.traverse = fileio_traverse;
  fileio_type.repr = fileio_repr;
  type_ready(&fileio_type, &rawiobase_type);
  struct {
    const char* name;
    NativeFn fn;
  } methods[] = {{"read", m_read},
                 {"readall", m_readall},
                 {"readinto", m_readinto},
                 {"write", m_write},
                 {"seek", m_seek},
                 {"tell", m_tell},
                 {"truncate", m_truncate},
                 {"close", m_close},
                 {"seekable", m_seekable},
                 {"readable", m_readable},
                 {"writable", m_writable},
                 {"fileno", m_fileno},
                 {"isatty", m_isatty},
                 {"_dealloc_warn", m_dealloc_warn},
                 {"__getstate__", m_getstate}};
  for (auto& m : methods) add_method(&fileio_type, m.name, m.fn);
  add_getset(&fileio_type, "closed", get_closed);
  add_getset(&fileio_type, "closefd", get_closefd);
  add_getset(&fileio_type, "mode", get_mode);
  add_getset(&fileio_type, "_blksize", get_blksize);
}

}  // namespace minipy::lib::io
