// The `_ast` module: the node classes (vm/ast_types.h, from vm/ast_nodes.def) and the compile()
// flags that ask for them. CPython's ast.py does `from _ast import *` and adds the helpers
// (parse, dump, literal_eval, NodeVisitor, unparse, the deprecated Num/Str/... aliases).
#include "runtime/objects/dict.h"
#include "runtime/objects/str.h"
#include "vm/ast_types.h"

namespace minipy::lib {

using namespace rt;

bool init__ast(Value, DictObject* ns) {
  if (!vm::ast_types_init()) return false;
  dict_set_cstr(ns, "AST", Value(&vm::ast_base_type));
  for (size_t i = 0; i < static_cast<size_t>(vm::AstNode::kCount); i++) {
    const vm::AstNodeInfo& info = vm::ast_node_info(static_cast<vm::AstNode>(i));
    dict_set_cstr(ns, info.name, Value(info.type));
  }
  dict_set_cstr(ns, "PyCF_ONLY_AST", Value::from_small(vm::kCfOnlyAst));
  dict_set_cstr(ns, "PyCF_TYPE_COMMENTS", Value::from_small(vm::kCfTypeComments));
  dict_set_cstr(ns, "PyCF_ALLOW_TOP_LEVEL_AWAIT", Value::from_small(vm::kCfAllowTopLevelAwait));
  return true;
}

}  // namespace minipy::lib
