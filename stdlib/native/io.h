// The glue between the interpreter and the native _io module (stdlib/native/_io/): the standard
// streams sys.stdin/stdout/stderr are TextIOWrapper over BufferedReader/BufferedWriter over
// FileIO, as CPython builds them (stdout line-buffered on a terminal, stderr always
// line-buffered with errors='backslashreplace'; -u makes stdout and stderr write through to an
// unbuffered FileIO), and are flushed at exit and before fork().
#pragma once

#include <string_view>

#include "runtime/object.h"
#include "runtime/type.h"

namespace minipy::lib {

/// Creates the text stream CPython's create_stdio makes for fd 0, 1 or 2 (`unbuffered`: -u;
/// `encoding` and `errors`: empty for UTF-8 and the default handlers; stderr's handler is always
/// backslashreplace).
rt::Ref make_std_stream(int fd, bool unbuffered, std::string_view encoding = {},
                        std::string_view errors = {});
/// After start-up, once imports work (a codec such as cp424 is Python code): replaces
/// sys.stdin/stdout/stderr and their __dunder__ twins when -u or PYTHONIOENCODING asks for
/// streams other than the initial ones. A stream that cannot be made (an unknown encoding) is
/// CPython's fatal error: the message on stderr, exit status 1.
void reopen_std_streams(bool unbuffered);
/// Flushes sys.stdout and sys.stderr (at exit and before fork); errors are cleared.
void flush_std_streams();
/// Readies the _io types (idempotent); builtins.open and the std streams need them early.
void io_types_init();
/// builtins.open: the same function object as _io.open.
rt::Ref io_open_function();

}  // namespace minipy::lib
