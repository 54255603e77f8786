// libFuzzer target (issue 12): the VM, on short programs generated from a small grammar. The
// input bytes are the generator's choices (each byte picks one alternative; when they run out
// every choice is the first, simplest one), so every input is a program that compiles, and
// libFuzzer's mutations change the program's structure rather than break its syntax. What the
// grammar reaches: functions (defaults, *args, **kwargs, closures, nonlocal), generators and
// coroutines driven by hand, classes with dunder methods whose bodies are generated too (so
// __eq__, __hash__, __del__, __iter__, __index__... re-enter the VM from native code, mutate
// containers mid-operation and raise), try/except/finally/else, except*, with, match, loops
// with break/continue/else, comprehensions, f-strings, walrus, unpacking, slicing, and the
// builtins and container methods a program uses most.
//
// Each program runs under an instruction budget (runtime/state/eval_breaker.h: once exhausted,
// every instruction raises) and a memory budget (fuzz_memory.h: MemoryError past 256 MiB), in
// fresh globals, on one interpreter. Whatever it does must end in a result or a Python
// exception: a crash, a sanitizer report, a hang or libFuzzer's out-of-memory is a bug. The
// grammar stays clear of what is slow in CPython too (native loops over huge ranges, big-int
// powers and products of two variables), so a timeout is a VM bug, not the program's.
//
// MINIPY_FUZZ_VM_PRINT=1 prints each program before running it (to read a crash input:
// `MINIPY_FUZZ_VM_PRINT=1 fuzz_vm crash-<sha1>`).
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "runtime/errors.h"
#include "runtime/gc/collector.h"
#include "runtime/hash.h"
#include "runtime/objects/dict.h"
#include "runtime/state/eval_breaker.h"
#include "stdlib/registry.h"
#include "tests/fuzz/fuzz_memory.h"
#include "vm/interpreter.h"

using namespace minipy;

