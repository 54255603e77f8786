// Pass 1 of the compiler: the symbol table. Walks the AST once, records every name each scope
// binds, uses or declares (global/nonlocal), then resolves each name to local, global (explicit
// or implicit), free or cell, in the manner of CPython's symtable.c. Pass 2 (vm/compiler*.cpp)
// asks this table which load/store opcode family a name uses and which cells a closure needs.
// Position in the pipeline: AST (parser/ast.h) -> [symtable] -> compiler -> CodeUnit.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "parser/ast.h"
#include "parser/syntax_error.h"

namespace minipy::vm {

enum class ScopeKind : uint8_t { Module, Class, Function, Lambda, Comprehension };

/// Where a name lives once analysis is done.
enum class NameScope : uint8_t {
  Unresolved,
  Local,           // fast local in a function; locals dict in module/class
  GlobalExplicit,  // declared `global`
  GlobalImplicit,  // not bound anywhere visible: globals, then builtins
  Free,            // bound in an enclosing function scope
  Cell,            // local here and captured by an inner scope
};

/// Flags recorded while walking (CPython's DEF_*).
enum SymFlags : uint32_t {
  kDefLocal = 1,       // assigned, imported, def/class name, for target...
  kDefParam = 2,
  kDefGlobal = 4,
  kDefNonlocal = 8,
  kUse = 16,
  kDefAnnot = 32,
  kDefFreeClass = 64,  // class scope: also passes a free variable of that name to its methods
  kDefCompIter = 128,  // comprehension iteration variable
};

struct Symbol {
  uint32_t flags = 0;
  NameScope scope = NameScope::Unresolved;
};

/// One scope: a module, class body, function, lambda or comprehension.
struct Scope {
  ScopeKind kind = ScopeKind::Module;
  std::string name;  // function/class name, "<lambda>", "<listcomp>"...
  ast::Loc loc;
  std::unordered_map<std::string, Symbol> symbols;
  std::vector<std::string> symbol_order;  // first-seen order (deterministic iteration)
  std::vector<std::string> params;        // parameter names in varnames order (mangled)
  std::vector<Scope*> children;
  Scope* parent = nullptr;
  bool is_generator = false;
  bool is_coroutine = false;          // async def, or an asynchronous comprehension (PEP 492/530)
  bool is_nested = false;             // inside a function-like scope
  bool has_free = false;              // uses free variables
  bool child_has_free = false;
  bool needs_class_closure = false;   // class body whose methods use __class__/super
  std::unordered_map<std::string, ast::Loc> directives;  // global/nonlocal statement positions

  bool is_function_like() const { return kind != ScopeKind::Module && kind != ScopeKind::Class; }
  /// Resolved scope of `name` (already mangled); GlobalImplicit for unknown names.
  NameScope scope_of(const std::string& name) const;
  uint32_t flags_of(const std::string& name) const;
  /// Names with the given resolved scope, sorted (as CPython orders co_cellvars/co_freevars).
  std::vector<std::string> sorted_names(NameScope which, uint32_t also_flag = 0) const;
};

/// The symbol table of one module: scopes keyed by the AST node that opens them.
class SymbolTable {
 public:
  /// Builds and analyses the table; returns the first error found, if any.
  static std::unique_ptr<SymbolTable> build(const ast::Module& module, const std::string& filename,
                                            std::optional<parse::SyntaxError>& error);

  Scope* top() const { return top_; }
  /// The scope opened by a FunctionDef/ClassDef statement or a Lambda/comprehension expression.
  Scope* lookup(const void* node) const;

 private:
  friend class SymtableBuilder;
  Scope* new_scope(const void* node, ScopeKind kind, std::string name, ast::Loc loc, Scope* parent);

  std::vector<std::unique_ptr<Scope>> scopes_;
  std::unordered_map<const void*, Scope*> by_node_;
  Scope* top_ = nullptr;
};

/// A compile-time error travelling up from deep inside either pass (caught by compile()).
struct CompileError {
  parse::SyntaxError error;
};
/// Builds a SyntaxError record at `loc` (offsets 1-based, as CPython's SyntaxError).
parse::SyntaxError syntax_error_at(const std::string& msg, const std::string& filename,
                                   const ast::Loc& loc);

/// CPython's private-name mangling: `__x` inside class `C` becomes `_C__x`.
std::string mangle(const std::string& private_name, const std::string& name);

}  // namespace minipy::vm
