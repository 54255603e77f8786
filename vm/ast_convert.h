// Conversions between the parser's tree (parser/ast.h) and `_ast` node objects (vm/ast_types.h):
// compile(source, ..., PyCF_ONLY_AST) returns ast_to_object(parse(source)), and compile(tree)
// checks and converts a tree built in Python back with ast_from_object before compiling it.
#pragma once

#include <memory>
#include <string_view>

#include "parser/ast.h"
#include "runtime/object.h"

namespace minipy::vm {

/// The node object of a parsed module for compile() mode "exec" (Module), "single"
/// (Interactive) or "eval" (Expression). Null with an exception set on failure.
rt::Ref ast_to_object(const ast::Module& m, std::string_view mode);

/// True when `v` is an instance of _ast.AST (compile() then takes it as a tree).
bool is_ast_object(rt::Value v);

/// The parser tree of a node object for compile() mode "exec", "eval" or "single", after
/// CPython's checks (TypeError/ValueError with its messages). Null with an exception set.
std::unique_ptr<ast::Module> ast_from_object(rt::Value tree, std::string_view mode);

}  // namespace minipy::vm
