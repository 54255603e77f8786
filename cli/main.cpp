// The minipy command line, shaped like python3 3.11's: `minipy [option] ... [-c cmd | -m mod |
// file | -] [arg] ...`. Options parse as CPython's getopt does (`-uc CODE`, `-Xname=value`,
// `--` ends them); -c/-m end the option list. Usage errors exit 2 with python3's messages, an
// uncaught exception 1, SystemExit its code. A REPL (cli/repl.cpp) runs when stdin is a terminal
// or after the script with -i. Sits on top: cli uses stdlib, vm and parser.
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <climits>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#if defined(__SANITIZE_ADDRESS__)
#include <sanitizer/lsan_interface.h>
#define MINIPY_LEAK_CHECK 1
#else
#define MINIPY_LEAK_CHECK 0
#endif

#include "cli/repl.h"
#include "cli/run_module.h"
#include "parser/driver.h"
#include "runtime/errors.h"
#include "runtime/gc/collector.h"
#include "runtime/gc/weakref.h"
#include "runtime/hash.h"
#include "runtime/int_str_limit.h"
#include "runtime/objects/dict.h"
#include "runtime/objects/list.h"
#include "runtime/objects/misc.h"
#include "runtime/objects/singletons.h"
#include "runtime/objects/str.h"
#include "runtime/ops.h"
#include "runtime/state/gil.h"
#include "runtime/state/gil_top.h"
#include "stdlib/native/atexit.h"
#include "runtime/state/gil_trace.h"
#include "runtime/state/interpreter.h"
#include "stdlib/native/io.h"
#include "stdlib/registry.h"
#include "vm/compiler.h"
#include "vm/disassembler.h"
#include "vm/import.h"
#include "vm/interpreter.h"

