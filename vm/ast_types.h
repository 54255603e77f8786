// The node classes of the `_ast` module: _ast.AST (a native base with a __dict__) and one class
// per entry of vm/ast_nodes.def, created as CPython creates them, with type(name, (base,), ns).
// Used by the `_ast` module (stdlib/native/_ast.cpp), by compile(..., PyCF_ONLY_AST)
// (vm/ast_to_object.cpp: parser tree -> objects) and by compile(tree) (vm/ast_from_object.cpp).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "runtime/object.h"
#include "runtime/type.h"

namespace minipy::vm {

/// compile() flags that concern the AST (the values of CPython's PyCF_* constants).
inline constexpr int kCfOnlyAst = 0x400;
inline constexpr int kCfTypeComments = 0x1000;
inline constexpr int kCfAllowTopLevelAwait = 0x2000;

/// Every node class, in the order of vm/ast_nodes.def: kName, kBinOp, ... (sums: kexpr, koperator).
enum class AstNode : uint16_t {
#define AST_SUM(name, attributes) k##name,
#define AST_CTOR(name, sum, fields) k##name,
#define AST_PRODUCT(name, fields, attributes) k##name,
#include "vm/ast_nodes.def"
#undef AST_SUM
#undef AST_CTOR
#undef AST_PRODUCT
  kCount
};

/// One field or attribute of a node class, from its `type name` entry in the table.
struct AstField {
  std::string type;               // "expr", "identifier", "int", ...
  rt::StrObject* name = nullptr;  // interned
  bool optional = false;          // `type?`
  bool sequence = false;          // `type*`
};

struct AstNodeInfo {
  enum Kind : uint8_t { kSum, kCtor, kProduct };
  const char* name;
  Kind kind;
  int base;  // index of the sum a constructor belongs to, -1 otherwise
  std::vector<AstField> fields;
  std::vector<AstField> attributes;  // of the sum (for a constructor) or the product
  rt::TypeObject* type = nullptr;    // the class (owned, lives for the process)
};

/// `_ast.AST`.
extern rt::TypeObject ast_base_type;

/// Creates the classes once (idempotent). False with an exception set on failure.
bool ast_types_init();
const AstNodeInfo& ast_node_info(AstNode n);
inline rt::TypeObject* ast_node_type(AstNode n) { return ast_node_info(n).type; }
/// The table entry of the sum or product named `type` in a field spec, or -1.
int ast_node_index(const std::string& name);

/// A new, empty instance of a node class (its __dict__ created).
rt::Ref ast_node_new(rt::TypeObject* type);
/// The instance parse() shares for a field-less kind (Load, Add, Eq, ...).
rt::Value ast_singleton(AstNode n);

}  // namespace minipy::vm
