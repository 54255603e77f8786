// VM start-up and the entry points the command line uses: compiling source into code objects
// (turning syntax errors into SyntaxError exceptions), running code, running the main script,
// and the top-level handling of uncaught exceptions and SystemExit.
#include "vm/interpreter.h"

#include <fstream>
#include <sstream>

#include "parser/driver.h"
#include "runtime/caller_globals.h"
#include "runtime/errors.h"
#include "runtime/names.h"
#include "runtime/objects/int.h"
#include "runtime/objects/misc.h"
#include "runtime/objects/singletons.h"
#include "runtime/objects/str.h"
#include "runtime/objects/tuple.h"
#include "runtime/ops.h"
#include "runtime/state/interpreter.h"
#include "vm/code.h"
#include "vm/compiler.h"
#include "vm/eval.h"
#include "vm/import.h"

namespace minipy::vm {

using namespace rt;

void vm_builtins_init(DictObject* builtins);
void async_builtins_init(DictObject* builtins);  // vm/builtins_async.cpp
void object_reduce_init();  // vm/object_reduce.cpp
void frame_types_init();    // vm/frame_object.cpp
void write_stderr(const std::string& text);

// warn() for the runtime layer: the warnings module's own warn(), so filters and
// catch_warnings apply as to a warning issued in Python.
static bool warn_through_module(TypeObject* category, std::string_view msg, int stacklevel) {
  Ref warnings = import_module_absolute("warnings");
  if (!warnings) return false;
  Ref fn = getattr(warnings.get(), "warn");
  if (!fn) return false;
  Ref text = str_new(std::string(msg));
  Value args[3] = {text.get(), Value(category), Value::from_small(stacklevel)};
  return static_cast<bool>(call(fn.get(), args, 3));
}

void vm_init() {
  static bool done = false;
  if (done) return;
  done = true;
  runtime_init();
  g_code_line_hook = [](Value code, int insn) {
    const CodeUnit& u = *as_code(code)->unit;
    return u.line_of(insn);
  };
  g_print_exception_hook = print_exception;
  g_write_stderr_hook = write_stderr;
  g_warn_hook = warn_through_module;
  g_caller_globals_hook = []() -> DictObject* {
    Frame* f = current_frame();
    return f != nullptr ? f->globals : nullptr;
  };
  function_types_init();
  generator_types_init();
  coroutine_types_init();  // after generator_types_init: shares its slots
  frame_types_init();
  vm_builtins_init(interp().builtins_dict());
  async_builtins_init(interp().builtins_dict());
  object_reduce_init();
}

static Ref raise_syntax_error(const parse::SyntaxError& se, std::string_view source) {
  // A tree nested too deeply for the compiler is RecursionError, as in CPython (vm/symtable.cpp).
  if (se.type == "RecursionError") return raise(&exc_RecursionError, se.msg);
  TypeObject* type = &exc_SyntaxError;
  if (se.type == "IndentationError") type = &exc_IndentationError;
  if (se.type == "TabError") type = &exc_TabError;
  std::string text = se.text;
  if (text.empty() && se.lineno > 0) {
    // The compiler leaves `text` empty: take the line from the source.
    std::istringstream in{std::string(source)};
    std::string line;
    for (int i = 0; i < se.lineno && std::getline(in, line); i++) {
    }
    text = line;
  }
  Ref msg = str_new(se.msg);
  Ref fn = str_new(se.filename);
  Ref txt = str_new(text + "\n");
  Ref info = tuple_of({fn.get(), Value::from_small(se.lineno), Value::from_small(se.offset), txt.get(),
                       Value::from_small(se.end_lineno ? se.end_lineno : se.lineno),
                       Value::from_small(se.end_offset ? se.end_offset : se.offset)});
  Value args[2] = {msg.get(), info.get()};
  Ref e = make_exception(type, args, 2);
  if (!e) return e;
  return set_exception(std::move(e));
}

std::shared_ptr<CodeUnit> compile_unit(std::string_view source, const std::string& filename, std::string_view mode) {
  parse::Mode pm = mode == "eval" ? parse::Mode::Eval : mode == "single" ? parse::Mode::Interactive : parse::Mode::Exec;
  parse::ParseResult pr = parse::parse(source, filename, pm);
  if (pr.error) {
    raise_syntax_error(*pr.error, source);
    return nullptr;
  }
  CompileMode cm = mode == "eval" ? CompileMode::Eval : mode == "single" ? CompileMode::Interactive : CompileMode::Exec;
  CompileResult cr = compile(*pr.module, filename, cm);
  if (cr.error) {
    raise_syntax_error(*cr.error, source);
    return nullptr;
  }
  return cr.code;
}

Ref compile_source(std::string_view source, const std::string& filename, std::string_view mode) {
  std::shared_ptr<CodeUnit> unit = compile_unit(source, filename, mode);
  if (unit == nullptr) return Ref();
  return code_from_unit(std::move(unit));
}

Ref run_code(Value code, DictObject* globals, DictObject* locals) {
  // A module-level frame counts against the recursion limit as a function's does (CPython's
  // frames all count): a script's recursion stops at the same depth, and its traceback shows
  // the same entries, as on CPython.
  if (!enter_recursive_call("")) return Ref();
  struct Leave {
    ~Leave() { leave_recursive_call(); }
  } leave;
  CodeObject* co = as_code(code);
  Frame* f = frame_new(co, false);
  f->code_ref = Ref::new_ref(code);
  f->globals = globals;
  Value b = dict_get_str(globals, names::builtins);
  f->builtins = (b && is_dict(b)) ? as_dict(b) : interp().builtins_dict();
  if (b && type_of(b) == &module_type) f->builtins = module_dict(b);
  f->locals = Ref::new_ref(Value(locals ? locals : globals));
  if (co->ncells > 0) {
    for (int i = 0; i < co->ncells; i++) f->cells()[i] = cell_new(Value()).release();
  }
  Ref r = eval_frame(f);
  frame_free(f);
  return r;
}

DictObject* current_globals() {
  Frame* f = current_frame();
  if (f != nullptr) return f->globals;
  Value m = dict_get(as_dict(interp().modules.get()), str_new("__main__").get());
  if (m) return module_dict(m);
  return interp().builtins_dict();
}

int handle_uncaught() {
  Ref exc = take_exception();
  if (!exc) return 0;
  if (isinstance(exc.get(), &exc_SystemExit)) {
    auto* e = static_cast<BaseExceptionObject*>(exc.obj());
    TupleObject* args = as_tuple(e->args.get());
    Value code = args->size == 0 ? None() : args->size == 1 ? args->at(0) : Value(args);
    if (is_none(code)) return 0;
    if (is_int(code)) {
      int64_t n = 0;
      if (!int_to_int64(code, &n)) {
        clear_exception();
        return 1;
      }
      return static_cast<int>(n & 0xff);
    }
    std::string s;
    if (!str_text(code, &s)) clear_exception();
    write_stderr(s + "\n");
    return 1;
  }
  print_exception(exc.get());
  // An uncaught Ctrl-C ends the process like a SIGINT would (python3 exits with 130).
  if (isinstance(exc.get(), &exc_KeyboardInterrupt)) return 130;
  return 1;
}

int run_main_source(std::string_view source, const std::string& filename, const std::string* package) {
  Ref main = module_new("__main__");
  dict_set(as_dict(interp().modules.get()), str_new("__main__").get(), main.get());
  DictObject* d = module_dict(main.get());
  dict_set_str(d, names::builtins, Value(interp().builtins_dict()));
  if (package != nullptr) dict_set_str(d, names::package, str_new(*package).get());
  if (filename.empty() || filename[0] != '<') dict_set_str(d, names::file, str_new(filename).get());
  Ref code = compile_source(source, filename, "exec");
  if (!code) return handle_uncaught();
  Ref r = run_code(code.get(), d, d);
  if (!r) return handle_uncaught();
  return 0;
}

int run_main_file(const std::string& path, const std::string* package) {
  std::string source;
  {
    // Closed before the program runs: an open (and inheritable) descriptor of the script would
    // leak into every child process it starts.
    std::ifstream in(path, std::ios::binary);
    if (!in) return -1;
    std::stringstream ss;
    ss << in.rdbuf();
    source = ss.str();
  }
  return run_main_source(source, path, package);
}

}  // namespace minipy::vm