namespace {

using namespace minipy;

constexpr const char* kVersion = "Python 3.11.7 (minipy 0.1.0)\n";

/// What the command line asked for.
struct Options {
  enum class Run { kRepl, kCommand, kModule, kScript, kStdin };
  Run run = Run::kRepl;
  std::string program;  // argv[0] as invoked: messages start with it
  std::string target;   // the code (-c), module name (-m) or script path
  std::vector<std::string> args;
  std::map<std::string, std::string> xoptions;
  std::vector<std::string> warn_options;  // -W arguments, in order
  bool inspect = false;     // -i
  bool quiet = false;       // -q
  bool unbuffered = false;  // -u
  bool dis_only = false;    // --dis
  bool ignore_env = false;  // -E: PYTHON* variables (PYTHONPATH, PYTHONUNBUFFERED) are ignored
  bool isolated = false;    // -I: -E, and no script directory on sys.path
  bool version = false;     // -V, --version
  rt::InterpreterState::Flags flags;  // the switches sys.flags reports
  bool help = false;        // -h, -?, --help
};

void usage_line(FILE* out, const std::string& program) {
  std::fprintf(out, "usage: %s [option] ... [-c cmd | -m mod | file | -] [arg] ...\n", program.c_str());
}

/// python3's usage error: the message, the usage line, a hint; exit status 2.
int usage_error(const std::string& program, const std::string& message) {
  std::fprintf(stderr, "%s\n", message.c_str());
  usage_line(stderr, program);
  std::fputs("Try `minipy -h' for more information.\n", stderr);
  return 2;
}

void help(const std::string& program) {
  usage_line(stdout, program);
  std::fputs(
      "Options (and corresponding environment variables):\n"
      "-c cmd : program passed in as string (terminates option list)\n"
      "-h     : print this help message and exit (also -? or --help)\n"
      "-i     : inspect interactively after running script or command\n"
      "-m mod : run library module as a script (terminates option list)\n"
      "-q     : don't print version and copyright messages on interactive startup\n"
      "-u     : force the stdout and stderr streams to be unbuffered;\n"
      "         also PYTHONUNBUFFERED=x\n"
      "-V     : print the Python version number and exit (also --version)\n"
      "-X opt : set implementation-specific option; sys._xoptions holds them all:\n"
      "         -X switchinterval=SECONDS  GIL switch interval (default 0.005)\n"
#ifdef MINIPY_FREE_THREADING
      "         -X gil=0|1                 GIL off (default) or on (free-threaded build)\n"
#endif
      "         -X gil-checkpoints=every   check for GIL drop requests after every instruction\n"
      "         -X gil-policy=NAME         GIL design: interval (default), ticks, fifo, "
      "io-priority\n"
      "         -X gil-ticks=N             check points per release under gil-policy=ticks (100)\n"
      "         -X gil-schedule=SEED       reproducible thread switches, drawn from SEED\n"
      "         -X gil-trace=FILE          record a GIL timeline (forked children: FILE.PID)\n"
      "         -X gil-top[=SECONDS]       print each thread's GIL share to stderr every second\n"
      "         -X no_debug_ranges         no column ranges in code objects and tracebacks;\n"
      "                                    also PYTHONNODEBUGRANGES=x\n"
      "         -X dev                     development mode: sys.flags.dev_mode, the 'default'\n"
      "                                    warning filter, faulthandler, asyncio debug mode;\n"
      "                                    also PYTHONDEVMODE=x\n"
      "--dis  : print the bytecode of the script instead of running it\n"
      "-E     : ignore PYTHON* environment variables (such as PYTHONPATH, PYTHONHASHSEED)\n"
      "-I     : isolate Python from the user's environment (implies -E, -P and -s); the\n"
      "         script's directory is not put on sys.path\n"
      "-W arg : warning control (sys.warnoptions); also PYTHONWARNINGS=arg[,arg...]\n"
      "-b -B -d -O -P -R -s -S -v -x : accepted for python3 compatibility (see sys.flags)\n"
      "file   : program read from script file\n"
      "-      : program read from stdin (default; interactive mode if a tty)\n"
      "arg ...: arguments passed to program in sys.argv[1:]\n"
      "\n"
      "Environment variables:\n"
      "PYTHONPATH    : ':'-separated list of directories prefixed to the\n"
      "                default module search path (sys.path)\n"
      "MINIPY_STDLIB : directory of CPython 3.11's pure-Python library, last on sys.path\n"
      "                (default: set at build time by the CMake variable MINIPY_CPYTHON_LIB)\n"
      "PYTHONHASHSEED: if this variable is set to 'random', a random value is used\n"
      "   to seed the hashes of str and bytes objects.  It can also be set to an\n"
      "   integer in the range [0,4294967295] to get hash values with a\n"
      "   predictable seed.\n"
      "MINIPY_HISTORY: file of the interactive prompt's history (default ~/.minipy_history;\n"
      "                empty: no file)\n",
      stdout);
}

void add_xoption(Options* o, const std::string& opt) {
  auto eq = opt.find('=');
  o->xoptions[opt.substr(0, eq)] = eq == std::string::npos ? "" : opt.substr(eq + 1);
}

/// Parses argv like CPython's _PyOS_GetOpt. Returns -1 to go on, else the exit status.
int parse_args(int argc, char** argv, Options* o) {
  o->program = argc > 0 ? argv[0] : "minipy";
  int i = 1;
  for (; i < argc; i++) {
    std::string a = argv[i];
    if (a == "--") {
      i++;
      break;
    }
    if (a.size() < 2 || a[0] != '-') break;  // the script, or "-" for stdin
    if (a[1] == '-') {
      if (a == "--version") o->version = true;
      else if (a == "--help") o->help = true;
      else if (a == "--dis") o->dis_only = true;
      else return usage_error(o->program, "unknown option " + a);
      continue;
    }
    for (size_t j = 1; j < a.size(); j++) {
      char c = a[j];
      if (c == 'c' || c == 'm' || c == 'X' || c == 'W') {
        // The argument is the rest of this word or the next word.
        std::string value;
        if (j + 1 < a.size()) {
          value = a.substr(j + 1);
        } else if (i + 1 < argc) {
          value = argv[++i];
        } else {
          return usage_error(o->program, std::string("Argument expected for the -") + c + " option");
        }
        if (c == 'X') {
          add_xoption(o, value);
          break;
        }
        if (c == 'W') {
          o->warn_options.push_back(value);  // sys.warnoptions (warnings.py applies them)
          break;
        }
        o->run = c == 'c' ? Options::Run::kCommand : Options::Run::kModule;
        o->target = value;
        for (i++; i < argc; i++) o->args.push_back(argv[i]);
        return -1;
      }
      switch (c) {
        case 'V': o->version = true; break;
        case 'h': case '?': o->help = true; break;
        case 'i': o->inspect = true; o->flags.inspect = 1; break;
        case 'q': o->quiet = true; o->flags.quiet = 1; break;
        case 'u': o->unbuffered = true; break;
        case 'E': o->ignore_env = true; o->flags.ignore_environment = 1; break;
        case 'I':
          o->isolated = o->ignore_env = true;
          o->flags.isolated = o->flags.ignore_environment = o->flags.no_user_site = 1;
          o->flags.safe_path = true;
          break;
        case 'B': o->flags.dont_write_bytecode = 1; break;
        case 's': o->flags.no_user_site = 1; break;
        case 'S': o->flags.no_site = 1; break;
        case 'P': o->flags.safe_path = true; break;
        case 'O': o->flags.optimize++; break;
        case 'v': o->flags.verbose++; break;
        case 'b': o->flags.bytes_warning++; break;
        case 'd': case 'R': case 'x':
          break;
        default:
          return usage_error(o->program, std::string("Unknown option: -") + c);
      }
    }
  }
  if (i < argc) {
    std::string first = argv[i++];
    o->run = first == "-" ? Options::Run::kStdin : Options::Run::kScript;
    o->target = first;
  } else if (!isatty(0) && !o->inspect) {
    o->run = Options::Run::kStdin;
  }
  for (; i < argc; i++) o->args.push_back(argv[i]);
  return -1;
}

std::string cwd() {
  char buf[PATH_MAX];
  return ::getcwd(buf, sizeof(buf)) ? buf : ".";
}

std::string self_executable() {
  char buf[PATH_MAX];
  ssize_t n = readlink("/proc/self/exe", buf, sizeof(buf) - 1);
  if (n <= 0) return "minipy";
  buf[n] = '\0';
  return buf;
}

/// The script must be a readable file; python3 names it by absolute path when it is not.
int check_script(const Options& o) {
  std::string abs = o.target.front() == '/' ? o.target : cwd() + "/" + o.target;
  struct stat st;
  if (::stat(o.target.c_str(), &st) == 0 && S_ISDIR(st.st_mode)) {
    std::fprintf(stderr, "%s: can't find '__main__' module in '%s'\n", o.program.c_str(), o.target.c_str());
    return 1;
  }
  std::FILE* f = std::fopen(o.target.c_str(), "rb");
  if (!f) {
    int err = errno;
    std::fprintf(stderr, "%s: can't open file '%s': [Errno %d] %s\n", o.program.c_str(), abs.c_str(), err,
                 std::strerror(err));
    return 2;
  }
  std::fclose(f);
  return -1;
}

/// PYTHONPATH's entries as python3 3.11 adds them: an empty entry stands for the current
/// directory, except a trailing one.
std::vector<std::string> pythonpath_entries() {
  std::vector<std::string> out;
  const char* env = std::getenv("PYTHONPATH");
  if (env == nullptr || *env == '\0') return out;
  std::string s = env;
  size_t start = 0;
  while (start <= s.size()) {
    size_t colon = s.find(':', start);
    if (colon == std::string::npos) colon = s.size();
    std::string entry = s.substr(start, colon - start);
    if (!entry.empty()) {
      out.push_back(entry);
    } else if (colon < s.size()) {
      out.push_back(cwd());
    }
    start = colon + 1;
  }
  return out;
}

/// sys.argv and sys.path as python3 sets them: the script's directory ('' for -c, stdin and the
/// REPL, the current directory for -m), PYTHONPATH, then minipy's embedded modules and CPython's
/// library directory (lib::library_path()).
void set_argv_and_path(const Options& o, rt::InterpreterState& in) {
  switch (o.run) {
    case Options::Run::kCommand:
      in.argv.push_back("-c");
      in.path.push_back("");
      break;
    case Options::Run::kModule:
      in.argv.push_back(o.target);  // replaced by the module's path once found
      in.path.push_back(cwd());
      break;
    case Options::Run::kScript: {
      char real[PATH_MAX];
      std::string full = ::realpath(o.target.c_str(), real) ? real : o.target;
      in.argv.push_back(o.target);
      in.path.push_back(full.substr(0, full.rfind('/') == 0 ? 1 : full.rfind('/')));
      break;
    }
    case Options::Run::kStdin:
      in.argv.push_back(o.target.empty() ? "" : "-");
      in.path.push_back("");
      break;
    case Options::Run::kRepl:
      in.argv.push_back("");
      in.path.push_back("");
      break;
  }
  for (const std::string& a : o.args) in.argv.push_back(a);
  if (o.isolated) in.path.clear();
  if (!o.ignore_env) {
    for (std::string& p : pythonpath_entries()) in.path.push_back(std::move(p));
  }
  for (std::string& p : lib::library_path()) in.path.push_back(std::move(p));
}

void apply_xoptions(const std::map<std::string, std::string>& xo) {
  for (const auto& [k, v] : xo) {
    if (k == "switchinterval" && !v.empty()) {
      double s = std::atof(v.c_str());
      if (s > 0) rt::gil_set_interval_us(static_cast<uint64_t>(s * 1e6));
    } else if (k == "gil-checkpoints") {
      rt::set_checkpoint_every(v == "every");
    } else if (k == "gil-policy" && !v.empty()) {
      if (!rt::gil_select_policy(v.c_str())) {
        std::fprintf(stderr, "minipy: unknown GIL policy '%s' (choose from %s)\n", v.c_str(),
                     rt::gil_policy_names());
        std::exit(2);
      }
    } else if (k == "gil-ticks" && !v.empty()) {
      long long n = std::atoll(v.c_str());
      if (n < 1) {
        std::fprintf(stderr, "minipy: -X gil-ticks needs a positive number, not '%s'\n", v.c_str());
        std::exit(2);
      }
      rt::gil_set_ticks(static_cast<uint64_t>(n));
    }
  }
  // After the policy: the scheduler replaces it, and a trace records whichever runs.
  if (auto it = xo.find("gil-schedule"); it != xo.end()) {
    char* end = nullptr;
    unsigned long long seed = std::strtoull(it->second.c_str(), &end, 10);
    if (it->second.empty() || *end != '\0') {
      std::fprintf(stderr, "minipy: -X gil-schedule needs a number (the seed), not '%s'\n",
                   it->second.c_str());
      std::exit(2);
    }
    rt::gil_select_schedule(seed);
  }
  if (auto it = xo.find("gil-top"); it != xo.end()) {
    double period = it->second.empty() ? 1.0 : std::atof(it->second.c_str());
    if (!(period > 0)) {
      std::fprintf(stderr, "minipy: -X gil-top=SECONDS needs a positive period, not '%s'\n",
                   it->second.c_str());
      std::exit(2);
    }
    rt::gil_top_start(period);
  }
  if (auto it = xo.find("gil-trace"); it != xo.end()) {
    std::string err;
    if (it->second.empty() || !rt::gil_trace_start(it->second, &err)) {
      std::fprintf(stderr, "minipy: -X gil-trace needs a file name%s%s\n", err.empty() ? "" : ": ",
                   err.c_str());
      std::exit(2);
    }
  }
}

#ifdef MINIPY_FREE_THREADING
/// Free-threaded builds: the GIL is off unless `-X gil=1` or PYTHON_GIL=1 (the option wins), with
/// CPython 3.13t's messages for other values. Decided before the runtime starts, while only
/// this thread exists.
void choose_gil(const std::map<std::string, std::string>& xo) {
  const char* env = std::getenv("PYTHON_GIL");
  auto it = xo.find("gil");
  std::string v = it != xo.end() ? it->second : env != nullptr && *env ? env : "0";
  if (v != "0" && v != "1") {
    std::fputs(
        "Fatal Python error: config_read_gil: PYTHON_GIL / -X gil must be \"0\" or \"1\"\n"
        "Python runtime state: preinitialized\n\n",
        stderr);
    std::exit(1);
  }
  rt::gil_set_enabled(v == "1");
}
#endif

std::string read_stream(std::istream& in) {
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

/// Runs source as __main__. With -i a SystemExit is printed like any other exception and the
/// REPL follows, as in python3 -i; otherwise the usual exit status is returned.
int run_main(const std::string& source, const std::string& filename, bool inspect) {
  if (!inspect) return vm::run_main_source(source, filename);
  rt::Ref main = rt::module_new("__main__");
  rt::dict_set(rt::as_dict(rt::interp().modules.get()), rt::str_new("__main__").get(), main.get());
  rt::DictObject* d = rt::module_dict(main.get());
  rt::dict_set_cstr(d, "__builtins__", rt::Value(rt::interp().builtins_dict()));
  if (filename.empty() || filename[0] != '<') rt::dict_set_cstr(d, "__file__", rt::str_new(filename).get());
  rt::Ref code = vm::compile_source(source, filename, "exec");
  rt::Ref r = code ? vm::run_code(code.get(), d, d) : rt::Ref();
  if (!r) {
    if (rt::exception_matches(&rt::exc_SystemExit)) {
      rt::Ref exc = rt::take_exception();
      vm::print_exception(exc.get());
    } else {
      vm::handle_uncaught();
    }
  }
  return 0;
}

/// `minipy --dis file.py`: prints the bytecode of every code object in the file.
int dis_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::string src = read_stream(in);
  parse::ParseResult pr = parse::parse(src, path, parse::Mode::Exec);
  vm::CompileResult cr;
  if (!pr.error) cr = vm::compile(*pr.module, path, vm::CompileMode::Exec);
  if (pr.error || cr.error) {
    vm::compile_source(src, path, "exec");  // raises the SyntaxError the normal way
    return vm::handle_uncaught();
  }
  std::fputs(vm::disassemble(*cr.code, true).c_str(), stdout);
  return 0;
}

/// Waits for non-daemon threads (threading._shutdown) and flushes the std streams.
/// Finalizes what the script left in its globals as CPython's finalize_modules does, so that
/// their __del__ methods run at exit in the same order: __main__ leaves sys.modules and a
/// collection frees the module with everything only it reached (finalizers in allocation
/// order); what is still alive then has its globals cleared as _PyModule_ClearDict does (names
/// starting with one underscore become None first, then every other name but __builtins__).
void finalize_main_module() {
  rt::Ref key = rt::str_new("__main__");
  auto* modules = rt::as_dict(rt::interp().modules.get());
  rt::Value main = rt::dict_get(modules, key.get());
  if (!main || !rt::isinstance(main, &rt::module_type)) return;
  // Watch the module through a weak reference, as CPython does: a strong one would keep
  // everything its globals reach alive through the collection.
  rt::Ref wr = rt::weakref_new(&rt::weakref_type, main, rt::Value());
  if (!wr) {
    rt::clear_exception();
    return;
  }
  if (rt::dict_del(modules, key.get()) < 0) rt::clear_exception();
  rt::gc_collect(rt::kGcGenerations - 1);
  rt::Object* still = rt::weakref_referent(wr.get());
  if (still == nullptr) return;
  rt::Ref ns = rt::Ref::new_ref(rt::Value(rt::module_dict(rt::Value(still))));
  for (int pass = 0; pass < 2; pass++) {
    rt::Ref keys = rt::list_from_iterable(ns.get());
    if (!keys) break;
    for (rt::Value k : rt::as_list(keys.get())->items) {
      if (!rt::is_str(k)) continue;
      std::string_view name = rt::as_str(k)->view();
      bool underscore = name.size() > 1 && name[0] == '_' && name[1] != '_';
      if ((pass == 0) != underscore || name == "__builtins__") continue;
      if (!rt::dict_set(rt::as_dict(ns.get()), k, rt::None())) rt::clear_exception();
    }
  }
  rt::clear_exception();
}

bool only_main_thread_left() {
  rt::InterpreterState& in = rt::interp();
  std::lock_guard<std::mutex> lock(in.threads_mutex);
  return in.threads.size() == 1;
}

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
  lib::atexit_run_callbacks();
  rt::interp().finalizing.store(true);
  // With daemon threads still running, their code may use __main__: leave it as it is then.
  if (only_main_thread_left()) {
    finalize_main_module();
    rt::gc_collect(rt::kGcGenerations - 1);
    rt::clear_exception();
  }
  lib::flush_std_streams();
}

