// File objects (see io.h): buffered reads and writes over a descriptor, with the GIL released
// around every system call.
#include "stdlib/native/io.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstddef>
#include <cstring>

#include "runtime/errors.h"
#include "runtime/names.h"
#include "runtime/objects/bytes.h"
#include "runtime/objects/dict.h"
#include "runtime/objects/int.h"
#include "runtime/objects/list.h"
#include "runtime/objects/native.h"
#include "runtime/objects/singletons.h"
#include "runtime/objects/str.h"
#include "runtime/objects/tuple.h"
#include "runtime/ops.h"
#include "runtime/state/gil.h"
#include "runtime/state/interpreter.h"

namespace minipy::lib {

using namespace rt;

TypeObject file_type;

static FileObject* as_file(Value v) { return static_cast<FileObject*>(v.obj()); }

Ref raise_os_error(int err, Value filename) {
  TypeObject* t = &exc_OSError;
  switch (err) {
    case ENOENT: t = &exc_FileNotFoundError; break;
    case EEXIST: t = &exc_FileExistsError; break;
    case EACCES:
    case EPERM: t = &exc_PermissionError; break;
    case EISDIR: t = &exc_IsADirectoryError; break;
    case ENOTDIR: t = &exc_NotADirectoryError; break;
    case EPIPE: t = &exc_BrokenPipeError; break;
    case EINTR: t = &exc_InterruptedError; break;
    case ECHILD: t = &exc_ChildProcessError; break;
    case ESRCH: t = &exc_ProcessLookupError; break;
    case EAGAIN:
    case EALREADY:
    case EINPROGRESS: t = &exc_BlockingIOError; break;
    case ESHUTDOWN: t = &exc_BrokenPipeError; break;
    case ECONNREFUSED: t = &exc_ConnectionRefusedError; break;
    case ECONNRESET: t = &exc_ConnectionResetError; break;
    case ECONNABORTED: t = &exc_ConnectionAbortedError; break;
    case ETIMEDOUT: t = &exc_TimeoutError; break;
    default: break;
  }
  Ref msg = str_new(std::strerror(err));
  Ref e;
  if (filename) {
    Value args[3] = {Value::from_small(err), msg.get(), filename};
    e = make_exception(t, args, 3);
  } else {
    Value args[2] = {Value::from_small(err), msg.get()};
    e = make_exception(t, args, 2);
  }
  if (!e) return e;
  return set_exception(std::move(e));
}

Ref file_from_fd(int fd, const std::string& name, const std::string& mode, bool owns_fd) {
  auto* f = alloc_instance<FileObject>(&file_type);
  f->fd = fd;
  f->name = name;
  f->mode = mode;
  f->owns_fd = owns_fd;
  f->binary = mode.find('b') != std::string::npos;
  f->readable = mode.find('r') != std::string::npos || mode.find('+') != std::string::npos;
  f->writable = mode.find_first_of("wax+") != std::string::npos;
  f->line_buffered = isatty(fd) || fd == 2;
  return Ref::steal(Value(f));
}

static bool write_all(FileObject* f, const char* data, size_t n) {
  while (n > 0) {
    ssize_t w;
    int err;
    {
      ReleaseGil unlocked("write");
      w = ::write(f->fd, data, n);
      err = errno;
    }
    if (w < 0) {
      if (err == EINTR) continue;
      raise_os_error(err, Value());
      return false;
    }
    data += w;
    n -= static_cast<size_t>(w);
  }
  return true;
}

bool file_flush(FileObject* f) {
  if (f->wbuf.empty()) return true;
  std::string out = std::move(f->wbuf);
  f->wbuf.clear();
  return write_all(f, out.data(), out.size());
}

bool file_write(FileObject* f, std::string_view data) {
  if (f->closed) {
    raise(&exc_ValueError, "I/O operation on closed file.");
    return false;
  }
  if (!f->writable) {
    raise_with_value(&exc_OSError, str_new("not writable").get());
    return false;
  }
  f->wbuf.append(data);
  if (f->wbuf.size() >= 8192 || (f->line_buffered && data.find('\n') != std::string_view::npos)) {
    return file_flush(f);
  }
  return true;
}

void flush_std_streams() {
  Value sys = interp().sys.get();
  if (!sys) return;
  for (StrObject* n : {names::stdout_, names::stderr_}) {
    Ref s = getattr_opt(sys, n);
    if (!s || is_none(s.get())) {
      clear_exception();
      continue;
    }
    Ref r = call_method(s.get(), names::flush, nullptr, 0);
    if (!r) clear_exception();
  }
}

/// Reads up to n more bytes into rbuf (n = 0: 64 KiB); false on error; sets eof.
static bool fill(FileObject* f, size_t n) {
  if (f->eof) return true;
  std::string chunk(n ? n : 65536, '\0');
  ssize_t r;
  int err;
  for (;;) {
    {
      ReleaseGil unlocked("read");
      r = ::read(f->fd, chunk.data(), chunk.size());
      err = errno;
    }
    if (r < 0 && err == EINTR) continue;
    break;
  }
  if (r < 0) {
    raise_os_error(err, Value());
    return false;
  }
  if (r == 0) f->eof = true;
  f->rbuf.append(chunk.data(), static_cast<size_t>(r));
  return true;
}

static Ref make_result(FileObject* f, std::string&& data) {
  if (f->binary) return bytes_new(data);
  // Universal newlines on read.
  std::string out;
  out.reserve(data.size());
  for (size_t i = 0; i < data.size(); i++) {
    if (data[i] == '\r') {
      out.push_back('\n');
      if (i + 1 < data.size() && data[i + 1] == '\n') i++;
    } else {
      out.push_back(data[i]);
    }
  }
  return str_new(std::move(out));
}

static bool check_readable(FileObject* f) {
  if (f->closed) {
    raise(&exc_ValueError, "I/O operation on closed file.");
    return false;
  }
  if (!f->readable) {
    raise_with_value(&exc_OSError, str_new("not readable").get());
    return false;
  }
  if (!f->wbuf.empty() && !file_flush(f)) return false;
  return true;
}

static Ref read_line(FileObject* f, int64_t limit) {
  for (;;) {
    size_t nl = f->rbuf.find('\n');
    if (nl != std::string::npos || f->eof) {
      size_t take = nl == std::string::npos ? f->rbuf.size() : nl + 1;
      if (limit >= 0 && static_cast<size_t>(limit) < take) take = static_cast<size_t>(limit);
      std::string line = f->rbuf.substr(0, take);
      f->rbuf.erase(0, take);
      return make_result(f, std::move(line));
    }
    if (limit >= 0 && f->rbuf.size() >= static_cast<size_t>(limit)) {
      std::string line = f->rbuf.substr(0, limit);
      f->rbuf.erase(0, limit);
      return make_result(f, std::move(line));
    }
    if (!fill(f, 0)) return Ref();
  }
}

#define FILE_METHOD(name) static Ref name(Value self, const Value* args, size_t nargs, TupleObject* kw)

FILE_METHOD(m_write) {
  if (!check_nargs("write", nargs, kw, 1, 1)) return Ref();
  FileObject* f = as_file(self);
  std::string_view data;
  if (f->binary) {
    if (!bytes_like_data(args[0], &data)) {
      return raise_fmt(&exc_TypeError, "a bytes-like object is required, not '{}'", type_name(args[0]));
    }
  } else {
    if (!is_str(args[0])) return raise_fmt(&exc_TypeError, "write() argument must be str, not {}", type_name(args[0]));
    data = as_str(args[0])->view();
  }
  if (!file_write(f, data)) return Ref();
  return f->binary ? int_from_int64(static_cast<int64_t>(data.size())) : Ref::small(as_str(args[0])->length);
}

FILE_METHOD(m_flush) {
  FileObject* f = as_file(self);
  if (f->closed) return none_ref();
  if (!file_flush(f)) return Ref();
  return none_ref();
}

FILE_METHOD(m_read) {
  if (!check_nargs("read", nargs, kw, 0, 1)) return Ref();
  FileObject* f = as_file(self);
  if (!check_readable(f)) return Ref();
  int64_t n = -1;
  if (nargs == 1 && !is_none(args[0]) && !index_int64(args[0], &n)) return Ref();
  if (n < 0) {
    while (!f->eof) {
      if (!fill(f, 0)) return Ref();
    }
    std::string all = std::move(f->rbuf);
    f->rbuf.clear();
    return make_result(f, std::move(all));
  }
  while (f->rbuf.size() < static_cast<size_t>(n) && !f->eof) {
    if (!fill(f, 0)) return Ref();
  }
  size_t take = std::min(f->rbuf.size(), static_cast<size_t>(n));
  if (!f->binary) {
    // n counts characters: extend to whole UTF-8 sequences.
    size_t chars = 0, i = 0;
    while (i < f->rbuf.size() && chars < static_cast<size_t>(n)) {
      i++;
      while (i < f->rbuf.size() && (static_cast<unsigned char>(f->rbuf[i]) & 0xC0) == 0x80) i++;
      chars++;
    }
    take = i;
  }
  std::string part = f->rbuf.substr(0, take);
  f->rbuf.erase(0, take);
  return make_result(f, std::move(part));
}

FILE_METHOD(m_readline) {
  if (!check_nargs("readline", nargs, kw, 0, 1)) return Ref();
  FileObject* f = as_file(self);
  if (!check_readable(f)) return Ref();
  int64_t limit = -1;
  if (nargs == 1 && !is_none(args[0]) && !index_int64(args[0], &limit)) return Ref();
  return read_line(f, limit);
}

FILE_METHOD(m_readlines) {
  FileObject* f = as_file(self);
  if (!check_readable(f)) return Ref();
  Ref l = list_new();
  for (;;) {
    Ref line = read_line(f, -1);
    if (!line) return line;
    int64_t n;
    length(line.get(), &n);
    if (n == 0) break;
    list_append(as_list(l.get()), line.get());
  }
  return l;
}

FILE_METHOD(m_writelines) {
  if (!check_nargs("writelines", nargs, kw, 1, 1)) return Ref();
  Ref it = get_iter(args[0]);
  if (!it) return it;
  for (;;) {
    Ref x = iter_next(it.get());
    if (!x) break;
    Value a = x.get();
    if (!m_write(self, &a, 1, nullptr)) return Ref();
  }
  if (error_pending()) return Ref();
  return none_ref();
}

FILE_METHOD(m_close) {
  FileObject* f = as_file(self);
  if (f->closed) return none_ref();
  bool ok = file_flush(f);
  f->closed = true;
  if (f->owns_fd && f->fd > 2) ::close(f->fd);
  if (!ok) return Ref();
  return none_ref();
}

FILE_METHOD(m_fileno) { return Ref::small(as_file(self)->fd); }
FILE_METHOD(m_isatty) { return bool_ref(isatty(as_file(self)->fd)); }
FILE_METHOD(m_readable) { return bool_ref(as_file(self)->readable); }
FILE_METHOD(m_writable) { return bool_ref(as_file(self)->writable); }
FILE_METHOD(m_seekable) { return bool_ref(lseek(as_file(self)->fd, 0, SEEK_CUR) >= 0); }
FILE_METHOD(m_enter) { return Ref::new_ref(self); }
FILE_METHOD(m_exit) { return m_close(self, nullptr, 0, nullptr) ? bool_ref(false) : Ref(); }

FILE_METHOD(m_seek) {
  if (!check_nargs("seek", nargs, kw, 1, 2)) return Ref();
  FileObject* f = as_file(self);
  int64_t off, whence = 0;
  if (!index_int64(args[0], &off)) return Ref();
  if (nargs > 1 && !index_int64(args[1], &whence)) return Ref();
  if (!file_flush(f)) return Ref();
  if (whence == 1) off -= static_cast<int64_t>(f->rbuf.size());
  f->rbuf.clear();
  f->eof = false;
  off_t r = lseek(f->fd, off, static_cast<int>(whence));
  if (r < 0) return raise_os_error(errno, Value());
  return int_from_int64(r);
}

FILE_METHOD(m_tell) {
  FileObject* f = as_file(self);
  off_t r = lseek(f->fd, 0, SEEK_CUR);
  if (r < 0) return raise_os_error(errno, Value());
  return int_from_int64(r - static_cast<int64_t>(f->rbuf.size()) + static_cast<int64_t>(f->wbuf.size()));
}

FILE_METHOD(m_truncate) {
  FileObject* f = as_file(self);
  if (!file_flush(f)) return Ref();
  off_t size = lseek(f->fd, 0, SEEK_CUR);
  if (nargs > 0 && !is_none(args[0])) {
    int64_t s;
    if (!index_int64(args[0], &s)) return Ref();
    size = s;
  }
  if (ftruncate(f->fd, size) != 0) return raise_os_error(errno, Value());
  return int_from_int64(size);
}

static Ref file_iter(Value self) { return Ref::new_ref(self); }

static Ref file_iternext(Value self) {
  FileObject* f = as_file(self);
  if (!check_readable(f)) return Ref();
  Ref line = read_line(f, -1);
  if (!line) return line;
  int64_t n;
  length(line.get(), &n);
  if (n == 0) return Ref();
  return line;
}

static Ref file_repr(Value self) {
  FileObject* f = as_file(self);
  if (f->binary) {
    return str_new(fmt::format("<_io.BufferedWriter name={}>", str_repr_text(f->name)));
  }
  return str_new(fmt::format("<_io.TextIOWrapper name={} mode='{}' encoding='utf-8'>",
                             f->fd <= 2 && f->name.starts_with("<") ? str_repr_text(f->name) : str_repr_text(f->name),
                             f->mode));
}

static Ref get_closed(Value self) { return bool_ref(as_file(self)->closed); }
static Ref get_name(Value self) { return str_new(as_file(self)->name); }
static Ref get_mode(Value self) { return str_new(as_file(self)->mode); }
static Ref get_encoding(Value) { return str_new("utf-8"); }

static void file_dealloc(Object* o) {
  auto* f = static_cast<FileObject*>(o);
  if (!f->closed) {
    if (!f->wbuf.empty()) {
      ssize_t w = ::write(f->fd, f->wbuf.data(), f->wbuf.size());
      (void)w;
    }
    if (f->owns_fd && f->fd > 2) ::close(f->fd);
  }
  delete f;
}

Ref file_open(Value path, const std::string& mode, int buffering) {
  std::string p;
  if (is_str(path)) {
    p = std::string(as_str(path)->view());
  } else if (is_int(path)) {
    int64_t fd;
    if (!int_to_int64(path, &fd)) return Ref();
    return file_from_fd(static_cast<int>(fd), std::to_string(fd), mode, true);
  } else {
    return raise_fmt(&exc_TypeError, "expected str, bytes or os.PathLike object, not {}", type_name(path));
  }
  int flags = 0;
  char kind = 0;
  bool plus = mode.find('+') != std::string::npos;
  for (char c : mode) {
    if (c == 'r' || c == 'w' || c == 'a' || c == 'x') {
      if (kind) return raise(&exc_ValueError, "must have exactly one of create/read/write/append mode");
      kind = c;
    } else if (c != 'b' && c != 't' && c != '+') {
      return raise_fmt(&exc_ValueError, "invalid mode: '{}'", mode);
    }
  }
  if (!kind) return raise(&exc_ValueError, "Must have exactly one of create/read/write/append mode and at most one plus");
  switch (kind) {
    case 'r': flags = plus ? O_RDWR : O_RDONLY; break;
    case 'w': flags = (plus ? O_RDWR : O_WRONLY) | O_CREAT | O_TRUNC; break;
    case 'a': flags = (plus ? O_RDWR : O_WRONLY) | O_CREAT | O_APPEND; break;
    case 'x': flags = (plus ? O_RDWR : O_WRONLY) | O_CREAT | O_EXCL; break;
  }
  int fd;
  int err;
  {
    ReleaseGil unlocked("open");
    fd = ::open(p.c_str(), flags | O_CLOEXEC, 0666);
    err = errno;
  }
  if (fd < 0) return raise_os_error(err, path);
  std::string m;
  m.push_back(kind);
  if (plus) m.push_back('+');
  if (mode.find('b') != std::string::npos) m.push_back('b');
  Ref f = file_from_fd(fd, p, m, true);
  as_file(f.get())->line_buffered = buffering == 1;
  return f;
}

void io_types_init() {
  file_type.name = "TextIOWrapper";
  file_type.module = "_io";
  file_type.basic_size = sizeof(FileObject);
  file_type.dict_offset = offsetof(FileObject, dict);
  file_type.dealloc = file_dealloc;
  file_type.iter = file_iter;
  file_type.iternext = file_iternext;
  file_type.repr = file_repr;
  type_ready(&file_type, &object_type);
  add_method(&file_type, "write", m_write);
  add_method(&file_type, "flush", m_flush);
  add_method(&file_type, "read", m_read);
  add_method(&file_type, "readline", m_readline);
  add_method(&file_type, "readlines", m_readlines);
  add_method(&file_type, "writelines", m_writelines);
  add_method(&file_type, "close", m_close);
  add_method(&file_type, "fileno", m_fileno);
  add_method(&file_type, "isatty", m_isatty);
  add_method(&file_type, "readable", m_readable);
  add_method(&file_type, "writable", m_writable);
  add_method(&file_type, "seekable", m_seekable);
  add_method(&file_type, "seek", m_seek);
  add_method(&file_type, "tell", m_tell);
  add_method(&file_type, "truncate", m_truncate);
  add_method(&file_type, "__enter__", m_enter);
  add_method(&file_type, "__exit__", m_exit);
  add_getset(&file_type, "closed", get_closed);
  add_getset(&file_type, "name", get_name);
  add_getset(&file_type, "mode", get_mode);
  add_getset(&file_type, "encoding", get_encoding);
}

}  // namespace minipy::lib