namespace {

constexpr int64_t kInstructionBudget = 20000;
constexpr size_t kMemoryBudget = size_t{256} << 20;
constexpr int kMaxExprDepth = 4;
constexpr int kMaxBlockDepth = 4;
constexpr int kMaxStatements = 40;  // per block

// The vocabulary. Names are few on purpose: a program's statements then meet each other's
// values (a variable assigned a generator here is iterated there).
const char* const kVars[] = {"a", "b", "c", "d"};
const char* const kFuncs[] = {"f", "g"};
const char* const kClasses[] = {"K", "L"};
const char* const kAttrs[] = {"x", "y", "a"};
const char* const kInts[] = {"0",   "1",          "2",         "-1",     "3",
                             "255", "2**31",      "2**63 - 1", "-2**63", "10**20",
                             "7",   "0x7fffffff", "1 << 100",  "True",   "False"};
const char* const kFloats[] = {"0.5", "-0.0", "1e308", "float('nan')", "float('inf')", "2.5"};
const char* const kStrs[] = {"''",      "'a'",    "'abc'",      "'\\x00'",   "'\\u00e9\\U0001f600'",
                             "'a b c'", "'{}'",   "'%s'",       "'\\ud800'", "'x' * 3",
                             "'1'",     "'0x10'", "'__dict__'", "'x'",       "'a,b'"};
const char* const kPatternLiterals[] = {"0",    "1",   "-1",   "'a'", "None",
                                        "True", "2.5", "b'x'", "-1j"};
const char* const kBytes[] = {"b''", "b'ab'", "b'\\xff\\x00'", "bytearray(b'xy')", "b'%d'"};
const char* const kExcs[] = {
    "Exception",     "ValueError",        "TypeError",    "KeyError",      "IndexError",
    "StopIteration", "ZeroDivisionError", "RuntimeError", "BaseException", "AttributeError",
    "GeneratorExit", "ArithmeticError",   "LookupError",  "RecursionError"};
// Builtins called with generated arguments. Not here: those whose native loop a program can make
// endless or huge without running an instruction (sum/any/all over iter(f, x), range with a
// computed bound; they are reached through fixed small ranges below), and those that leave the
// program (open, exec, eval, compile, __import__, input, print floods the output).
const char* const kBuiltins[] = {
    "len",        "repr",         "str",         "int",
    "float",      "bool",         "list",        "tuple",
    "dict",       "set",          "frozenset",   "sorted",
    "reversed",   "min",          "max",         "abs",
    "hash",       "iter",         "next",        "isinstance",
    "issubclass", "type",         "id",          "divmod",
    "chr",        "ord",          "hex",         "bin",
    "format",     "getattr",      "setattr",     "hasattr",
    "delattr",    "enumerate",    "zip",         "map",
    "filter",     "callable",     "vars",        "dir",
    "super",      "object",       "slice",       "round",
    "ascii",      "bytes",        "bytearray",   "memoryview",
    "property",   "staticmethod", "classmethod", "ExceptionGroup",
    "aiter",      "anext",        "complex",
};
const char* const kMethods[] = {
    "append",      "pop",         "insert",   "extend",         "sort",          "reverse",
    "index",       "count",       "remove",   "clear",          "copy",          "keys",
    "items",       "values",      "get",      "update",         "setdefault",    "popitem",
    "add",         "discard",     "union",    "join",           "split",         "replace",
    "format",      "encode",      "decode",   "startswith",     "strip",         "upper",
    "find",        "send",        "throw",    "close",          "__next__",      "__iter__",
    "__getitem__", "__setitem__", "__eq__",   "__hash__",       "__reduce_ex__", "__class__",
    "__dict__",    "__len__",     "add_note", "with_traceback", "__sizeof__",    "__format__",
    "__init__",    "__new__",
};
// Dunder methods a generated class can define; their bodies are generated.
const char* const kDunders[] = {
    "__eq__",
    "__lt__",
    "__hash__",
    "__repr__",
    "__len__",
    "__iter__",
    "__next__",
    "__getitem__",
    "__setitem__",
    "__del__",
    "__bool__",
    "__index__",
    "__enter__",
    "__exit__",
    "__add__",
    "__radd__",
    "__contains__",
    "__call__",
    "__getattr__",
    "__setattr__",
    "__str__",
    "__init__",
    "__format__",
    "__int__",
    "__float__",
    "__aiter__",
    "__anext__",
    "__await__",
    "__set_name__",
    "__init_subclass__",
    "__class_getitem__",
    "__delitem__",
    "__neg__",
    "__iadd__",
    "__get__",
    "__mro_entries__",
};
const char* const kBinOps[] = {"+",  "-", "==", "<",    "!=",       ">=",   "&",     "|",    "^",
                               "//", "%", "/",  " in ", " not in ", " is ", " and ", " or ", "@"};
const char* const kAugOps[] = {"+=", "-=", "|=", "&=", "^=", "//=", "%="};

class Generator {
 public:
  Generator(const uint8_t* data, size_t size) : data_(data), size_(size) {}

  std::string program() {
    block(0, Ctx{});
    return std::move(out_);
  }

 private:
  // Where the statement being generated stands: what it may say without a SyntaxError.
  struct Ctx {
    bool in_func = false;   // return, yield (not at top level)
    bool in_async = false;  // await, async for/with
    bool in_loop = false;   // break, continue
    bool in_star = false;   // an except* clause: no return
  };

  // One choice among n (0 when the input is used up: the simplest alternative).
  unsigned pick(unsigned n) { return pos_ < size_ ? data_[pos_++] % n : 0; }
  bool more() const { return pos_ < size_; }
  template <size_t N>
  const char* choose(const char* const (&list)[N]) {
    return list[pick(N)];
  }

  void line(int indent, const std::string& text) {
    out_.append(static_cast<size_t>(indent) * 1, ' ');
    out_ += text;
    out_ += '\n';
  }

  // A block of statements at `indent`; never empty. `ctx_` is the block's context while its
  // statements (and their expressions: `yield`) are generated.
  void block(int indent, Ctx ctx) {
    Ctx saved = ctx_;
    ctx_ = ctx;
    int n = 0;
    do {
      statement(indent, ctx);
    } while (more() && ++n < kMaxStatements && pick(4) != 0);
    ctx_ = saved;
  }

