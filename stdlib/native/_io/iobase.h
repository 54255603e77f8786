// _io: the native I/O stack under CPython's io.py (our own code; semantics from CPython 3.11's
// documentation and Modules/_io). This header is shared by the files of the module:
//   iobase.cpp      _IOBase, _RawIOBase, _BufferedIOBase, _TextIOBase, the module (open, ...)
//   fileio.cpp      FileIO: raw, unbuffered I/O on a file descriptor
//   bufferedio.cpp  BufferedReader/Writer/Random/RWPair over any raw stream
//   textio.cpp      TextIOWrapper; newline.cpp: IncrementalNewlineDecoder
//   bytesio.cpp  stringio.cpp   in-memory streams
// Every blocking system call releases the GIL (ReleaseGil); buffered objects serialise their
// users with their own lock (held across those calls, as CPython's ENTER_BUFFERED), the others
// mutate under the per-object critical section.
#pragma once

#include <string>
#include <string_view>

#include "runtime/errors.h"
#include "runtime/object.h"
#include "runtime/objects/native.h"
#include "runtime/type.h"

namespace minipy::lib::io {

inline constexpr int64_t kDefaultBufferSize = 8192;

/// The layout every _io object starts with: _IOBase's own `closed` flag and the __dict__.
struct IOBaseObject : rt::Object {
  rt::DictObject* dict = nullptr;
  bool iobase_closed = false;  // _IOBase.close() ran (CPython's __IOBase_closed)
};

extern rt::TypeObject iobase_type, rawiobase_type, bufferediobase_type, textiobase_type;
extern rt::TypeObject fileio_type, bytesio_type, stringio_type;
extern rt::TypeObject buffered_reader_type, buffered_writer_type, buffered_random_type,
    buffered_rwpair_type, textiowrapper_type, newline_decoder_type;
/// io.UnsupportedOperation (a heap class deriving from OSError and ValueError).
extern rt::TypeObject* unsupported_operation;

// Readying each file's types (called once, in order, by init__io).
void ready_iobase_types();
void ready_fileio_type();
void ready_bytesio_type();
void ready_stringio_type();
void ready_buffered_types();
void ready_textio_types();
void ready_newline_decoder_type();

/// Fills in a concrete _io type's common fields (name, layout, __dict__, weakrefs, finalizer).
void io_type_setup(rt::TypeObject* t, const char* name, size_t size);
/// The common dealloc/traverse/clear for IOBaseObject-only layouts.
void iobase_dealloc(rt::Object* o);
/// Runs the finalizer protocol: calls self.close() when not closed, errors swallowed.
void iobase_finalize(rt::Object* o);

// Errors.
rt::Ref raise_unsupported(std::string_view msg);
rt::Ref raise_closed_file();  // ValueError("I/O operation on closed file.")
/// The `closed` attribute of `self`, as a bool; -1 on error.
int is_closed(rt::Value self);
/// Raises ValueError when self.closed is true (false then, or on error).
bool check_closed(rt::Value self);
/// self.readable()/writable()/seekable() must be true, else UnsupportedOperation (false).
bool check_readable(rt::Value self);
bool check_writable(rt::Value self);
bool check_seekable(rt::Value self);

// Buffers.
/// A readable contiguous byte buffer: bytes, bytearray or memoryview (false + TypeError otherwise).
bool read_buffer(rt::Value v, std::string_view* out);
/// A writable contiguous byte buffer: bytearray or a writable memoryview.
bool write_buffer(rt::Value v, char** data, size_t* len);
/// A size argument: None or an index; negative stays negative (read everything).
bool size_arg(rt::Value v, int64_t* out);

// Calls into other objects (raw streams, buffers, decoders written in Python).
rt::Ref call_name(rt::Value obj, const char* name, const rt::Value* args = nullptr,
                  size_t nargs = 0);
inline rt::Ref call_name1(rt::Value obj, const char* name, rt::Value a) {
  return call_name(obj, name, &a, 1);
}

/// The state of a universal-newlines decoder (IncrementalNewlineDecoder, newline.cpp), shared with
/// StringIO and TextIOWrapper, which run it without a Python-level decoder object.
struct NewlineState {
  bool translate = false;  // \r and \r\n become \n
  bool pendingcr = false;  // the last chunk ended with \r, held back until the next one
  int seennl = 0;          // kLF | kCR | kCRLF: the newline kinds seen so far
  static constexpr int kLF = 1, kCR = 2, kCRLF = 4;
};
/// One step of universal-newline decoding over already decoded UTF-8 text.
std::string newline_decode(NewlineState& st, std::string text, bool final);
/// The `newlines` attribute for a seennl mask: None, a str, or a tuple of them.
rt::Ref newlines_value(int seennl);
/// Where the next line ends in `text` from `start` under a newline mode (translated: "\n" only;
/// universal: any of \r, \n, \r\n; else the exact `readnl`). Returns the end offset after
/// the newline, or npos (the decoders never split a \r\n, so a final \r ends a line).
size_t find_line_end(std::string_view text, size_t start, bool translated, bool universal,
                     std::string_view readnl);

/// The module's open() (builtins.open is the same object).
rt::Ref io_open(rt::Value self, const rt::Value* args, size_t nargs, rt::TupleObject* kw);

/// A blocking system call with the GIL released; EINTR retried after running signal handlers.
/// Returns the call's result (< 0 with errno in *err) or -2 when a signal handler raised.
template <class F>
long blocking_call(F&& f, int* err, const char* what);

}  // namespace minipy::lib::io

#include "runtime/state/eval_breaker.h"
#include "runtime/state/gil.h"

namespace minipy::lib::io {

template <class F>
long blocking_call(F&& f, int* err, const char* what) {
  for (;;) {
    long r;
    {
      rt::ReleaseGil unlocked(what);
      r = static_cast<long>(f());
      *err = errno;
    }
    if (r >= 0 || *err != EINTR) return r;
    if (!rt::handle_eval_breaker()) return -2;
  }
}

}  // namespace minipy::lib::io
