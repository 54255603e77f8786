// File objects over POSIX file descriptors: sys.stdin/stdout/stderr and open(). Text files
// read and write str (UTF-8, universal newlines on read); binary files bytes. Writes are
// buffered (line-buffered on terminals and for stderr) and every read/write system call
// releases the GIL.
#pragma once

#include <string>

#include "runtime/object.h"
#include "runtime/type.h"

namespace minipy::lib {

struct FileObject : rt::Object {
  rt::DictObject* dict = nullptr;
  int fd = -1;
  bool readable = false;
  bool writable = false;
  bool binary = false;
  bool closed = false;
  bool line_buffered = false;
  bool owns_fd = true;
  bool append = false;
  std::string name;
  std::string mode;
  std::string wbuf;  // pending output
  std::string rbuf;  // read-ahead input
  bool eof = false;
};

extern rt::TypeObject file_type;

/// Creates a file object for an existing descriptor.
rt::Ref file_from_fd(int fd, const std::string& name, const std::string& mode, bool owns_fd);
/// open(path, mode, ...) semantics; raises OSError subclasses on failure.
rt::Ref file_open(rt::Value path, const std::string& mode, int buffering);
/// Writes text or bytes through the file's buffer (false with an exception pending).
bool file_write(FileObject* f, std::string_view data);
bool file_flush(FileObject* f);
/// Flushes sys.stdout and sys.stderr (at exit and before fork).
void flush_std_streams();
void io_types_init();

}  // namespace minipy::lib