  std::string target() {
    switch (pick(6)) {
      case 0:
      case 1:
      case 2:
        return choose(kVars);
      case 3:
        return std::string(choose(kVars)) + "." + choose(kAttrs);
      case 4:
        return std::string(choose(kVars)) + "[" + expr(2) + "]";
      default:
        return std::string(choose(kVars)) + ", *" + choose(kVars);
    }
  }

  std::string params() {
    switch (pick(6)) {
      case 0:
        return "";
      case 1:
        return "a";
      case 2:
        return "a, b=" + expr(kMaxExprDepth - 1);
      case 3:
        return "*a, **b";
      case 4:
        return "a, /, b=1, *, c=" + expr(kMaxExprDepth - 1);
      default:
        return "a=[], *b, c";
    }
  }

  void function(int indent, Ctx ctx, const std::string& name, bool method) {
    bool is_async = pick(5) == 0;
    std::string ps = method ? (pick(3) == 0 ? "self" : "self, *args") : params();
    line(indent, (is_async ? "async def " : "def ") + name + "(" + ps + "):");
    Ctx inner;
    inner.in_func = true;
    inner.in_async = is_async;
    // Declarations first: after a use of the name they are a SyntaxError.
    switch (pick(4)) {
      case 0:
        if (ctx.in_func && ps.empty()) line(indent + 1, "nonlocal " + std::string(choose(kVars)));
        break;
      case 1:
        line(indent + 1, "global " + std::string(choose(kVars)));
        break;
      default:
        break;
    }
    block(indent + 1, inner);
  }

