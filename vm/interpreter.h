// The VM's public face for the command line and the stdlib: start-up, running source and
// code, the current frame, the import system, printing exceptions.
#pragma once

#include <memory>

#include <string>
#include <string_view>

#include "runtime/object.h"
#include "runtime/objects/dict.h"

namespace minipy::vm {

struct Frame;
struct CodeObject;
struct CodeUnit;

/// Initialises the runtime and the VM (types, builtins hook-up, sys skeleton). Idempotent.
void vm_init();

/// Compiles source; on a syntax error raises SyntaxError (pending) and returns null.
/// mode: "exec", "eval" or "single".
rt::Ref compile_source(std::string_view source, const std::string& filename, std::string_view mode);
/// compile(source, filename, mode, PyCF_ONLY_AST): the `_ast` tree of the source.
rt::Ref parse_to_ast_object(std::string_view source, const std::string& filename, std::string_view mode);
/// compile(tree, filename, mode): checks and compiles an `_ast` tree built in Python.
rt::Ref compile_ast_object(rt::Value tree, const std::string& filename, std::string_view mode);
/// The same, stopping at the compiled unit (what the compiled-code cache keeps).
std::shared_ptr<CodeUnit> compile_unit(std::string_view source, const std::string& filename, std::string_view mode);

/// Runs a code object with the given globals (and locals: null = same as globals).
rt::Ref run_code(rt::Value code, rt::DictObject* globals, rt::DictObject* locals);

/// Runs a whole file as `__main__`. Returns the exit status the process should use: 0, 1 after
/// printing an uncaught exception, or the SystemExit code. `package` (for `-m`: the module's
/// parent package, "" at top level) becomes __package__, so the file's relative imports work.
int run_main_file(const std::string& path, const std::string* package = nullptr);
int run_main_source(std::string_view source, const std::string& filename,
                    const std::string* package = nullptr);
/// Handles a pending exception at top level: SystemExit -> its code, else print it -> 1.
int handle_uncaught();

/// Prints exc with its traceback and chained causes, CPython-style, to sys.stderr.
void print_exception(rt::Value exc);

/// The innermost running frame of this thread (null when no Python code runs).
Frame* current_frame();

/// Globals of the innermost frame (or __main__'s), for builtins like globals()/eval().
rt::DictObject* current_globals();

}  // namespace minipy::vm