/// Development mode (-X dev, PYTHONDEVMODE) and sys.warnoptions, as CPython's
/// config_init_warnoptions orders them: the lowest precedence first (warnings.py inserts each
/// filter in front of the earlier ones), an option already there not added again.
void init_dev_mode_and_warnoptions(Options* o, rt::InterpreterState& in) {
  const char* env_dev = o->ignore_env ? nullptr : std::getenv("PYTHONDEVMODE");
  o->flags.dev_mode = o->xoptions.count("dev") != 0 || (env_dev != nullptr && *env_dev != '\0');
  auto add = [&in](const std::string& opt) {
    for (const std::string& w : in.warnoptions) {
      if (w == opt) return;
    }
    in.warnoptions.push_back(opt);
  };
  if (o->flags.dev_mode) add("default");
  if (const char* env = o->ignore_env ? nullptr : std::getenv("PYTHONWARNINGS"); env != nullptr) {
    std::string all = env;
    size_t start = 0;
    while (start <= all.size()) {
      size_t comma = all.find(',', start);
      if (comma == std::string::npos) comma = all.size();
      if (comma > start) add(all.substr(start, comma - start));
      start = comma + 1;
    }
  }
  for (const std::string& w : o->warn_options) add(w);
  if (o->flags.bytes_warning > 0) add(o->flags.bytes_warning > 1 ? "error::BytesWarning" : "default::BytesWarning");
}

