// The glue between the interpreter and the native _io module (stdlib/native/_io/): the standard
// streams sys.stdin/stdout/stderr are TextIOWrapper over BufferedReader/BufferedWriter over
// FileIO, as CPython builds them (stdout line-buffered on a terminal, stderr always
// line-buffered with errors='backslashreplace'; -u makes stdout and stderr write through to an
// unbuffered FileIO), and are flushed at exit and before fork().
#pragma once

#include "runtime/object.h"
#include "runtime/type.h"

namespace minipy::lib {

/// Creates the text stream CPython's create_stdio makes for fd 0, 1 or 2 (`unbuffered`: -u).
rt::Ref make_std_stream(int fd, bool unbuffered);
/// Replaces sys.stdout/stderr (and __stdout__/__stderr__) with unbuffered streams (-u).
void make_std_streams_unbuffered();
/// Flushes sys.stdout and sys.stderr (at exit and before fork); errors are cleared.
void flush_std_streams();
/// Readies the _io types (idempotent); builtins.open and the std streams need them early.
void io_types_init();
/// builtins.open: the same function object as _io.open.
rt::Ref io_open_function();

}  // namespace minipy::lib
