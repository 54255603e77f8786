// The instruction budget (runtime/state/eval_breaker.h, used by the VM fuzz target): a program
// that never ends by itself ends with RuntimeError once its budget is spent, even when it catches
// that error in a loop, and a program within its budget runs exactly as without one.
#include <gtest/gtest.h>

#include <cstdlib>
#include <string>

#include "runtime/errors.h"
#include "runtime/gc/collector.h"
#include "runtime/hash.h"
#include "runtime/objects/dict.h"
#include "runtime/objects/int.h"
#include "runtime/objects/str.h"
#include "runtime/ops.h"
#include "runtime/state/eval_breaker.h"
#include "stdlib/registry.h"
#include "vm/interpreter.h"

namespace minipy::vm {
namespace {

void init_once() {
  static bool done = [] {
    std::string error;
    if (!rt::hash_secret_init("0", &error)) std::abort();
    vm_init();
    lib::stdlib_init();
    return true;
  }();
  (void)done;
}

// Runs `source` in fresh globals under `budget` (-1: none); returns the globals, the result
// status in *ok and the pending exception's text in *error.
rt::Ref run(const char* source, int64_t budget, bool* ok, std::string* error) {
  init_once();
  rt::Ref code = compile_source(source, "<budget>", "exec");
  EXPECT_TRUE(code);
  rt::Ref globals = rt::dict_new();
  rt::set_instruction_budget(budget);
  rt::Ref r = run_code(code.get(), rt::as_dict(globals.get()), nullptr);
  rt::set_instruction_budget(-1);
  *ok = static_cast<bool>(r);
  error->clear();
  if (!r) {
    rt::Ref exc = rt::take_exception();
    rt::Ref text = rt::to_str(exc.get());
    *error = rt::type_name(exc.get()) + ": " +
             (text ? std::string(rt::as_str(text.get())->view()) : "?");
  }
  return globals;
}

// A run whose program defines a function leaves a cycle (the globals hold the function, whose
// __globals__ are they): each test ends with a collection, as the interpreter ends with its final
// one, so that LeakSanitizer (asan preset) sees no garbage left over.
class InstructionBudget : public ::testing::Test {
 protected:
  void TearDown() override { rt::gc_collect(2); }
};

int64_t global_int(const rt::Ref& globals, const char* name) {
  rt::Value v = rt::dict_get_cstr(rt::as_dict(globals.get()), name);
  EXPECT_TRUE(v);
  int64_t n = -1;
  if (v) {
    EXPECT_TRUE(rt::int_to_int64(v, &n));
  }
  return n;
}

TEST_F(InstructionBudget, EndsAnEndlessLoop) {
  bool ok;
  std::string error;
  rt::Ref g = run("n = 0\nwhile True:\n    n += 1\n", 10000, &ok, &error);
  EXPECT_FALSE(ok);
  EXPECT_EQ(error, "RuntimeError: instruction budget exhausted");
  EXPECT_GT(global_int(g, "n"), 100);
  EXPECT_LT(global_int(g, "n"), 10000);
}

TEST_F(InstructionBudget, CatchingTheErrorDoesNotGoOn) {
  // Every instruction after the budget raises, the handlers' own included: the loops that catch
  // it cannot make a step, and the finally blocks cannot run code either.
  const char* source =
      "n = 0\n"
      "def f():\n"
      "    try:\n"
      "        return f()\n"
      "    except BaseException:\n"
      "        return f()\n"
      "while True:\n"
      "    try:\n"
      "        while True:\n"
      "            n += 1\n"
      "    except BaseException:\n"
      "        try:\n"
      "            f()\n"
      "        finally:\n"
      "            while True: n += 1\n";
  bool ok;
  std::string error;
  rt::Ref g = run(source, 5000, &ok, &error);
  EXPECT_FALSE(ok);
  EXPECT_EQ(error, "RuntimeError: instruction budget exhausted");
  EXPECT_LT(global_int(g, "n"), 5000);
}

TEST_F(InstructionBudget, WithinTheBudgetNothingChanges) {
  bool ok;
  std::string error;
  rt::Ref g = run("n = sum(i * i for i in range(100))\n", 100000, &ok, &error);
  EXPECT_TRUE(ok) << error;
  EXPECT_EQ(global_int(g, "n"), 328350);
  // Off again: the same loop as the first test, bounded, runs past any budget.
  g = run("n = 0\nwhile n < 50000:\n    n += 1\n", -1, &ok, &error);
  EXPECT_TRUE(ok) << error;
  EXPECT_EQ(global_int(g, "n"), 50000);
}

}  // namespace
}  // namespace minipy::vm
