// Interactive prompt with line editing (via the terminal's own line discipline: no readline
// dependency), plus `-m` and stdin-script execution.
#include "cli/repl.h"

#include <unistd.h>

#include <cstdio>
#include <iostream>
#include <sstream>

#include "parser/driver.h"
#include "runtime/errors.h"
#include "runtime/objects/dict.h"
#include "runtime/objects/misc.h"
#include "runtime/objects/str.h"
#include "runtime/ops.h"
#include "runtime/state/interpreter.h"
#include "stdlib/native/io.h"
#include "vm/import.h"
#include "vm/interpreter.h"

using namespace minipy;

int run_stdin_script() {
  std::stringstream ss;
  ss << std::cin.rdbuf();
  return vm::run_main_source(ss.str(), "<stdin>");
}

int run_module_as_main(const std::string& name) {
  // Run the module's source with __name__ == "__main__".
  std::string file = name;
  for (char& c : file) {
    if (c == '.') c = '/';
  }
  for (const std::string& cand : {file + ".py", file + "/__main__.py"}) {
    std::FILE* f = std::fopen(cand.c_str(), "r");
    if (f) {
      std::fclose(f);
      return vm::run_main_file(cand);
    }
  }
  // Frozen modules (e.g. `-m dis`) are imported under the name "__main__" via runpy-like logic.
  rt::Ref main = rt::module_new("__main__");
  rt::dict_set(rt::as_dict(rt::interp().modules.get()), rt::str_new("__main__").get(), main.get());
  rt::Ref m = vm::import_module_absolute(name);
  if (!m) {
    if (rt::exception_matches(&rt::exc_ModuleNotFoundError)) {
      rt::clear_exception();
      std::fprintf(stderr, "%s: No module named %s\n", rt::interp().executable.c_str(), name.c_str());
      return 1;
    }
    return vm::handle_uncaught();
  }
  rt::Ref f = rt::getattr_opt(m.get(), rt::intern("_main"));
  if (f) {
    rt::Ref r = rt::call0(f.get());
    if (!r) return vm::handle_uncaught();
  }
  rt::clear_exception();
  return 0;
}

int run_repl() {
  std::printf("Python 3.11.7 (minipy 0.1.0) on linux\nType \"help\", \"copyright\", \"credits\" or \"license\" for more information.\n");
  rt::Ref main = rt::module_new("__main__");
  rt::dict_set(rt::as_dict(rt::interp().modules.get()), rt::str_new("__main__").get(), main.get());
  rt::DictObject* g = rt::module_dict(main.get());
  rt::dict_set_cstr(g, "__builtins__", rt::Value(rt::interp().builtins_dict()));
  std::string buffer;
  for (;;) {
    lib::flush_std_streams();
    std::fputs(buffer.empty() ? ">>> " : "... ", stdout);
    std::fflush(stdout);
    std::string line;
    if (!std::getline(std::cin, line)) {
      std::fputs("\n", stdout);
      break;
    }
    buffer += line + "\n";
    parse::ParseResult pr = parse::parse(buffer, "<stdin>", parse::Mode::Interactive);
    if (pr.error && parse::is_incomplete_input(pr)) continue;
    // A compound statement ends with an empty line.
    if (!pr.error && !line.empty() && buffer.find('\n') != buffer.size() - 1 &&
        (line[0] == ' ' || line[0] == '\t')) {
      continue;
    }
    if (!pr.error && !line.empty() && line.back() == ':' ) continue;
    std::string src = buffer;
    buffer.clear();
    rt::Ref code = vm::compile_source(src, "<stdin>", "single");
    if (!code) {
      vm::handle_uncaught();
      continue;
    }
    rt::Ref r = vm::run_code(code.get(), g, g);
    if (!r) {
      if (rt::exception_matches(&rt::exc_SystemExit)) return vm::handle_uncaught();
      vm::handle_uncaught();
    }
  }
  return 0;
}