  void statement(int indent, Ctx ctx) {
    bool nest = indent < kMaxBlockDepth;
    switch (pick(nest ? 34 : 12)) {
      case 0:
        line(indent, target() + " = " + expr(0));
        return;
      case 1:
        line(indent, expr(0));
        return;
      case 2:
        line(indent, std::string(choose(kVars)) + " " + choose(kAugOps) + " " + expr(1));
        return;
      case 3:
        line(indent, "del " + std::string(choose(kVars)) +
                         (pick(2) ? "." + std::string(choose(kAttrs)) : "[" + expr(2) + "]"));
        return;
      case 4:
        if (ctx.in_func && !ctx.in_star) {
          line(indent, "return " + expr(1));
        } else {
          line(indent, "pass");
        }
        return;
      case 5:
        if (ctx.in_func && !ctx.in_async) {
          line(indent, (pick(3) == 0 ? "yield from " : "yield ") + expr(1));
        } else if (ctx.in_async) {
          line(indent, "await " + expr(1));
        } else {
          line(indent, std::string(choose(kVars)) + " = " + expr(0));
        }
        return;
      case 6:
        line(indent, "raise " + std::string(choose(kExcs)) + "(" + expr(2) + ")");
        return;
      case 7:
        if (ctx.in_loop) {
          line(indent, pick(2) ? "break" : "continue");
        } else {
          line(indent, "assert " + expr(1) + ", " + expr(2));
        }
        return;
      case 8:
        line(indent, std::string(choose(kVars)) + " = " + choose(kVars) + "." + choose(kMethods));
        return;
      case 9:
        line(indent, "raise");
        return;
      case 10:
        line(indent, std::string(choose(kVars)) + " = " + choose(kFuncs) + "(" + args() + ")");
        return;
      case 11:
        line(indent, std::string(choose(kVars)) + "." + choose(kMethods) + "(" + args() + ")");
        return;
      case 12:
      case 13: {
        line(indent, "if " + expr(1) + ":");
        block(indent + 1, ctx);
        if (pick(2)) {
          line(indent, "else:");
          block(indent + 1, ctx);
        }
        return;
      }
      case 14: {
        line(indent, "while " + expr(1) + ":");
        Ctx loop = ctx;
        loop.in_loop = true;
        block(indent + 1, loop);
        if (pick(3) == 0) {
          line(indent, "else:");
          block(indent + 1, ctx);
        }
        return;
      }
      case 15:
      case 16: {
        line(indent, std::string(ctx.in_async && pick(3) == 0 ? "async for " : "for ") + target() +
                         " in " + iterable() + ":");
        Ctx loop = ctx;
        loop.in_loop = true;
        block(indent + 1, loop);
        if (pick(3) == 0) {
          line(indent, "else:");
          block(indent + 1, ctx);
        }
        return;
      }
      case 17:
      case 18:
      case 19: {
        line(indent, "try:");
        block(indent + 1, ctx);
        bool star = pick(6) == 0;
        int handlers = static_cast<int>(pick(3));
        for (int i = 0; i < handlers; i++) {
          std::string as = pick(2) ? std::string(" as ") + choose(kVars) : "";
          if (star) {
            line(indent, std::string("except* ") + choose(kExcs) + as + ":");
          } else if (pick(4) == 0) {
            line(indent, "except:");
          } else {
            line(indent,
                 std::string("except (") + choose(kExcs) + ", " + choose(kExcs) + ")" + as + ":");
          }
          Ctx h = ctx;
          if (star) {  // break, continue and return may not leave an except* clause
            h.in_loop = false;
            h.in_star = true;
          }
          block(indent + 1, h);
        }
        if (handlers > 0 && pick(3) == 0) {
          line(indent, "else:");
          block(indent + 1, ctx);
        }
        if (handlers == 0 || pick(2)) {
          line(indent, "finally:");
          block(indent + 1, ctx);
        }
        return;
      }
      case 20:
      case 21:
        function(indent, ctx, choose(kFuncs), false);
        return;
      case 22:
      case 23: {
        std::string bases;
        switch (pick(5)) {
          case 0:
            break;
          case 1:
            bases = std::string("(") + choose(kClasses) + ")";
            break;
          case 2:
            bases = std::string("(") + choose(kExcs) + ")";
            break;
          case 3:
            bases = std::string("(") + choose(kBuiltins) + ")";
            break;
          default:
            bases = std::string("(") + choose(kVars) + ", " + choose(kClasses) + ")";
            break;
        }
        line(indent, std::string("class ") + choose(kClasses) + bases + ":");
        Ctx saved = ctx_;
        ctx_ = Ctx{};  // a class body: no return, yield or await in its statements
        int n = 0;
        do {
          switch (pick(4)) {
            case 0:
              line(indent + 1, std::string(choose(kAttrs)) + " = " + expr(1));
              break;
            case 1:
              function(indent + 1, ctx_, choose(kAttrs), true);
              break;
            default:
              function(indent + 1, ctx_, choose(kDunders), true);
              break;
          }
        } while (more() && ++n < 8 && pick(3) != 0);
        ctx_ = saved;
        return;
      }
      case 24: {
        std::string head = ctx.in_async && pick(3) == 0 ? "async with " : "with ";
        line(indent, head + expr(1) + (pick(2) ? std::string(" as ") + choose(kVars) : "") + ":");
        block(indent + 1, ctx);
        return;
      }
      case 25: {
        line(indent, "match " + expr(1) + ":");
        int n = 0;
        do {
          line(indent + 1, "case " + pattern(0) + (pick(3) == 0 ? " if " + expr(2) : "") + ":");
          block(indent + 2, ctx);
        } while (more() && ++n < 4 && pick(2) != 0);
        return;
      }
      case 26: {
        // A generator or coroutine, driven by hand.
        std::string v = choose(kVars);
        switch (pick(4)) {
          case 0:
            line(indent, v + " = " + choose(kFuncs) + "()");
            break;
          case 1:
            line(indent, v + ".send(" + expr(2) + ")");
            break;
          case 2:
            line(indent, v + ".throw(" + choose(kExcs) + ")");
            break;
          default:
            line(indent,
                 v + " = [" + v + " for " + v + " in " + choose(kFuncs) + "(" + args() + ")]");
            break;
        }
        return;
      }
      case 27:
        line(indent, std::string(choose(kClasses)) + "." + choose(kDunders) + " = " + expr(1));
        return;
      case 28:
        line(indent, std::string(choose(kVars)) + "[" + slice() + "] = " + expr(1));
        return;
      case 29:
        line(indent, "del " + std::string(choose(kVars)) + "[" + slice() + "]");
        return;
      case 30:
        line(indent, target() + " = " + target() + " = " + expr(1));
        return;
      case 31:
        line(indent, "import gc; gc.collect()");
        return;
      case 32:
        line(indent, std::string(choose(kVars)) + " = lambda " + params() + ": " + expr(1));
        return;
      default:
        line(indent, "pass");
        return;
    }
  }

