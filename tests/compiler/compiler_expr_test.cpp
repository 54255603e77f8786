// Golden instruction streams for expressions: operators, comparisons, boolean logic, calls,
// displays, subscripts, f-strings, comprehensions, lambdas, yield, walrus.
#include "tests/compiler/compiler_test_util.h"

namespace minipy::vm::testing {
namespace {

// The module body without the RESUME and the final `LOAD_CONST None; RETURN_VALUE`.
std::string body(const std::string& src) {
  std::string l = listing(*compile_ok(src));
  const std::string head = "RESUME\n";
  const std::string tail = "LOAD_CONST None\nRETURN_VALUE\n";
  if (l.rfind(head, 0) == 0) l = l.substr(head.size());
  if (l.size() >= tail.size() && l.compare(l.size() - tail.size(), tail.size(), tail) == 0)
    l = l.substr(0, l.size() - tail.size());
  return l;
}

TEST(CompilerExpr, ConstantsAndBinaryOps) {
  EXPECT_EQ(body("x = 1 + 2 * y\n"),
            "LOAD_CONST 1\nLOAD_CONST 2\nLOAD_NAME y\nBINARY_OP *\nBINARY_OP +\nSTORE_NAME x\n");
  EXPECT_EQ(body("x = a ** b // c\n"),
            "LOAD_NAME a\nLOAD_NAME b\nBINARY_OP **\nLOAD_NAME c\nBINARY_OP //\nSTORE_NAME x\n");
  EXPECT_EQ(body("x = a @ b | c ^ d & e << f >> g % h - i / j\n"),
            "LOAD_NAME a\nLOAD_NAME b\nBINARY_OP @\nLOAD_NAME c\nLOAD_NAME d\nLOAD_NAME e\nLOAD_NAME f\n"
            "BINARY_OP <<\nLOAD_NAME g\nLOAD_NAME h\nBINARY_OP %\nLOAD_NAME i\nLOAD_NAME j\nBINARY_OP /\n"
            "BINARY_OP -\nBINARY_OP >>\nBINARY_OP &\nBINARY_OP ^\nBINARY_OP |\nSTORE_NAME x\n");
}

TEST(CompilerExpr, UnaryOpsAndFolding) {
  EXPECT_EQ(body("x = -1\n"), "LOAD_CONST -1\nSTORE_NAME x\n");
  EXPECT_EQ(body("x = -y\n"), "LOAD_NAME y\nUNARY_NEGATIVE\nSTORE_NAME x\n");
  EXPECT_EQ(body("x = +y, ~y, not y\n"),
            "LOAD_NAME y\nUNARY_POSITIVE\nLOAD_NAME y\nUNARY_INVERT\nLOAD_NAME y\nUNARY_NOT\nBUILD_TUPLE 3\n"
            "STORE_NAME x\n");
  EXPECT_EQ(body("x = (1, 'a', (2.5, None))\n"), "LOAD_CONST (1, 'a', (2.5, None))\nSTORE_NAME x\n");
  EXPECT_EQ(body("x = 123456789012345678901234567890\n"),
            "LOAD_CONST 123456789012345678901234567890\nSTORE_NAME x\n");
}

TEST(CompilerExpr, ConstantsAreDeduplicated) {
  auto code = compile_ok("a = 1\nb = 1\nc = 1.0\nd = True\ne = 'x'\nf = 'x'\ng = (1, 2)\nh = (1, 2)\n");
  // 1, 1.0, True, 'x', (1, 2), None: 1 / 1.0 / True stay distinct.
  ASSERT_EQ(code->consts.size(), 6u);
}

TEST(CompilerExpr, Comparisons) {
  EXPECT_EQ(body("x = a < b\n"), "LOAD_NAME a\nLOAD_NAME b\nCOMPARE_OP <\nSTORE_NAME x\n");
  EXPECT_EQ(body("x = a is not b\n"), "LOAD_NAME a\nLOAD_NAME b\nIS_OP 1\nSTORE_NAME x\n");
  EXPECT_EQ(body("x = a not in b\n"), "LOAD_NAME a\nLOAD_NAME b\nCONTAINS_OP 1\nSTORE_NAME x\n");
  EXPECT_EQ(body("x = a in b\n"), "LOAD_NAME a\nLOAD_NAME b\nCONTAINS_OP 0\nSTORE_NAME x\n");
  EXPECT_EQ(body("x = a < b <= c\n"),
            "LOAD_NAME a\nLOAD_NAME b\nDUP_TOP\nROT_THREE\nCOMPARE_OP <\nJUMP_IF_FALSE_OR_POP 10\n"
            "LOAD_NAME c\nCOMPARE_OP <=\nJUMP_FORWARD 12\nROT_TWO\nPOP_TOP\nSTORE_NAME x\n");
}

TEST(CompilerExpr, BoolOps) {
  EXPECT_EQ(body("x = a and b or c\n"),
            "LOAD_NAME a\nJUMP_IF_FALSE_OR_POP 4\nLOAD_NAME b\nJUMP_IF_TRUE_OR_POP 6\nLOAD_NAME c\n"
            "STORE_NAME x\n");
  EXPECT_EQ(body("x = a if b else c\n"),
            "LOAD_NAME b\nPOP_JUMP_IF_FALSE 5\nLOAD_NAME a\nJUMP_FORWARD 6\nLOAD_NAME c\nSTORE_NAME x\n");
}

TEST(CompilerExpr, Calls) {
  EXPECT_EQ(body("f(a, b)\n"), "LOAD_NAME f\nLOAD_NAME a\nLOAD_NAME b\nCALL_FUNCTION 2\nPOP_TOP\n");
  EXPECT_EQ(body("f(a, k=1, j=2)\n"),
            "LOAD_NAME f\nLOAD_NAME a\nLOAD_CONST 1\nLOAD_CONST 2\nLOAD_CONST ('k', 'j')\nCALL_FUNCTION_KW 3\n"
            "POP_TOP\n");
  EXPECT_EQ(body("f(*a)\n"), "LOAD_NAME f\nBUILD_LIST 0\nLOAD_NAME a\nLIST_EXTEND 1\nLIST_TO_TUPLE\n"
                             "CALL_FUNCTION_EX 0\nPOP_TOP\n");
  EXPECT_EQ(body("f(x, *a, y, **k)\n"),
            "LOAD_NAME f\nLOAD_NAME x\nBUILD_LIST 1\nLOAD_NAME a\nLIST_EXTEND 1\nLOAD_NAME y\nLIST_APPEND 1\n"
            "LIST_TO_TUPLE\nBUILD_MAP 0\nLOAD_NAME k\nDICT_MERGE 1\nCALL_FUNCTION_EX 1\nPOP_TOP\n");
  EXPECT_EQ(body("f(a, z=1, **k)\n"),
            "LOAD_NAME f\nLOAD_NAME a\nBUILD_TUPLE 1\nLOAD_CONST 'z'\nLOAD_CONST 1\nBUILD_MAP 1\nLOAD_NAME k\n"
            "DICT_MERGE 1\nCALL_FUNCTION_EX 1\nPOP_TOP\n");
  EXPECT_EQ(body("f(**k, a=1, b=2)\n"),
            "LOAD_NAME f\nBUILD_TUPLE 0\nBUILD_MAP 0\nLOAD_NAME k\nDICT_MERGE 1\nLOAD_CONST 1\nLOAD_CONST 2\n"
            "LOAD_CONST ('a', 'b')\nBUILD_CONST_KEY_MAP 2\nDICT_MERGE 1\nCALL_FUNCTION_EX 1\nPOP_TOP\n");
}

TEST(CompilerExpr, MethodCalls) {
  EXPECT_EQ(body("o.m(1)\n"), "LOAD_NAME o\nLOAD_METHOD m\nLOAD_CONST 1\nCALL_METHOD 1\nPOP_TOP\n");
  EXPECT_EQ(body("o.m(1, k=2)\n"),
            "LOAD_NAME o\nLOAD_METHOD m\nLOAD_CONST 1\nLOAD_CONST 2\nLOAD_CONST ('k',)\nCALL_METHOD_KW 2\n"
            "POP_TOP\n");
  EXPECT_EQ(body("o.m(*a)\n"),
            "LOAD_NAME o\nLOAD_ATTR m\nBUILD_LIST 0\nLOAD_NAME a\nLIST_EXTEND 1\nLIST_TO_TUPLE\n"
            "CALL_FUNCTION_EX 0\nPOP_TOP\n");
  EXPECT_EQ(body("x = a.b.c\n"), "LOAD_NAME a\nLOAD_ATTR b\nLOAD_ATTR c\nSTORE_NAME x\n");
}

TEST(CompilerExpr, Displays) {
  EXPECT_EQ(body("x = [a, b]\n"), "LOAD_NAME a\nLOAD_NAME b\nBUILD_LIST 2\nSTORE_NAME x\n");
  EXPECT_EQ(body("x = (a, *b)\n"),
            "LOAD_NAME a\nBUILD_LIST 1\nLOAD_NAME b\nLIST_EXTEND 1\nLIST_TO_TUPLE\nSTORE_NAME x\n");
  EXPECT_EQ(body("x = {a, *b}\n"), "LOAD_NAME a\nBUILD_SET 1\nLOAD_NAME b\nSET_UPDATE 1\nSTORE_NAME x\n");
  EXPECT_EQ(body("x = {a: 1}\n"), "LOAD_NAME a\nLOAD_CONST 1\nBUILD_MAP 1\nSTORE_NAME x\n");
  EXPECT_EQ(body("x = {'a': 1, 'b': y}\n"),
            "LOAD_CONST 1\nLOAD_NAME y\nLOAD_CONST ('a', 'b')\nBUILD_CONST_KEY_MAP 2\nSTORE_NAME x\n");
  EXPECT_EQ(body("x = {a: 1, **m, b: 2}\n"),
            "LOAD_NAME a\nLOAD_CONST 1\nBUILD_MAP 1\nLOAD_NAME m\nDICT_UPDATE 1\nLOAD_NAME b\nLOAD_CONST 2\n"
            "BUILD_MAP 1\nDICT_UPDATE 1\nSTORE_NAME x\n");
  EXPECT_EQ(body("x = {}\n"), "BUILD_MAP 0\nSTORE_NAME x\n");
}

TEST(CompilerExpr, Subscripts) {
  EXPECT_EQ(body("x = a[i]\n"), "LOAD_NAME a\nLOAD_NAME i\nBINARY_SUBSCR\nSTORE_NAME x\n");
  EXPECT_EQ(body("x = a[1:]\n"),
            "LOAD_NAME a\nLOAD_CONST 1\nLOAD_CONST None\nBUILD_SLICE 2\nBINARY_SUBSCR\nSTORE_NAME x\n");
  EXPECT_EQ(body("x = a[::2]\n"),
            "LOAD_NAME a\nLOAD_CONST None\nLOAD_CONST None\nLOAD_CONST 2\nBUILD_SLICE 3\nBINARY_SUBSCR\n"
            "STORE_NAME x\n");
  EXPECT_EQ(body("a[i] = v\n"), "LOAD_NAME v\nLOAD_NAME a\nLOAD_NAME i\nSTORE_SUBSCR\n");
  EXPECT_EQ(body("del a[i:j]\n"), "LOAD_NAME a\nLOAD_NAME i\nLOAD_NAME j\nBUILD_SLICE 2\nDELETE_SUBSCR\n");
}

TEST(CompilerExpr, FStrings) {
  EXPECT_EQ(body("x = f''\n"), "LOAD_CONST ''\nSTORE_NAME x\n");
  EXPECT_EQ(body("x = f'{a}'\n"), "LOAD_NAME a\nFORMAT_VALUE 0\nSTORE_NAME x\n");
  EXPECT_EQ(body("x = f'a{b!r}c'\n"),
            "LOAD_CONST 'a'\nLOAD_NAME b\nFORMAT_VALUE repr\nLOAD_CONST 'c'\nBUILD_STRING 3\nSTORE_NAME x\n");
  EXPECT_EQ(body("x = f'{b:>{w}}'\n"),
            "LOAD_NAME b\nLOAD_CONST '>'\nLOAD_NAME w\nFORMAT_VALUE 0\nBUILD_STRING 2\nFORMAT_VALUE with format\n"
            "STORE_NAME x\n");
  EXPECT_EQ(body("x = f'{b!s:x}'\n"),
            "LOAD_NAME b\nLOAD_CONST 'x'\nFORMAT_VALUE str, with format\nSTORE_NAME x\n");
}

TEST(CompilerExpr, ListComprehension) {
  auto code = compile_ok("x = [y * 2 for y in z if y]\n");
  EXPECT_EQ(listing(*code),
            "RESUME\nLOAD_CONST <code object <listcomp>, file \"<test>\", line 1>\nMAKE_FUNCTION 0\n"
            "LOAD_NAME z\nGET_ITER\nCALL_FUNCTION 1\nSTORE_NAME x\nLOAD_CONST None\nRETURN_VALUE\n");
  auto comp = find_code(code, "<listcomp>");
  ASSERT_TRUE(comp);
  EXPECT_EQ(listing(*comp),
            "RESUME\nBUILD_LIST 0\nLOAD_FAST .0\nFOR_ITER 12\nSTORE_FAST y\nLOAD_FAST y\nPOP_JUMP_IF_FALSE 11\n"
            "LOAD_FAST y\nLOAD_CONST 2\nBINARY_OP *\nLIST_APPEND 2\nJUMP_BACKWARD 3\nRETURN_VALUE\n");
  EXPECT_EQ(comp->argcount, 1);
  EXPECT_EQ(comp->qualname, "<listcomp>");
  EXPECT_EQ(comp->varnames, (std::vector<std::string>{".0", "y"}));
}

TEST(CompilerExpr, NestedComprehensionsAndKinds) {
  auto code = compile_ok("x = {k: v for k in a for v in k}\ns = {i for i in a}\ng = (i for i in a)\n");
  EXPECT_EQ(listing_of(code, "<dictcomp>"),
            "RESUME\nBUILD_MAP 0\nLOAD_FAST .0\nFOR_ITER 14\nSTORE_FAST k\nLOAD_FAST k\nGET_ITER\nFOR_ITER 13\n"
            "STORE_FAST v\nLOAD_FAST k\nLOAD_FAST v\nMAP_ADD 3\nJUMP_BACKWARD 7\nJUMP_BACKWARD 3\nRETURN_VALUE\n");
  EXPECT_EQ(listing_of(code, "<setcomp>"),
            "RESUME\nBUILD_SET 0\nLOAD_FAST .0\nFOR_ITER 8\nSTORE_FAST i\nLOAD_FAST i\nSET_ADD 2\n"
            "JUMP_BACKWARD 3\nRETURN_VALUE\n");
  auto gen = find_code(code, "<genexpr>");
  ASSERT_TRUE(gen);
  EXPECT_EQ(listing(*gen),
            "RESUME\nLOAD_FAST .0\nFOR_ITER 8\nSTORE_FAST i\nLOAD_FAST i\nYIELD_VALUE\nPOP_TOP\nJUMP_BACKWARD 2\n"
            "LOAD_CONST None\nRETURN_VALUE\n");
  EXPECT_TRUE(gen->flags & kCoGenerator);
}

TEST(CompilerExpr, ComprehensionInFunctionCapturesAndQualname) {
  auto code = compile_ok("def f(n):\n    return [i + n for i in range(n)]\n");
  auto f = find_code(code, "f");
  auto comp = find_code(code, "<listcomp>");
  ASSERT_TRUE(f && comp);
  EXPECT_EQ(comp->qualname, "f.<locals>.<listcomp>");
  EXPECT_EQ(comp->freevars, (std::vector<std::string>{"n"}));
  EXPECT_EQ(f->cellvars, (std::vector<std::string>{"n"}));
  EXPECT_EQ(f->cell2arg, (std::vector<int>{0}));
  EXPECT_EQ(listing(*f),
            "RESUME\nLOAD_CLOSURE n\nBUILD_TUPLE 1\nLOAD_CONST <code object <listcomp>, file \"<test>\", line 2>\n"
            "MAKE_FUNCTION closure\nLOAD_GLOBAL range\nLOAD_DEREF n\nCALL_FUNCTION 1\nGET_ITER\nCALL_FUNCTION 1\n"
            "RETURN_VALUE\n");
}

TEST(CompilerExpr, WalrusInComprehensionBindsInFunction) {
  auto code = compile_ok("def f(a):\n    [last := x for x in a]\n    return last\n");
  auto f = find_code(code, "f");
  auto comp = find_code(code, "<listcomp>");
  EXPECT_EQ(f->cellvars, (std::vector<std::string>{"last"}));
  EXPECT_EQ(comp->freevars, (std::vector<std::string>{"last"}));
  EXPECT_NE(listing(*comp).find("LOAD_FAST x\nDUP_TOP\nSTORE_DEREF last\nLIST_APPEND 2\n"), std::string::npos)
      << listing(*comp);
  EXPECT_NE(listing(*f).find("LOAD_DEREF last\nRETURN_VALUE"), std::string::npos);
  // At module level the comprehension stores a global.
  auto m = compile_ok("[y := x for x in a]\n");
  EXPECT_NE(listing_of(m, "<listcomp>").find("STORE_GLOBAL y"), std::string::npos);
}

TEST(CompilerExpr, Lambda) {
  auto code = compile_ok("f = lambda a, b=1: a + b\n");
  EXPECT_EQ(listing(*code),
            "RESUME\nLOAD_CONST (1,)\nLOAD_CONST <code object <lambda>, file \"<test>\", line 1>\n"
            "MAKE_FUNCTION defaults\nSTORE_NAME f\nLOAD_CONST None\nRETURN_VALUE\n");
  EXPECT_EQ(listing_of(code, "<lambda>"), "RESUME\nLOAD_FAST a\nLOAD_FAST b\nBINARY_OP +\nRETURN_VALUE\n");
}

TEST(CompilerExpr, YieldAndYieldFrom) {
  auto code = compile_ok("def g(x):\n    y = yield x\n    yield\n    z = yield from y\n");
  auto g = find_code(code, "g");
  EXPECT_TRUE(g->flags & kCoGenerator);
  EXPECT_EQ(listing(*g),
            "RESUME\nLOAD_FAST x\nYIELD_VALUE\nSTORE_FAST y\nLOAD_CONST None\nYIELD_VALUE\nPOP_TOP\n"
            "LOAD_FAST y\nGET_YIELD_FROM_ITER\nLOAD_CONST None\nYIELD_FROM\nSTORE_FAST z\nLOAD_CONST None\n"
            "RETURN_VALUE\n");
}

TEST(CompilerExpr, NamedExprAtModuleLevel) {
  EXPECT_EQ(body("if (n := f()) > 1:\n    pass\n"),
            "LOAD_NAME f\nCALL_FUNCTION 0\nDUP_TOP\nSTORE_NAME n\nLOAD_CONST 1\nCOMPARE_OP >\n"
            "POP_JUMP_IF_FALSE 9\nNOP\n");  // the `pass`: its line's only instruction (as CPython)
}

TEST(CompilerExpr, EvalAndInteractiveModes) {
  EXPECT_EQ(listing(*compile_ok("a + 1", CompileMode::Eval)),
            "RESUME\nLOAD_NAME a\nLOAD_CONST 1\nBINARY_OP +\nRETURN_VALUE\n");
  EXPECT_EQ(listing(*compile_ok("a\n", CompileMode::Interactive)),
            "RESUME\nLOAD_NAME a\nPRINT_EXPR\nLOAD_CONST None\nRETURN_VALUE\n");
}

}  // namespace
}  // namespace minipy::vm::testing
