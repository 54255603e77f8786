// The bytecode compiler's public entry point: AST (parser/ast.h) -> CodeUnit (vm/code_unit.h).
// Pass 1 (vm/symtable.*) resolves every name's scope; pass 2 (vm/compiler*.cpp) emits
// instructions following the code-generation protocol the VM implements; vm/assembler.* resolves
// jumps and computes max stack depth. Compile-time errors come back as parse::SyntaxError records
// with CPython 3.11's messages and positions (the `text` field is left empty: the caller that has
// the source fills it in).
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "parser/ast.h"
#include "parser/syntax_error.h"
#include "vm/code_unit.h"

namespace minipy::vm {

/// Exec: a file or `exec()`; Interactive: one REPL input (expression statements print their
/// value with PRINT_EXPR); Eval: the body is a single expression whose value is returned.
enum class CompileMode { Exec, Interactive, Eval };

struct CompileResult {
  std::shared_ptr<CodeUnit> code;             // null when error is set
  std::optional<parse::SyntaxError> error;
};

/// Compiles a whole module. The AST is only read; it may be freed once this returns.
CompileResult compile(const ast::Module& module, const std::string& filename, CompileMode mode);

}  // namespace minipy::vm
