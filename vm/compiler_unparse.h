// Expression AST -> source text in CPython 3.11's form (ast.unparse / PEP 563 annotations).
#pragma once

#include <string>

#include "parser/ast.h"

namespace minipy::vm {

/// The text CPython stores for an annotation under `from __future__ import annotations`.
std::string unparse_annotation(const ast::Expr& e);

}  // namespace minipy::vm
