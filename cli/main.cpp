// The minipy command line: `minipy script.py [args]`, `-c CODE`, `-m MODULE`, a REPL when stdin
// is a terminal, `--version`, `-X name[=value]`, `-V`, `-u`, `-S`, `-E`, `-B`, `-I` accepted.
// Same exit codes as python3: 0, 1 for an uncaught exception, 2 for usage errors, or the
// SystemExit code.
#include <unistd.h>

#include <climits>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include <fstream>
#include <sstream>

#include "cli/repl.h"
#include "parser/driver.h"
#include "vm/compiler.h"
#include "vm/disassembler.h"
#include "runtime/errors.h"
#include "runtime/objects/dict.h"
#include "runtime/objects/str.h"
#include "runtime/ops.h"
#include "runtime/state/gil.h"
#include "runtime/state/interpreter.h"
#include "stdlib/native/io.h"
#include "stdlib/registry.h"
#include "vm/import.h"
#include "vm/interpreter.h"

namespace {

using namespace minipy;

void usage(FILE* out) {
  std::fputs(
      "usage: minipy [option] ... [-c cmd | -m mod | file | -] [arg] ...\n"
      "Options:\n"
      "  -c cmd : program passed in as string (terminates option list)\n"
      "  -m mod : run library module as a script (terminates option list)\n"
      "  -h     : print this help message and exit\n"
      "  -V     : print the version number and exit (also --version)\n"
      "  -X opt : set implementation-specific option:\n"
      "           -X switchinterval=SECONDS   GIL switch interval (default 0.005)\n"
      "           -X gil-checkpoints=every    check for GIL drop requests after every instruction\n"
      "           -X gil-policy=NAME          GIL policy: interval (default)\n"
      "  -u -S -E -B -I -s -O : accepted for python3 compatibility\n",
      out);
}

std::string dirname_of(const std::string& path) {
  auto slash = path.rfind('/');
  if (slash == std::string::npos) return "";
  if (slash == 0) return "/";
  return path.substr(0, slash);
}

std::string self_executable() {
  char buf[PATH_MAX];
  ssize_t n = readlink("/proc/self/exe", buf, sizeof(buf) - 1);
  if (n <= 0) return "minipy";
  buf[n] = '\0';
  return buf;
}

void apply_xoptions(const std::map<std::string, std::string>& xo) {
  for (const auto& [k, v] : xo) {
    if (k == "switchinterval" && !v.empty()) {
      double s = std::atof(v.c_str());
      if (s > 0) rt::gil_set_interval_us(static_cast<uint64_t>(s * 1e6));
    } else if (k == "gil-checkpoints") {
      rt::g_checkpoint_every = v == "every";
    } else if (k == "gil-policy" && !v.empty()) {
      if (!rt::gil_select_policy(v.c_str())) {
        std::fprintf(stderr, "minipy: unknown GIL policy '%s'\n", v.c_str());
        std::exit(2);
      }
    }
  }
}

/// `minipy --dis file.py`: prints the bytecode of every code object in the file.
int dis_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    std::fprintf(stderr, "minipy: can't open file '%s'\n", path.c_str());
    return 2;
  }
  std::stringstream ss;
  ss << in.rdbuf();
  std::string src = ss.str();
  parse::ParseResult pr = parse::parse(src, path, parse::Mode::Exec);
  if (pr.error) {
    vm::compile_source(src, path, "exec");
    return vm::handle_uncaught();
  }
  vm::CompileResult cr = vm::compile(*pr.module, path, vm::CompileMode::Exec);
  if (cr.error) {
    vm::compile_source(src, path, "exec");
    return vm::handle_uncaught();
  }
  std::fputs(vm::disassemble(*cr.code, true).c_str(), stdout);
  return 0;
}

/// Waits for non-daemon threads (threading._shutdown) and flushes the std streams.
void finalize() {
  rt::Value m = rt::dict_get(rt::as_dict(rt::interp().modules.get()), rt::str_new("threading").get());
  if (m) {
    rt::Ref f = rt::getattr_opt(m, rt::intern("_shutdown"));
    if (f) {
      rt::Ref r = rt::call0(f.get());
      if (!r) vm::handle_uncaught();
    }
    rt::clear_exception();
  }
  lib::flush_std_streams();
}

}  // namespace

int main(int argc, char** argv) {
  rt::InterpreterState& in = rt::interp();
  in.executable = self_executable();
  std::string command, module, script;
  bool have_command = false, have_module = false, dis_only = false;
  int i = 1;
  for (; i < argc; i++) {
    std::string a = argv[i];
    if (a == "-c" || a == "-m") {
      if (i + 1 >= argc) {
        std::fprintf(stderr, "Argument expected for the %s option\n", a.c_str());
        usage(stderr);
        return 2;
      }
      (a == "-c" ? command : module) = argv[++i];
      (a == "-c" ? have_command : have_module) = true;
      i++;
      break;
    }
    if (a == "--version" || a == "-V") {
      std::printf("Python 3.11.7 (minipy %s)\n", "0.1.0");
      return 0;
    }
    if (a == "-h" || a == "--help") {
      usage(stdout);
      return 0;
    }
    if (a == "-X") {
      if (i + 1 >= argc) {
        usage(stderr);
        return 2;
      }
      std::string opt = argv[++i];
      auto eq = opt.find('=');
      in.xoptions[opt.substr(0, eq)] = eq == std::string::npos ? "" : opt.substr(eq + 1);
      continue;
    }
    if (a.size() > 2 && a.rfind("-X", 0) == 0) {
      std::string opt = a.substr(2);
      auto eq = opt.find('=');
      in.xoptions[opt.substr(0, eq)] = eq == std::string::npos ? "" : opt.substr(eq + 1);
      continue;
    }
    if (a == "--dis") {
      dis_only = true;
      continue;
    }
    if (a == "-u" || a == "-S" || a == "-E" || a == "-B" || a == "-I" || a == "-s" || a == "-O" || a == "-q") continue;
    if (a == "-") {
      i++;
      break;
    }
    if (a.size() > 1 && a[0] == '-') {
      std::fprintf(stderr, "Unknown option: %s\n", a.c_str());
      usage(stderr);
      return 2;
    }
    script = a;
    i++;
    break;
  }
  // sys.argv and sys.path as python3 sets them.
  if (have_command) {
    in.argv.push_back("-c");
    in.path.push_back("");
  } else if (have_module) {
    in.argv.push_back(module);
    in.path.push_back(".");
  } else if (!script.empty()) {
    in.argv.push_back(script);
    in.path.push_back(dirname_of(script).empty() ? "" : dirname_of(script));
  } else {
    in.argv.push_back("");
    in.path.push_back("");
  }
  for (; i < argc; i++) in.argv.push_back(argv[i]);

  vm::vm_init();
  rt::install_signal_handlers();
  apply_xoptions(in.xoptions);
  lib::stdlib_init();

  int status = 0;
  if (have_command) {
    status = vm::run_main_source(command, "<string>");
  } else if (have_module) {
    status = run_module_as_main(module);
  } else if (dis_only && !script.empty()) {
    status = dis_file(script);
  } else if (!script.empty()) {
    status = vm::run_main_file(script);
    if (status == -1) {
      std::fprintf(stderr, "%s: can't open file '%s': [Errno 2] No such file or directory\n", argv[0], script.c_str());
      return 2;
    }
  } else if (isatty(0)) {
    status = run_repl();
  } else {
    status = run_stdin_script();
  }
  finalize();
  std::fflush(stdout);
  return status;
}
