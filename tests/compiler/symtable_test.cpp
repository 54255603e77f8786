// Symbol-table classification: local/global/free/cell, class scopes, comprehensions, __class__.
#include <gtest/gtest.h>

#include "parser/driver.h"
#include "vm/symtable.h"

namespace minipy::vm {
namespace {

struct Built {
  std::unique_ptr<ast::Module> module;
  std::unique_ptr<SymbolTable> table;
};

Built build(const std::string& src) {
  Built b;
  auto parsed = parse::parse(src, "<test>", parse::Mode::Exec);
  EXPECT_FALSE(parsed.error) << parsed.error->msg;
  b.module = std::move(parsed.module);
  std::optional<parse::SyntaxError> err;
  b.table = SymbolTable::build(*b.module, "<test>", err);
  EXPECT_FALSE(err) << err->msg;
  return b;
}

// Finds a scope by name (depth-first).
const Scope* find(const Scope* s, const std::string& name) {
  if (s->name == name) return s;
  for (const Scope* c : s->children) {
    if (const Scope* r = find(c, name)) return r;
  }
  return nullptr;
}

TEST(Symtable, ModuleNames) {
  auto b = build("x = 1\nprint(x)\n");
  const Scope* top = b.table->top();
  EXPECT_EQ(top->scope_of("x"), NameScope::Local);
  EXPECT_EQ(top->scope_of("print"), NameScope::GlobalImplicit);
}

TEST(Symtable, FunctionLocalsCellsAndFrees) {
  auto b = build(
      "g = 0\n"
      "def f(a):\n"
      "    b = a\n"
      "    def h():\n"
      "        return a + g + c\n"
      "    return h\n");
  const Scope* f = find(b.table->top(), "f");
  const Scope* h = find(b.table->top(), "h");
  ASSERT_TRUE(f && h);
  EXPECT_EQ(f->scope_of("a"), NameScope::Cell);
  EXPECT_EQ(f->scope_of("b"), NameScope::Local);
  EXPECT_EQ(f->scope_of("h"), NameScope::Local);
  EXPECT_EQ(h->scope_of("a"), NameScope::Free);
  EXPECT_EQ(h->scope_of("g"), NameScope::GlobalImplicit);
  EXPECT_EQ(h->scope_of("c"), NameScope::GlobalImplicit);
  EXPECT_TRUE(h->is_nested);
  EXPECT_TRUE(f->child_has_free);
}

TEST(Symtable, FreeVariablePassesThroughIntermediateScopes) {
  auto b = build("def f():\n    x = 1\n    def g():\n        def h():\n            return x\n        return h\n");
  EXPECT_EQ(find(b.table->top(), "f")->scope_of("x"), NameScope::Cell);
  EXPECT_EQ(find(b.table->top(), "g")->scope_of("x"), NameScope::Free);
  EXPECT_EQ(find(b.table->top(), "h")->scope_of("x"), NameScope::Free);
}

TEST(Symtable, GlobalAndNonlocal) {
  auto b = build(
      "def f():\n"
      "    global a\n"
      "    a = 1\n"
      "    n = 0\n"
      "    def g():\n"
      "        nonlocal n\n"
      "        n += 1\n"
      "        return a\n");
  const Scope* f = find(b.table->top(), "f");
  const Scope* g = find(b.table->top(), "g");
  EXPECT_EQ(f->scope_of("a"), NameScope::GlobalExplicit);
  EXPECT_EQ(f->scope_of("n"), NameScope::Cell);
  EXPECT_EQ(g->scope_of("n"), NameScope::Free);
  EXPECT_EQ(g->scope_of("a"), NameScope::GlobalImplicit);
}

TEST(Symtable, ClassScopeDoesNotLeakIntoMethods) {
  auto b = build("class C:\n    x = 1\n    def m(self):\n        return x\n");
  const Scope* c = find(b.table->top(), "C");
  const Scope* m = find(b.table->top(), "m");
  EXPECT_EQ(c->scope_of("x"), NameScope::Local);
  EXPECT_EQ(m->scope_of("x"), NameScope::GlobalImplicit);
  EXPECT_FALSE(c->needs_class_closure);
}

TEST(Symtable, SuperAndDunderClassCreateClassCell) {
  auto b = build(
      "class C:\n"
      "    def m(self):\n"
      "        return super().m()\n"
      "class D:\n"
      "    def m(self):\n"
      "        def inner():\n"
      "            return __class__\n"
      "        return inner\n");
  const Scope* c = find(b.table->top(), "C");
  EXPECT_TRUE(c->needs_class_closure);
  EXPECT_EQ(c->children[0]->scope_of("__class__"), NameScope::Free);
  const Scope* d = find(b.table->top(), "D");
  EXPECT_TRUE(d->needs_class_closure);
  EXPECT_EQ(find(b.table->top(), "inner")->scope_of("__class__"), NameScope::Free);
  EXPECT_EQ(d->children[0]->scope_of("__class__"), NameScope::Free);
}

TEST(Symtable, ComprehensionScopes) {
  auto b = build("def f(n):\n    return [i * n for i in range(n)]\n");
  const Scope* comp = find(b.table->top(), "<listcomp>");
  ASSERT_TRUE(comp);
  EXPECT_EQ(comp->kind, ScopeKind::Comprehension);
  EXPECT_EQ(comp->scope_of("i"), NameScope::Local);
  EXPECT_EQ(comp->scope_of(".0"), NameScope::Local);
  EXPECT_EQ(comp->scope_of("n"), NameScope::Free);
  // `range` and the outermost iterable are evaluated in f, not in the comprehension.
  EXPECT_EQ(comp->symbols.count("range"), 0u);
  EXPECT_EQ(find(b.table->top(), "f")->scope_of("n"), NameScope::Cell);
}

TEST(Symtable, GeneratorsAndLambdas) {
  auto b = build("def g():\n    yield 1\nh = lambda x: x\n");
  EXPECT_TRUE(find(b.table->top(), "g")->is_generator);
  const Scope* l = find(b.table->top(), "<lambda>");
  ASSERT_TRUE(l);
  EXPECT_EQ(l->scope_of("x"), NameScope::Local);
  EXPECT_EQ(l->params, (std::vector<std::string>{"x"}));
}

TEST(Symtable, Mangling) {
  EXPECT_EQ(mangle("C", "__x"), "_C__x");
  EXPECT_EQ(mangle("_C", "__x"), "_C__x");
  EXPECT_EQ(mangle("C", "__x__"), "__x__");
  EXPECT_EQ(mangle("C", "_x"), "_x");
  EXPECT_EQ(mangle("___", "__x"), "__x");
  EXPECT_EQ(mangle("", "__x"), "__x");
}

}  // namespace
}  // namespace minipy::vm