/// What start-up does after the library is ready, as CPython's init_interp_main: warnings.py
/// imported when there are warning options (it applies them at import), faulthandler enabled
/// in development mode.
void init_warnings_and_faulthandler(const rt::InterpreterState& in) {
  if (!in.warnoptions.empty() && !vm::import_module_absolute("warnings")) vm::handle_uncaught();
  if (in.flags.dev_mode) {
    rt::Ref fh = vm::import_module_absolute("faulthandler");
    rt::Ref r = fh ? rt::call_method(fh.get(), rt::intern("enable"), nullptr, 0) : rt::Ref();
    if (!r) vm::handle_uncaught();
  }
  rt::clear_exception();
}

int run(const Options& o) {
  using Run = Options::Run;
  int status = 0;
  switch (o.run) {
    case Run::kCommand:
      status = run_main(o.target, "<string>", o.inspect);
      break;
    case Run::kModule:
      status = cli::run_module_as_main(o.target, o.program);
      break;
    case Run::kScript:
      if (o.dis_only) return dis_file(o.target);
      {
        // Since 3.9 the script's __file__ (and so its code's co_filename, shown in tracebacks) is
        // absolute, made from the working directory without resolving links; argv[0] is as given.
        std::string path = o.target.front() == '/' ? o.target : cwd() + "/" + o.target;
        if (o.inspect) {
          std::string src;
          {
            std::ifstream in(path, std::ios::binary);  // closed before the program runs
            src = read_stream(in);
          }
          status = run_main(src, path, true);
        } else {
          status = vm::run_main_file(path);
        }
      }
      break;
    case Run::kStdin:
      status = run_main(read_stream(std::cin), "<stdin>", false);
      break;
    case Run::kRepl:
      return cli::run_repl({.banner = !o.quiet});
  }
  if (o.inspect) status = cli::run_repl({.banner = false});
  return status;
}

}  // namespace