  std::string pattern(int depth) {
    if (depth > 2) return "_";
    switch (pick(10)) {
      case 0:
        return "_";
      case 1:
        return choose(kPatternLiterals);
      case 2:
        return std::string("K.") + choose(kAttrs);  // a value pattern
      case 3:
        return choose(kVars);
      case 4:
        return "[" + pattern(depth + 1) + ", *" + choose(kVars) + "]";
      case 5:
        return "(" + pattern(depth + 1) + ", " + pattern(depth + 1) + ")";
      case 6:
        return "{" + std::string(choose(kPatternLiterals)) + ": " + pattern(depth + 1) + ", **" +
               choose(kVars) + "}";
      case 7:
        return std::string(choose(kClasses)) + "(" + pattern(depth + 1) + ", " + choose(kAttrs) +
               "=" + pattern(depth + 1) + ")";
      case 8:
        return pattern(depth + 1) + " | " + pattern(depth + 1);
      default:
        return std::string("int() as ") + choose(kVars);
    }
  }

  // Something to loop over: bounded without an instruction (the native loops of list(),
  // sorted()... over it stay short), or generated (then its own instructions count).
  std::string iterable() {
    switch (pick(6)) {
      case 0:
        return "range(" + std::to_string(pick(12)) + ")";
      case 1:
        return std::string(choose(kVars));
      case 2:
        return std::string(choose(kFuncs)) + "(" + args() + ")";
      case 3:
        return std::string(choose(kStrs));
      case 4:
        return "[" + expr(2) + ", " + expr(2) + "]";
      default:
        return expr(1);
    }
  }

  std::string slice() {
    std::string s;
    if (pick(2)) s += expr(3);
    s += ":";
    if (pick(2)) s += expr(3);
    if (pick(2)) s += ":" + expr(3);
    return s;
  }

  std::string args() {
    std::string s;
    int n = static_cast<int>(pick(4));
    for (int i = 0; i < n; i++) {
      if (i) s += ", ";
      switch (pick(8)) {
        case 0:
          s += "*" + expr(3);
          break;
        case 1:
          s += "**" + expr(3);
          break;
        case 2:
          s += std::string(choose(kAttrs)) + "=" + expr(3);
          break;
        default:
          s += expr(2);
          break;
      }
    }
    return s;
  }

  std::string expr(int depth) {
    if (depth >= kMaxExprDepth || !more()) return atom();
    int d = depth + 1;
    switch (pick(30)) {
      case 0:
      case 1:
      case 2:
        return atom();
      case 3:
      case 4:
        return "(" + expr(d) + choose(kBinOps) + expr(d) + ")";
      case 5:
        return "(" + expr(d) + " * " + choose(kInts) + ")";  // one side a literal: no squaring
      case 6:
        return "(" + std::string(choose(kInts)) + " ** " + std::to_string(pick(70)) + ")";
      case 7:
        return "(" + expr(d) + " << " + std::to_string(pick(70)) + ")";
      case 8:
        return std::string(pick(2) ? "-" : (pick(2) ? "~" : "not ")) + "(" + expr(d) + ")";
      case 9:
      case 10:
        return std::string(choose(kBuiltins)) + "(" + args() + ")";
      case 11:
        return expr(d) + "." + choose(kMethods) + "(" + args() + ")";
      case 12:
        return std::string(choose(kFuncs)) + "(" + args() + ")";
      case 13:
        return std::string(choose(kClasses)) + "(" + args() + ")";
      case 14:
        return expr(d) + "[" + expr(d) + "]";
      case 15:
        return expr(d) + "[" + slice() + "]";
      case 16:
        return expr(d) + "." + choose(kAttrs);
      case 17:
        return "[" + expr(d) + ", *" + expr(d) + "]";
      case 18:
        return "(" + expr(d) + ", " + expr(d) + ")";
      case 19:
        return "{" + expr(d) + ": " + expr(d) + ", **" + expr(d) + "}";
      case 20:
        return "{" + expr(d) + ", " + expr(d) + "}";
      case 21: {
        const char* v = choose(kVars);
        std::string body = expr(d);
        std::string source = iterable();
        std::string cond = pick(2) ? " if " + expr(d) : "";
        switch (pick(4)) {
          case 0:
            return "[" + body + " for " + v + " in " + source + cond + "]";
          case 1:
            return "{" + body + " for " + v + " in " + source + cond + "}";
          case 2:
            return "{" + std::string(v) + ": " + body + " for " + v + " in " + source + cond + "}";
          default:
            return "(" + body + " for " + v + " in " + source + cond + ")";
        }
      }
      case 22:
        return "(" + expr(d) + " if " + expr(d) + " else " + expr(d) + ")";
      case 23:
        return "(lambda " + params() + ": " + expr(d) + ")";
      case 24:
        return "(" + std::string(choose(kVars)) + " := " + expr(d) + ")";
      // f-strings: plain names inside (3.11 refuses quotes and backslashes in the replacement
      // fields, which the string atoms have).
      case 25:
        return std::string("f'{") + choose(kVars) + (pick(2) ? "!r" : "") + ":{" + choose(kVars) +
               "}}'";
      case 26:
        return std::string("f'{") + choose(kVars) + ":>" + std::to_string(pick(20)) + "}x{" +
               choose(kVars) + "." + choose(kAttrs) + "=}'";
      case 27:
        return "(" + expr(d) + " < " + expr(d) + " <= " + expr(d) + ")";
      case 28:
        if (ctx_.in_func && !ctx_.in_async) return "(yield " + expr(d) + ")";
        if (ctx_.in_async) return "(await " + expr(d) + ")";
        return atom();
      default:
        return std::string(choose(kVars));
    }
  }

