// The interactive prompt. Input is gathered the way CPython's interactive loop does:
//   - ">>> " starts a statement; "... " asks for more while parse::is_incomplete_input() says the
//     input stops inside brackets, a triple-quoted string or a block header with no body;
//   - a compound statement (if/for/while/try/with/def/class) runs only after an empty line;
//   - each input is compiled on its own in "single" mode, so tracebacks say line 1..N of it.
// The GIL is released while waiting for a key so that other threads keep running.
#include "cli/repl.h"

#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <sstream>
#include <string>
#include <string_view>

#include "cli/line_editor.h"
#include "parser/driver.h"
#include "runtime/errors.h"
#include "runtime/objects/dict.h"
#include "runtime/objects/misc.h"
#include "runtime/objects/str.h"
#include "runtime/ops.h"
#include "runtime/state/eval_breaker.h"
#include "runtime/state/gil.h"
#include "runtime/state/interpreter.h"
#include "stdlib/native/io.h"
#include "vm/interpreter.h"

namespace minipy::cli {

namespace {

using namespace minipy::rt;

constexpr const char* kBanner =
    "Python 3.11.7 (minipy 0.1.0) on linux\n"
    "Type \"help\", \"copyright\", \"credits\" or \"license\" for more information.\n";

/// Writes to a descriptor after flushing sys.stdout/sys.stderr, so the output stays in order.
void write_fd(int fd, std::string_view s) {
  lib::flush_std_streams();
  while (!s.empty()) {
    ssize_t n = ::write(fd, s.data(), s.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      return;
    }
    s.remove_prefix(static_cast<size_t>(n));
  }
}

bool is_blank(const std::string& s) { return s.find_first_not_of(" \t\f\r") == std::string::npos; }

/// True for statements whose body may go on for more lines: they end with an empty line.
bool is_compound(const ast::Stmt& s) {
  using K = ast::StmtKind;
  switch (s.kind) {
    case K::FunctionDef: case K::ClassDef: case K::For: case K::While: case K::If: case K::With:
    case K::Try:
      return true;
    default:
      return false;
  }
}

/// sys.ps1 / sys.ps2 as str(), set to ">>> " and "... " when the REPL starts (as CPython).
std::string prompt_text(const char* name, const char* fallback) {
  Value sys = interp().sys.get();
  if (!sys) return fallback;
  Ref p = getattr_opt(sys, intern(name));
  if (!p) {
    clear_exception();
    setattr(sys, intern(name), str_new(fallback).get());
    return fallback;
  }
  std::string text;
  if (!str_text(p.get(), &text)) {
    clear_exception();
    return fallback;
  }
  return text;
}

/// __main__ from sys.modules (a script run with -i left its globals there), else a new one.
DictObject* main_globals() {
  DictObject* modules = as_dict(interp().modules.get());
  Value m = dict_get(modules, str_new("__main__").get());
  if (!m) {
    Ref fresh = module_new("__main__");
    dict_set(modules, str_new("__main__").get(), fresh.get());
    m = dict_get(modules, str_new("__main__").get());
  }
  DictObject* g = module_dict(m);
  if (!dict_get_cstr(g, "__builtins__")) dict_set_cstr(g, "__builtins__", Value(interp().builtins_dict()));
  return g;
}

/// The last line of `buffer` that is not blank, without trailing spaces.
std::string last_nonblank_line(const std::string& buffer) {
  std::istringstream in(buffer);
  std::string line, last;
  while (std::getline(in, line)) {
    if (!is_blank(line)) last = line;
  }
  while (!last.empty() && (last.back() == ' ' || last.back() == '\t' || last.back() == '\r')) last.pop_back();
  return last;
}

/// What to do with the lines gathered so far.
enum class Verdict { kMore, kRun };

Verdict judge(const std::string& buffer, const std::string& last_line) {
  parse::ParseResult pr = parse::parse(buffer, "<stdin>", parse::Mode::Interactive);
  bool blank = is_blank(last_line);
  if (pr.error) {
    // Inside brackets or a triple-quoted string even an empty line continues; after a block
    // header it ends the input and the compiler reports "expected an indented block".
    if (parse::is_incomplete_input(pr)) {
      std::string prev = last_nonblank_line(buffer);
      return blank && !prev.empty() && prev.back() == ':' ? Verdict::kRun : Verdict::kMore;
    }
    // An error found at the end of the input (`try:` with no handler yet, a lone decorator)
    // may be cured by the next line: CPython's tokenizer would simply be waiting for it.
    int lines = static_cast<int>(std::count(buffer.begin(), buffer.end(), '\n'));
    if (!blank && pr.error->lineno > lines) return Verdict::kMore;
    return Verdict::kRun;  // compile_source() raises the SyntaxError
  }
  if (!pr.module->body.empty() && is_compound(*pr.module->body.front()) && !blank) return Verdict::kMore;
  return Verdict::kRun;
}

}  // namespace

int run_repl(const ReplOptions& options) {
  LineEditor editor(0, 1);
  std::string history_path = editor.editing() ? default_history_path() : "";
  editor.load_history(history_path);
  if (options.banner) write_fd(2, kBanner);
  DictObject* globals = main_globals();
  std::string buffer;
  int status = 0;
  for (;;) {
    std::string prompt = buffer.empty() ? prompt_text("ps1", ">>> ") : prompt_text("ps2", "... ");
    lib::flush_std_streams();
    std::string line;
    ReadStatus st;
    {
      ReleaseGil unlocked("input");
      st = editor.read_line(prompt, &line);
    }
    if (st == ReadStatus::kInterrupt) {
      // Consume the pending SIGINT (if one interrupted a plain read) so it does not fire later.
      if (!handle_eval_breaker()) clear_exception();
      buffer.clear();
      write_fd(2, "KeyboardInterrupt\n");
      continue;
    }
    if (st == ReadStatus::kEof) {
      if (!editor.editing()) write_fd(editor.prompt_fd(), "\n");
      break;
    }
    editor.add_history(line);
    if (buffer.empty() && is_blank(line)) continue;
    buffer += line;
    buffer += '\n';
    if (judge(buffer, line) == Verdict::kMore) continue;
    std::string source = std::move(buffer);
    buffer.clear();
    Ref code = vm::compile_source(source, "<stdin>", "single");
    Ref result = code ? vm::run_code(code.get(), globals, globals) : Ref();
    if (!result) {
      if (exception_matches(&exc_SystemExit)) {
        status = vm::handle_uncaught();
        break;
      }
      vm::handle_uncaught();
    }
  }
  editor.save_history(history_path);
  return status;
}

}  // namespace minipy::cli