int main(int argc, char** argv) {
  Options o;
  int early = parse_args(argc, argv, &o);
  if (early >= 0) return early;
  if (o.help) {
    help(o.program);
    return 0;
  }
  if (o.version) {
    std::fputs(kVersion, stdout);
    return 0;
  }
  if (o.run == Options::Run::kScript) {
    int bad = check_script(o);
    if (bad >= 0) return bad;
  }
  // The int/str digit limit: -X int_max_str_digits, else PYTHONINTMAXSTRDIGITS (CPython's order).
  {
    const char* where = "-X int_max_str_digits";
    const char* text = nullptr;
    std::string xvalue;
    if (auto it = o.xoptions.find("int_max_str_digits"); it != o.xoptions.end()) {
      xvalue = it->second;
      text = xvalue.c_str();
    } else if (!o.ignore_env && std::getenv("PYTHONINTMAXSTRDIGITS")) {
      where = "PYTHONINTMAXSTRDIGITS";
      text = std::getenv("PYTHONINTMAXSTRDIGITS");
    }
    if (text) {
      char* end = nullptr;
      errno = 0;
      long n = std::strtol(text, &end, 10);
      if (*text == '\0' || *end != '\0' || errno != 0 || n < 0 || (n != 0 && n < rt::kIntMaxStrDigitsThreshold) ||
          n > INT32_MAX) {
        std::fprintf(stderr,
                     "Fatal Python error: config_init_int_max_str_digits: %s: invalid limit; must be >= %d or 0 "
                     "for unlimited.\nPython runtime state: preinitialized\n\n",
                     where, rt::kIntMaxStrDigitsThreshold);
        return 1;
      }
      rt::set_int_max_str_digits(static_cast<int>(n));
      o.flags.int_max_str_digits = static_cast<int>(n);
    }
  }
  // The hash secret comes first: nothing may hash a str before it is chosen.
  {
    std::string error;
    const char* seed = o.ignore_env ? nullptr : std::getenv("PYTHONHASHSEED");
    if (!rt::hash_secret_init(seed, &error)) {
      std::fprintf(stderr, "Fatal Python error: config_init_hash_seed: %s\nPython runtime state: preinitialized\n\n",
                   error.c_str());
      return 1;
    }
  }
  if (const char* env = o.ignore_env ? nullptr : std::getenv("PYTHONDONTWRITEBYTECODE"); env && *env) {
    o.flags.dont_write_bytecode = 1;  // as -B: the compiled-code cache is read, never written
  }
  const char* env_unbuffered = std::getenv("PYTHONUNBUFFERED");
  bool unbuffered = o.unbuffered || (!o.ignore_env && env_unbuffered && *env_unbuffered);

  rt::InterpreterState& in = rt::interp();
  in.executable = self_executable();
  in.xoptions = o.xoptions;
  in.orig_argv.assign(argv, argv + argc);
  init_dev_mode_and_warnoptions(&o, in);
  in.flags = o.flags;
  if (o.xoptions.count("no_debug_ranges") != 0 ||
      (!o.ignore_env && std::getenv("PYTHONNODEBUGRANGES") && *std::getenv("PYTHONNODEBUGRANGES"))) {
    in.code_debug_ranges = false;
  }
  set_argv_and_path(o, in);
#ifdef MINIPY_FREE_THREADING
  choose_gil(o.xoptions);
#endif

  vm::vm_init();
  rt::install_signal_handlers();
  apply_xoptions(in.xoptions);
  lib::stdlib_init();
  lib::reopen_std_streams(unbuffered);  // -u, PYTHONIOENCODING
  init_warnings_and_faulthandler(in);

  int status = run(o);
  finalize();
  rt::gil_trace_at_exit();
  std::fflush(nullptr);
#if MINIPY_LEAK_CHECK
  // Leak check of sanitizer builds: after the final collection, memory that nothing reaches is
  // a reference-count leak (the collector's lists are disguised from LeakSanitizer). A leak
  // fails the run whatever its own status, so that error paths (uncaught exceptions, sys.exit(1))
  // are checked too; the exit via _Exit below skips LeakSanitizer's own check at exit.
  if (only_main_thread_left() && __lsan_do_recoverable_leak_check() != 0) status = 23;
#endif
  // Daemon threads may still be running Python code: end the process without running static
  // destructors under their feet (CPython parks them instead; the effect for the user is the same).
  std::_Exit(status);
}
