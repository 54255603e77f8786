// Raising and inspecting Python exceptions from C++.
//
// The error convention (as CPython's): a function that fails sets the pending exception on the
// current ThreadState and returns a null Ref / false / -1. Callers check and propagate; the VM
// unwinds to a handler or out of the frame. No C++ exceptions cross runtime code.
#pragma once

#include <fmt/format.h>

#include <exception>

#include <string>
#include <string_view>
#include <vector>

#include "runtime/object.h"
#include "runtime/type.h"

namespace minipy::rt {

struct TupleObject;
struct ThreadState;

#define EXC(name, base) extern TypeObject exc_##name;
#include "runtime/exceptions.def"
#undef EXC

/// One traceback entry: the code object (a VM CodeObject, opaque here) and the instruction index.
struct TracebackEntry {
  Ref code;
  int insn = 0;
  Ref frame;  // the frame object (vm/frame_object.h) of that activation, or null
};

/// BaseException instances. The fields of the builtin subclasses (OSError.errno, SyntaxError.lineno,
/// ImportError.name, ...) live in `fields`, out of the instance __dict__, and are read and written
/// through descriptors on those types, as CPython's struct members (exception_fields.cpp).
struct BaseExceptionObject : Object {
  DictObject* dict = nullptr;  // instance attributes (dict_offset points here)
  Ref args;                    // a tuple
  Ref cause;                   // __cause__ (null = None)
  Ref context;                 // __context__ (null = None)
  bool suppress_context = false;
  std::vector<TracebackEntry> traceback;  // innermost frame first (printed in reverse)
  // __traceback__ as last read: the traceback objects of the first tb_chain_len entries, so
  // that reading it twice gives the same objects, and a read after more frames were unwound
  // wraps the earlier chain, as CPython's tracebacks grow (null: none built yet).
  Ref tb_chain;
  size_t tb_chain_len = 0;
  Ref name_error_globals;  // NameError: the globals of the raising frame, for "Did you mean"
  Ref group_message;       // BaseExceptionGroup only: the message (a str)
  Ref group_excs;          // BaseExceptionGroup only: the exceptions (a tuple)
  Ref fields;              // the builtin subclasses' fields by name (a dict), made on first set
};

/// A builtin exception field (borrowed), or null while unset.
Value exc_field(Value exc, const char* name);
/// Sets a builtin exception field; a null `v` unsets it.
void exc_set_field(Value exc, const char* name, Value v);

/// `e.__traceback__` objects (tb_next, tb_lineno, tb_lasti, tb_frame).
extern TypeObject traceback_type;
/// e.__traceback__: None or the outermost traceback object (built when read, then kept).
Ref exception_traceback(Value exc);
/// types.TracebackType(tb_next, tb_frame, tb_lasti, tb_lineno) once the VM checked its
/// arguments: `next` is a traceback or None, `code` the code object of `frame`. tb_lasti and
/// tb_lineno read back as given (a tb_lineno of -1 is computed from tb_lasti, as CPython).
Ref traceback_new(Value next, Value frame, Value code, int lasti, int lineno);
/// Set by the VM at start-up: the source line of instruction `insn` of a code object.
extern int (*g_code_line_hook)(Value code, int insn);
/// Set by the VM at start-up: prints an exception with its traceback, CPython-style, and plain
/// text, to sys.stderr.
extern void (*g_print_exception_hook)(Value exc);
extern void (*g_write_stderr_hook)(const std::string& text);

/// Issues a warning as CPython's PyErr_WarnEx: warnings.warn(msg, category, stacklevel), where
/// stacklevel 1 is the Python code calling the native function. Returns false with the
/// exception pending when the warning was turned into an error (a filter set to "error").
bool warn(TypeObject* category, std::string_view msg, int stacklevel = 1);
/// Set by the VM at start-up: warn()'s way to reach the warnings module (none before that).
extern bool (*g_warn_hook)(TypeObject* category, std::string_view msg, int stacklevel);

/// Reports the pending exception as CPython's PyErr_WriteUnraisable does, for errors nobody can
/// catch (__del__, weakref and gc callbacks): "Exception ignored in: <repr of obj>" (or
/// "Exception ignored <msg>: ..." with a message) and the traceback. Clears the exception.
void write_unraisable(Value obj, const char* msg);
/// Set by the sys module: hands the error to sys.unraisablehook (write_unraisable prints
/// directly until then).
extern void (*g_unraisable_hook)(Value exc, Value obj, const char* msg);

/// Creates an exception instance of `type` with the given args (calls the type like Python).
Ref make_exception(TypeObject* type, const Value* args, size_t nargs);
Ref make_exception(TypeObject* type, std::string_view msg);

/// Sets `exc` (an exception instance) as the pending exception. Always returns null.
Ref set_exception(Ref exc);
/// Chains `exc` to the exception `ts` is handling (its __context__), as CPython's
/// _PyErr_SetObject: `replace` gives it the handled one even when it has a context already (a
/// `raise`, or native code raising a stored exception); otherwise an existing context stays.
/// A cycle the new link would close is broken first.
void chain_to_handled(ThreadState* ts, Value exc, bool replace);
/// Raises `type(msg)`. Always returns null, so `return raise(...)` reads naturally.
Ref raise(TypeObject* type, std::string_view msg);
template <class... Args>
Ref raise_fmt(TypeObject* type, fmt::format_string<Args...> f, Args&&... args) {
  return raise(type, fmt::format(f, std::forward<Args>(args)...));
}
/// Raises `type` with an arbitrary value as its single argument (KeyError(key), StopIteration(v)).
Ref raise_with_value(TypeObject* type, Value v);

bool error_pending();
/// The pending exception (borrowed), or null.
Value pending_exception();
/// Removes and returns the pending exception.
Ref take_exception();
void clear_exception();
/// True when the pending exception is an instance of `type` (or a subclass).
bool exception_matches(TypeObject* type);
/// isinstance(exc, type_or_tuple) for `except` clauses; sets TypeError on a bad type operand.
int exception_matches_spec(Value exc, Value spec);

// Common messages.
Ref raise_type_error_unsupported(std::string_view op, Value a, Value b);  // for binary ops
Ref raise_attribute_error(Value obj, StrObject* name);
Ref raise_no_memory();
/// The one conversion of a C++ exception escaping native code into a Python exception (issue 12):
/// std::bad_alloc and std::length_error become MemoryError, anything else SystemError with its
/// message. Called by the eval loop, the boundary every native function and slot is reached from.
void raise_from_cpp_exception(std::exception_ptr ep);

/// Name of a value's type, for messages ("'int' object is not iterable").
const std::string& type_name(Value v);

}  // namespace minipy::rt