  std::string atom() {
    switch (pick(12)) {
      case 0:
      case 1:
        return choose(kVars);
      case 2:
        return choose(kInts);
      case 3:
        return choose(kStrs);
      case 4:
        return choose(kFloats);
      case 5:
        return choose(kBytes);
      case 6:
        return choose(kFuncs);
      case 7:
        return choose(kClasses);
      case 8:
        return choose(kExcs);
      case 9:
        return pick(2) ? "None" : "...";
      case 10:
        return "[]";
      default:
        return pick(2) ? "{}" : "()";
    }
  }

  const uint8_t* data_;
  size_t size_;
  size_t pos_ = 0;
  std::string out_;
  Ctx ctx_;
};

bool g_print = false;

bool init() {
  std::string error;
  if (!rt::hash_secret_init("0", &error)) std::abort();
  vm::vm_init();
  lib::stdlib_init();
  g_print = std::getenv("MINIPY_FUZZ_VM_PRINT") != nullptr;
  // Exceptions in __del__ and in generators closed by the collector, and the warnings a program
  // provokes (a coroutine never awaited), would flood libFuzzer's output: both hooks drop them
  // (installed by stdlib_init; a warning is then ignored, never an error).
  rt::g_unraisable_hook = [](rt::Value, rt::Value, const char*) {};
  rt::g_warn_hook = [](rt::TypeObject*, std::string_view, int) { return true; };
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static bool ready = init();
  (void)ready;
  std::string source = Generator(data, size).program();
  if (g_print) std::fprintf(stderr, "---- program\n%s----\n", source.c_str());
  rt::Ref code = vm::compile_source(source, "<fuzz>", "exec");
  if (!code) {
    // The grammar can place `yield` or `await` where the compiler refuses them: a SyntaxError.
    rt::clear_exception();
    return 0;
  }
  fuzz::set_memory_budget(kMemoryBudget);
  rt::set_instruction_budget(kInstructionBudget);
  {
    rt::Ref globals = rt::dict_new();
    rt::Ref r = vm::run_code(code.get(), rt::as_dict(globals.get()), nullptr);
    if (!r) rt::clear_exception();
    rt::dict_clear(rt::as_dict(globals.get()));
  }
  // Still under the (exhausted or not) budgets: finalizers of the program's cycles run Python
  // code (__del__, generators' finally blocks).
  rt::gc_collect(2);
  rt::clear_exception();
  rt::set_instruction_budget(-1);
  fuzz::set_memory_budget(0);
  return 0;
}
