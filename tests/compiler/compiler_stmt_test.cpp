// Golden instruction streams for statements: assignment forms, control flow, functions, classes,
// exceptions, with, imports, and the unwinding done by return/break/continue.
#include "tests/compiler/compiler_test_util.h"

namespace minipy::vm::testing {
namespace {

std::string body(const std::string& src) {
  std::string l = listing(*compile_ok(src));
  const std::string head = "RESUME\n";
  const std::string tail = "LOAD_CONST None\nRETURN_VALUE\n";
  if (l.rfind(head, 0) == 0) l = l.substr(head.size());
  if (l.size() >= tail.size() && l.compare(l.size() - tail.size(), tail.size(), tail) == 0)
    l = l.substr(0, l.size() - tail.size());
  return l;
}

TEST(CompilerStmt, EmptyModule) {
  auto code = compile_ok("");
  EXPECT_EQ(listing(*code), "RESUME\nLOAD_CONST None\nRETURN_VALUE\n");
  EXPECT_EQ(code->name, "<module>");
  EXPECT_EQ(code->qualname, "<module>");
  EXPECT_EQ(code->flags, 0u);
}

TEST(CompilerStmt, DocstringsAndConstantsCompileToNothing) {
  // A leading string is the module docstring (stored in __doc__); later constants compile to nothing.
  EXPECT_EQ(body("'doc'\n42\n"), "LOAD_CONST 'doc'\nSTORE_NAME __doc__\n");
  EXPECT_EQ(body("42\n'not a docstring'\n"), "");
  EXPECT_EQ(body("f()\n"), "LOAD_NAME f\nCALL_FUNCTION 0\nPOP_TOP\n");
}

TEST(CompilerStmt, Assignments) {
  EXPECT_EQ(body("a = b = c\n"), "LOAD_NAME c\nDUP_TOP\nSTORE_NAME a\nSTORE_NAME b\n");
  EXPECT_EQ(body("a, b = c\n"), "LOAD_NAME c\nUNPACK_SEQUENCE 2\nSTORE_NAME a\nSTORE_NAME b\n");
  EXPECT_EQ(body("a, *b, c, d = e\n"),
            "LOAD_NAME e\nUNPACK_EX 513\nSTORE_NAME a\nSTORE_NAME b\nSTORE_NAME c\nSTORE_NAME d\n");
  EXPECT_EQ(body("[a, (b, c)] = d\n"),
            "LOAD_NAME d\nUNPACK_SEQUENCE 2\nSTORE_NAME a\nUNPACK_SEQUENCE 2\nSTORE_NAME b\nSTORE_NAME c\n");
  EXPECT_EQ(body("o.x = 1\n"), "LOAD_CONST 1\nLOAD_NAME o\nSTORE_ATTR x\n");
  // Module-level annotations go to __annotations__, after the assignment (CPython 3.11's order).
  EXPECT_EQ(body("x: int = 1\ny: int\n"),
            "SETUP_ANNOTATIONS\nLOAD_CONST 1\nSTORE_NAME x\nLOAD_NAME int\nLOAD_NAME __annotations__\n"
            "LOAD_CONST 'x'\nSTORE_SUBSCR\nLOAD_NAME int\nLOAD_NAME __annotations__\nLOAD_CONST 'y'\n"
            "STORE_SUBSCR\n");
}

TEST(CompilerStmt, AugmentedAssignments) {
  EXPECT_EQ(body("x += 1\n"), "LOAD_NAME x\nLOAD_CONST 1\nBINARY_OP +=\nSTORE_NAME x\n");
  EXPECT_EQ(body("o.a *= 2\n"),
            "LOAD_NAME o\nDUP_TOP\nLOAD_ATTR a\nLOAD_CONST 2\nBINARY_OP *=\nROT_TWO\nSTORE_ATTR a\n");
  EXPECT_EQ(body("a[i] -= 2\n"),
            "LOAD_NAME a\nLOAD_NAME i\nDUP_TOP_TWO\nBINARY_SUBSCR\nLOAD_CONST 2\nBINARY_OP -=\nROT_THREE\n"
            "STORE_SUBSCR\n");
}

TEST(CompilerStmt, Delete) {
  EXPECT_EQ(body("del a, o.b, c[1]\n"),
            "DELETE_NAME a\nLOAD_NAME o\nDELETE_ATTR b\nLOAD_NAME c\nLOAD_CONST 1\nDELETE_SUBSCR\n");
  auto code = compile_ok("def f(x):\n    del x\n");
  EXPECT_EQ(listing_of(code, "f"), "RESUME\nDELETE_FAST x\nLOAD_CONST None\nRETURN_VALUE\n");
}

TEST(CompilerStmt, IfElifElse) {
  EXPECT_EQ(body("if a:\n    f()\nelif b:\n    g()\nelse:\n    h()\n"),
                "LOAD_NAME a\nPOP_JUMP_IF_FALSE 7\nLOAD_NAME f\nCALL_FUNCTION 0\nPOP_TOP\nJUMP_FORWARD 16\n"
                "LOAD_NAME b\nPOP_JUMP_IF_FALSE 13\nLOAD_NAME g\nCALL_FUNCTION 0\nPOP_TOP\nJUMP_FORWARD 16\n"
                "LOAD_NAME h\nCALL_FUNCTION 0\nPOP_TOP\n");
  // `not` and comparisons in jump context.
  EXPECT_EQ(body("if not a < b:\n    f()\n"),
            "LOAD_NAME a\nLOAD_NAME b\nCOMPARE_OP <\nPOP_JUMP_IF_TRUE 8\nLOAD_NAME f\nCALL_FUNCTION 0\nPOP_TOP\n");
  EXPECT_EQ(body("if a < b < c:\n    f()\n"),
            "LOAD_NAME a\nLOAD_NAME b\nDUP_TOP\nROT_THREE\nCOMPARE_OP <\nPOP_JUMP_IF_FALSE 11\nLOAD_NAME c\n"
            "COMPARE_OP <\nPOP_JUMP_IF_FALSE 16\nJUMP_FORWARD 13\nPOP_TOP\nJUMP_FORWARD 16\nLOAD_NAME f\n"
            "CALL_FUNCTION 0\nPOP_TOP\n");
}

TEST(CompilerStmt, WhileLoops) {
  EXPECT_EQ(body("while a:\n    f()\nelse:\n    g()\n"),
            "LOAD_NAME a\nPOP_JUMP_IF_FALSE 7\nLOAD_NAME f\nCALL_FUNCTION 0\nPOP_TOP\nJUMP_BACKWARD 1\n"
            "LOAD_NAME g\nCALL_FUNCTION 0\nPOP_TOP\n");
  // `while True` needs no test; break jumps past the else.
  EXPECT_EQ(body("while True:\n    if a:\n        break\n    continue\n"),
            "LOAD_NAME a\nPOP_JUMP_IF_FALSE 4\nJUMP_FORWARD 5\nJUMP_BACKWARD 1\n");
}

TEST(CompilerStmt, ForLoops) {
  EXPECT_EQ(body("for x in y:\n    f(x)\nelse:\n    g()\n"),
            "LOAD_NAME y\nGET_ITER\nFOR_ITER 10\nSTORE_NAME x\nLOAD_NAME f\nLOAD_NAME x\nCALL_FUNCTION 1\n"
            "POP_TOP\nJUMP_BACKWARD 3\nLOAD_NAME g\nCALL_FUNCTION 0\nPOP_TOP\n");
  EXPECT_EQ(body("for x in y:\n    break\n"), "LOAD_NAME y\nGET_ITER\nFOR_ITER 6\nSTORE_NAME x\nPOP_TOP\n");
}

TEST(CompilerStmt, FunctionDefinition) {
  auto code = compile_ok("def f(a, /, b, c=1, *args, d, e=2, **kw):\n    x = a\n    return x\n");
  EXPECT_EQ(listing(*code),
            "RESUME\nLOAD_CONST (1,)\nLOAD_CONST 2\nLOAD_CONST ('e',)\nBUILD_CONST_KEY_MAP 1\n"
            "LOAD_CONST <code object f, file \"<test>\", line 1>\nMAKE_FUNCTION defaults, kwdefaults\n"
            "STORE_NAME f\nLOAD_CONST None\nRETURN_VALUE\n");
  auto f = find_code(code, "f");
  EXPECT_EQ(f->argcount, 3);
  EXPECT_EQ(f->posonlyargcount, 1);
  EXPECT_EQ(f->kwonlyargcount, 2);
  EXPECT_EQ(f->varnames, (std::vector<std::string>{"a", "b", "c", "d", "e", "args", "kw", "x"}));
  EXPECT_EQ(f->flags, uint32_t{kCoOptimized | kCoNewLocals | kCoVarargs | kCoVarkeywords});
  EXPECT_EQ(listing(*f), "RESUME\nLOAD_FAST a\nSTORE_FAST x\nLOAD_FAST x\nRETURN_VALUE\n");
  EXPECT_EQ(f->qualname, "f");
  EXPECT_EQ(f->first_line, 1);
}

TEST(CompilerStmt, Decorators) {
  auto code = compile_ok("@d1\n@d2(x)\ndef f():\n    pass\n");
  EXPECT_EQ(listing(*code),
            "RESUME\nLOAD_NAME d1\nLOAD_NAME d2\nLOAD_NAME x\nCALL_FUNCTION 1\n"
            "LOAD_CONST <code object f, file \"<test>\", line 1>\nMAKE_FUNCTION 0\nCALL_FUNCTION 1\n"
            "CALL_FUNCTION 1\nSTORE_NAME f\nLOAD_CONST None\nRETURN_VALUE\n");
}

TEST(CompilerStmt, ClosuresAndQualnames) {
  auto code = compile_ok(
      "def outer(a):\n"
      "    b = 1\n"
      "    def inner():\n"
      "        nonlocal b\n"
      "        b = a + b\n"
      "        return g\n"
      "    return inner\n");
  auto outer = find_code(code, "outer");
  auto inner = find_code(code, "inner");
  EXPECT_EQ(outer->cellvars, (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(outer->cell2arg, (std::vector<int>{0, -1}));
  EXPECT_EQ(inner->freevars, (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(inner->qualname, "outer.<locals>.inner");
  EXPECT_TRUE(inner->flags & kCoNested);
  EXPECT_FALSE(outer->flags & kCoNested);
  EXPECT_EQ(listing(*outer),
            "RESUME\nLOAD_CONST 1\nSTORE_DEREF b\nLOAD_CLOSURE a\nLOAD_CLOSURE b\nBUILD_TUPLE 2\n"
            "LOAD_CONST <code object inner, file \"<test>\", line 3>\nMAKE_FUNCTION closure\nSTORE_FAST inner\n"
            "LOAD_FAST inner\nRETURN_VALUE\n");
  EXPECT_EQ(listing(*inner),
            "RESUME\nLOAD_DEREF a\nLOAD_DEREF b\nBINARY_OP +\nSTORE_DEREF b\nLOAD_GLOBAL g\nRETURN_VALUE\n");
}

TEST(CompilerStmt, GlobalDeclarations) {
  auto code = compile_ok("def f():\n    global x\n    x = 1\n    return y\n");
  EXPECT_EQ(listing_of(code, "f"), "RESUME\nLOAD_CONST 1\nSTORE_GLOBAL x\nLOAD_GLOBAL y\nRETURN_VALUE\n");
}

TEST(CompilerStmt, ClassDefinition) {
  auto code = compile_ok("class C(B, metaclass=M):\n    x = 1\n    def m(self):\n        return x\n");
  EXPECT_EQ(listing(*code),
            "RESUME\nLOAD_BUILD_CLASS\nLOAD_CONST <code object C, file \"<test>\", line 1>\nMAKE_FUNCTION 0\n"
            "LOAD_CONST 'C'\nLOAD_NAME B\nLOAD_NAME M\nLOAD_CONST ('metaclass',)\nCALL_FUNCTION_KW 4\n"
            "STORE_NAME C\nLOAD_CONST None\nRETURN_VALUE\n");
  auto c = find_code(code, "C");
  EXPECT_EQ(c->flags, uint32_t{kCoClassBody});
  EXPECT_EQ(listing(*c),
            "RESUME\nLOAD_NAME __name__\nSTORE_NAME __module__\nLOAD_CONST 'C'\nSTORE_NAME __qualname__\n"
            "LOAD_CONST 1\nSTORE_NAME x\nLOAD_CONST <code object m, file \"<test>\", line 3>\nMAKE_FUNCTION 0\n"
            "STORE_NAME m\nLOAD_CONST None\nRETURN_VALUE\n");
  // Class-level names are not visible in methods: x is a global there.
  EXPECT_EQ(listing_of(code, "m"), "RESUME\nLOAD_GLOBAL x\nRETURN_VALUE\n");
  EXPECT_EQ(find_code(code, "m")->qualname, "C.m");
}

TEST(CompilerStmt, ClassCellForSuper) {
  auto code = compile_ok("class C:\n    def m(self):\n        return super().m()\n");
  auto c = find_code(code, "C");
  auto m = find_code(code, "m");
  EXPECT_EQ(c->cellvars, (std::vector<std::string>{"__class__"}));
  EXPECT_EQ(m->freevars, (std::vector<std::string>{"__class__"}));
  EXPECT_EQ(listing(*c),
            "RESUME\nLOAD_NAME __name__\nSTORE_NAME __module__\nLOAD_CONST 'C'\nSTORE_NAME __qualname__\n"
            "LOAD_CLOSURE __class__\nBUILD_TUPLE 1\nLOAD_CONST <code object m, file \"<test>\", line 2>\n"
            "MAKE_FUNCTION closure\nSTORE_NAME m\nLOAD_CLOSURE __class__\nDUP_TOP\nSTORE_NAME __classcell__\n"
            "RETURN_VALUE\n");
}

TEST(CompilerStmt, ClassStarBasesAndNested) {
  auto code = compile_ok("def f():\n    class D(*bs, **kw):\n        pass\n    return D\n");
  EXPECT_EQ(listing_of(code, "f"),
            "RESUME\nLOAD_BUILD_CLASS\nLOAD_CONST <code object D, file \"<test>\", line 2>\nMAKE_FUNCTION 0\n"
            "LOAD_CONST 'D'\nBUILD_LIST 2\nLOAD_GLOBAL bs\nLIST_EXTEND 1\nLIST_TO_TUPLE\nBUILD_MAP 0\n"
            "LOAD_GLOBAL kw\nDICT_MERGE 1\nCALL_FUNCTION_EX 1\nSTORE_FAST D\nLOAD_FAST D\nRETURN_VALUE\n");
  EXPECT_EQ(find_code(code, "D")->qualname, "f.<locals>.D");
}

TEST(CompilerStmt, ClassBodyFreeVariableUsesClassDeref) {
  auto code = compile_ok("def f(x):\n    class C:\n        y = x\n    return C\n");
  auto c = find_code(code, "C");
  EXPECT_EQ(c->freevars, (std::vector<std::string>{"x"}));
  EXPECT_NE(listing(*c).find("LOAD_CLASSDEREF x\nSTORE_NAME y\n"), std::string::npos) << listing(*c);
  // A class-local name that a method also reads from the enclosing function: the class stores
  // it with STORE_NAME but still passes the function's cell on to the method.
  code = compile_ok("def f(x):\n    class C:\n        x = 2\n        def m(self):\n            return x\n    return C\n");
  c = find_code(code, "C");
  EXPECT_EQ(c->freevars, (std::vector<std::string>{"x"}));
  EXPECT_NE(listing(*c).find("LOAD_CONST 2\nSTORE_NAME x\nLOAD_CLOSURE x\n"), std::string::npos) << listing(*c);
  EXPECT_EQ(listing_of(code, "m"), "RESUME\nLOAD_DEREF x\nRETURN_VALUE\n");
}

TEST(CompilerStmt, PrivateNameMangling) {
  auto code = compile_ok("class C:\n    __a = 1\n    def __m(self, __p):\n        return self.__b + __p\n");
  auto c = find_code(code, "C");
  EXPECT_NE(listing(*c).find("STORE_NAME _C__a"), std::string::npos);
  EXPECT_NE(listing(*c).find("STORE_NAME _C__m"), std::string::npos);
  auto m = find_code(code, "__m");
  ASSERT_TRUE(m);
  EXPECT_EQ(m->qualname, "C.__m");
  EXPECT_EQ(listing(*m), "RESUME\nLOAD_FAST self\nLOAD_ATTR _C__b\nLOAD_FAST _C__p\nBINARY_OP +\nRETURN_VALUE\n");
}

TEST(CompilerStmt, TryExcept) {
  EXPECT_EQ(body("try:\n    f()\nexcept E:\n    g()\nexcept:\n    h()\nelse:\n    k()\n"),
                "SETUP_FINALLY 7\nLOAD_NAME f\nCALL_FUNCTION 0\nPOP_TOP\nPOP_BLOCK\nJUMP_FORWARD 22\n"
                "DUP_TOP\nLOAD_NAME E\nJUMP_IF_NOT_EXC_MATCH 16\nPOP_TOP\nLOAD_NAME g\nCALL_FUNCTION 0\nPOP_TOP\n"
                "POP_EXCEPT\nJUMP_FORWARD 25\nPOP_TOP\nLOAD_NAME h\nCALL_FUNCTION 0\nPOP_TOP\nPOP_EXCEPT\n"
                "JUMP_FORWARD 25\nLOAD_NAME k\nCALL_FUNCTION 0\nPOP_TOP\n");
}

TEST(CompilerStmt, TryExceptAsName) {
  EXPECT_EQ(body("try:\n    f()\nexcept E as e:\n    g(e)\n"),
            "SETUP_FINALLY 7\nLOAD_NAME f\nCALL_FUNCTION 0\nPOP_TOP\nPOP_BLOCK\nJUMP_FORWARD 27\n"
            "DUP_TOP\nLOAD_NAME E\nJUMP_IF_NOT_EXC_MATCH 26\nSTORE_NAME e\nSETUP_FINALLY 22\nLOAD_NAME g\n"
            "LOAD_NAME e\nCALL_FUNCTION 1\nPOP_TOP\nPOP_BLOCK\nPOP_EXCEPT\nLOAD_CONST None\nSTORE_NAME e\n"
            "DELETE_NAME e\nJUMP_FORWARD 27\nLOAD_CONST None\nSTORE_NAME e\nDELETE_NAME e\nRERAISE\nRERAISE\n");
}

TEST(CompilerStmt, TryFinally) {
  EXPECT_EQ(body("try:\n    f()\nfinally:\n    g()\n"),
                "SETUP_FINALLY 10\nLOAD_NAME f\nCALL_FUNCTION 0\nPOP_TOP\nPOP_BLOCK\nLOAD_NAME g\nCALL_FUNCTION 0\n"
                "POP_TOP\nJUMP_FORWARD 14\nLOAD_NAME g\nCALL_FUNCTION 0\nPOP_TOP\nRERAISE\n");
}

TEST(CompilerStmt, ReturnThroughFinallyAndWith) {
  auto code = compile_ok(
      "def f():\n"
      "    for x in y:\n"
      "        try:\n"
      "            with m:\n"
      "                return g()\n"
      "        finally:\n"
      "            h()\n");
  EXPECT_EQ(listing_of(code, "f"),
            "RESUME\nLOAD_GLOBAL y\nGET_ITER\nFOR_ITER 41\nSTORE_FAST x\nSETUP_FINALLY 36\nLOAD_GLOBAL m\n"
            "SETUP_WITH 25\nPOP_TOP\nLOAD_GLOBAL g\nCALL_FUNCTION 0\n"
            // return: unwind the with (exit called with the value kept), the finally (run inline
            // with the value saved), then the for loop's iterator.
            "POP_BLOCK\nROT_TWO\nLOAD_CONST None\nDUP_TOP\nDUP_TOP\nCALL_FUNCTION 3\nPOP_TOP\n"
            "POP_BLOCK\nLOAD_GLOBAL h\nCALL_FUNCTION 0\nPOP_TOP\nROT_TWO\nPOP_TOP\nRETURN_VALUE\n"
            // with handler
            "WITH_EXCEPT_START\nPOP_JUMP_IF_TRUE 28\nRERAISE\nPOP_TOP\nPOP_EXCEPT\nPOP_TOP\n"
            // normal exit of the try (after with) runs the finally
            "POP_BLOCK\nLOAD_GLOBAL h\nCALL_FUNCTION 0\nPOP_TOP\nJUMP_FORWARD 40\n"
            "LOAD_GLOBAL h\nCALL_FUNCTION 0\nPOP_TOP\nRERAISE\nJUMP_BACKWARD 3\n"
            "LOAD_CONST None\nRETURN_VALUE\n");
}

TEST(CompilerStmt, BreakAndReturnInsideHandlersAndFinally) {
  auto code = compile_ok(
      "def f():\n"
      "    while 1:\n"
      "        try:\n"
      "            g()\n"
      "        except E as e:\n"
      "            break\n"
      "        finally:\n"
      "            return 1\n");
  auto f = find_code(code, "f");
  ASSERT_TRUE(f);
  const std::string l = listing(*f);
  // break inside `except E as e` (inside try/finally): clean up the handler, then run the
  // finally body inline, whose `return 1` returns.
  EXPECT_NE(l.find("POP_BLOCK\nPOP_EXCEPT\nLOAD_CONST None\nSTORE_FAST e\nDELETE_FAST e\nPOP_BLOCK\n"
                   "LOAD_CONST 1\nRETURN_VALUE\n"),
            std::string::npos)
      << l;
  // The exception path of the finally: return drops the pending exception first.
  EXPECT_NE(l.find("POP_TOP\nPOP_EXCEPT\nLOAD_CONST 1\nRETURN_VALUE\n"), std::string::npos) << l;
}

TEST(CompilerStmt, WithStatement) {
  EXPECT_EQ(body("with a as (x, y):\n    f()\n"),
                "LOAD_NAME a\nSETUP_WITH 16\nUNPACK_SEQUENCE 2\nSTORE_NAME x\nSTORE_NAME y\nLOAD_NAME f\n"
                "CALL_FUNCTION 0\nPOP_TOP\nPOP_BLOCK\nLOAD_CONST None\nDUP_TOP\nDUP_TOP\nCALL_FUNCTION 3\nPOP_TOP\n"
                "JUMP_FORWARD 22\nWITH_EXCEPT_START\nPOP_JUMP_IF_TRUE 19\nRERAISE\nPOP_TOP\nPOP_EXCEPT\nPOP_TOP\n");
}

TEST(CompilerStmt, RaiseAndAssert) {
  EXPECT_EQ(body("raise\n"), "RAISE_VARARGS 0\n");
  EXPECT_EQ(body("raise E from c\n"), "LOAD_NAME E\nLOAD_NAME c\nRAISE_VARARGS 2\n");
  EXPECT_EQ(body("assert x, 'm'\n"),
            "LOAD_NAME x\nPOP_JUMP_IF_TRUE 7\nLOAD_ASSERTION_ERROR\nLOAD_CONST 'm'\nCALL_FUNCTION 1\n"
            "RAISE_VARARGS 1\n");
  EXPECT_EQ(body("assert x\n"), "LOAD_NAME x\nPOP_JUMP_IF_TRUE 5\nLOAD_ASSERTION_ERROR\nRAISE_VARARGS 1\n");
}

TEST(CompilerStmt, Imports) {
  EXPECT_EQ(body("import a.b.c\n"), "LOAD_CONST 0\nLOAD_CONST None\nIMPORT_NAME a.b.c\nSTORE_NAME a\n");
  EXPECT_EQ(body("import a.b as c\n"),
            "LOAD_CONST 0\nLOAD_CONST None\nIMPORT_NAME a.b\nIMPORT_FROM b\nROT_TWO\nPOP_TOP\nSTORE_NAME c\n");
  EXPECT_EQ(body("import os as o\n"), "LOAD_CONST 0\nLOAD_CONST None\nIMPORT_NAME os\nSTORE_NAME o\n");
  EXPECT_EQ(body("from m import x as y, z\n"),
            "LOAD_CONST 0\nLOAD_CONST ('x', 'z')\nIMPORT_NAME m\nIMPORT_FROM x\nSTORE_NAME y\nIMPORT_FROM z\n"
            "STORE_NAME z\nPOP_TOP\n");
  EXPECT_EQ(body("from .. import x\n"),
            "LOAD_CONST 2\nLOAD_CONST ('x',)\nIMPORT_NAME 0\nIMPORT_FROM x\nSTORE_NAME x\nPOP_TOP\n");
  EXPECT_EQ(body("from m import *\n"), "LOAD_CONST 0\nLOAD_CONST ('*',)\nIMPORT_NAME m\nIMPORT_STAR\n");
}

TEST(CompilerStmt, PositionsFollowTheAst) {
  auto code = compile_ok("x = 1\n\ny = f(\n  x)\n");
  // RESUME, LOAD_CONST 1, STORE_NAME x, LOAD_NAME f, LOAD_NAME x, CALL_FUNCTION 1, STORE_NAME y...
  ASSERT_GE(code->positions.size(), 7u);
  EXPECT_EQ(code->positions[1].line, 1);
  EXPECT_EQ(code->positions[2].line, 1);
  EXPECT_EQ(code->positions[3].line, 3);
  EXPECT_EQ(code->positions[4].line, 4);
  EXPECT_EQ(code->positions[5].line, 3);      // the call spans the Call node: lines 3-4
  EXPECT_EQ(code->positions[5].end_line, 4);
  EXPECT_EQ(code->positions[5].col, 4);
  EXPECT_EQ(code->positions.size(), code->code.size());
}

TEST(CompilerStmt, MaxStackDepth) {
  EXPECT_EQ(compile_ok("x = 1\n")->max_stack, 1);
  EXPECT_EQ(compile_ok("x = a + b * c\n")->max_stack, 3);
  EXPECT_EQ(compile_ok("f(a, b, c, d)\n")->max_stack, 5);
  // with: [exit enter] then exit(None, None, None) -> 4; the handler sees [exit exc result].
  EXPECT_EQ(compile_ok("with a:\n    pass\n")->max_stack, 4);
  // for + try/except: iterator + exc + dup + type.
  EXPECT_EQ(compile_ok("for x in y:\n    try:\n        pass\n    except E:\n        pass\n")->max_stack, 4);
}

TEST(CompilerStmt, DisassemblerFormat) {
  auto code = compile_ok("def f(a):\n    return a\n");
  const std::string text = disassemble(*code);
  EXPECT_NE(text.find("LOAD_CONST                   0 (<code object f, file \"<test>\", line 1>)"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("Disassembly of <code object f, file \"<test>\", line 1>:"), std::string::npos) << text;
  EXPECT_NE(text.find("   2         1 LOAD_FAST                    0 (a)"), std::string::npos) << text;
  EXPECT_EQ(disassemble(*code, false).find("Disassembly of"), std::string::npos);
}

}  // namespace
}  // namespace minipy::vm::testing
