// Compile-time SyntaxErrors: CPython 3.11's messages and positions.
#include "tests/compiler/compiler_test_util.h"

namespace minipy::vm::testing {
namespace {

void expect_error(const std::string& src, const std::string& msg, int line, int offset) {
  auto e = compile_err(src);
  EXPECT_EQ(e.msg, msg) << src;
  EXPECT_EQ(e.lineno, line) << src;
  EXPECT_EQ(e.offset, offset) << src;
  EXPECT_EQ(e.type, "SyntaxError");
  EXPECT_EQ(e.filename, "<test>");
}

TEST(CompilerErrors, ReturnOutsideFunction) {
  expect_error("x = 1\nreturn x\n", "'return' outside function", 2, 1);
  expect_error("class C:\n    return 1\n", "'return' outside function", 2, 5);
}

TEST(CompilerErrors, BreakAndContinueOutsideLoop) {
  expect_error("if x:\n    break\n", "'break' outside loop", 2, 5);
  expect_error("continue\n", "'continue' not properly in loop", 1, 1);
  expect_error("for x in y:\n    def f():\n        break\n", "'break' outside loop", 3, 9);
}

TEST(CompilerErrors, YieldOutsideFunction) {
  expect_error("x = yield 1\n", "'yield' outside function", 1, 5);
  expect_error("class C:\n    yield\n", "'yield' outside function", 2, 5);
}

TEST(CompilerErrors, Nonlocal) {
  expect_error("def f():\n    nonlocal x\n", "no binding for nonlocal 'x' found", 2, 5);
  expect_error("nonlocal x\n", "nonlocal declaration not allowed at module level", 1, 1);
  expect_error("x = 1\ndef f():\n    nonlocal x\n", "no binding for nonlocal 'x' found", 3, 5);
}

TEST(CompilerErrors, GlobalDeclarations) {
  expect_error("def f():\n    print(x)\n    global x\n", "name 'x' is used prior to global declaration", 3, 5);
  expect_error("def f():\n    x = 1\n    global x\n", "name 'x' is assigned to before global declaration", 3, 5);
  expect_error("def f(x):\n    global x\n", "name 'x' is parameter and global", 2, 5);
  expect_error("def f():\n    x = 1\n    def g():\n        print(x)\n        nonlocal x\n",
               "name 'x' is used prior to nonlocal declaration", 5, 9);
}

// The parser rejects these too; build the AST by hand so the compiler's own checks are tested.
TEST(CompilerErrors, DuplicateArgument) {
  ast::Module m;
  auto f = ast::make<ast::FunctionDef>(ast::Loc{1, 0, 2, 8});
  f->name = "f";
  f->args.args.push_back(ast::Arg{"a", nullptr, ast::Loc{1, 6, 1, 7}});
  f->args.args.push_back(ast::Arg{"a", nullptr, ast::Loc{1, 9, 1, 10}});
  f->body.push_back(ast::make<ast::Pass>(ast::Loc{2, 4, 2, 8}));
  m.body.push_back(std::move(f));
  auto r = compile(m, "<test>", CompileMode::Exec);
  ASSERT_TRUE(r.error);
  EXPECT_EQ(r.error->msg, "duplicate argument 'a' in function definition");
  EXPECT_EQ(r.error->lineno, 1);
  EXPECT_EQ(r.error->offset, 10);
  EXPECT_FALSE(r.code);
}

TEST(CompilerErrors, RepeatedKeyword) {
  ast::Module m;
  auto call = ast::make<ast::Call>(ast::Loc{1, 0, 1, 11});
  auto fn = ast::make<ast::Name>(ast::Loc{1, 0, 1, 1});
  fn->id = "f";
  call->func = std::move(fn);
  for (int i = 0; i < 2; ++i) {
    auto v = ast::make<ast::Constant>(ast::Loc{1, 4 + 5 * i, 1, 5 + 5 * i});
    v->ckind = ast::Constant::Kind::Int;
    v->int_value = i;
    call->keywords.push_back(ast::Keyword{"a", std::move(v), ast::Loc{1, 2 + 5 * i, 1, 5 + 5 * i}});
  }
  auto stmt = ast::make<ast::ExprStmt>(ast::Loc{1, 0, 1, 11});
  stmt->value = std::move(call);
  m.body.push_back(std::move(stmt));
  auto r = compile(m, "<test>", CompileMode::Exec);
  ASSERT_TRUE(r.error);
  EXPECT_EQ(r.error->msg, "keyword argument repeated: a");
  EXPECT_EQ(r.error->offset, 8);
}

TEST(CompilerErrors, Miscellaneous) {
  expect_error("try:\n    pass\nexcept:\n    pass\nexcept E:\n    pass\n", "default 'except:' must be last", 3, 1);
  expect_error("def f():\n    from m import *\n", "import * only allowed at module level", 2, 5);
  expect_error("a, *b, *c = d\n", "multiple starred expressions in assignment", 1, 8);
  expect_error("class C:\n    [(y := x) for x in a]\n",
               "assignment expression within a comprehension cannot be used in a class body", 2, 7);
}

TEST(CompilerErrors, ErrorPositionIncludesEnd) {
  auto e = compile_err("def f():\n    pass\nreturn 42\n");
  EXPECT_EQ(e.lineno, 3);
  EXPECT_EQ(e.offset, 1);
  EXPECT_EQ(e.end_lineno, 3);
  EXPECT_EQ(e.end_offset, 10);
}

}  // namespace
}  // namespace minipy::vm::testing
