// Intermediate values the grammar (grammar.yy) passes between rules before they become AST
// nodes: comma-separated sequences, call argument lists, parameter items and string pieces.
// Internal to parser/.
#pragma once

#include <string>
#include <vector>

#include "lexer/source.h"
#include "parser/ast.h"

namespace minipy::parse {

/// `a, b, *c` or `x for x in y`: elements, whether a comma made it a tuple, comprehension clauses.
struct Seq {
  ast::ExprList elts;
  bool comma = false;
  std::vector<ast::Comprehension> gens;
};

/// The arguments of a call or class header.
struct CallArgs {
  ast::ExprList args;
  std::vector<ast::Keyword> keywords;
  int count = 0;               // arguments seen, of any kind
  bool has_bare_genexp = false;  // `f(x for x in y)` form
  ast::Loc genexp_loc;
};

/// One comma-separated item of a parameter list, ordered and checked by build_arguments().
struct ParamItem {
  enum Kind { Plain, Star, StarStar, Slash } kind = Plain;
  bool has_arg = false;  // false for a bare `*` or `/`
  ast::Arg arg;
  ast::ExprPtr def;
  ast::Loc loc;
};

/// One string literal token; adjacent ones are concatenated by the driver.
struct StrTok {
  std::string value;
  uint8_t flags = 0;
  int body_line = 0, body_col = 0;
  lex::SourceLoc loc;
};

/// The sub-patterns of a class pattern `Cls(p1, p2, kw=p3)`.
struct ClassArgs {
  ast::PatternList positional;
  std::vector<std::string> kwd_attrs;
  ast::PatternList kwd_patterns;
};

/// The `key: pattern` items of a mapping pattern.
struct MapItems {
  ast::ExprList keys;
  ast::PatternList patterns;
};

struct ImportNames {
  std::vector<ast::Alias> names;
};

}  // namespace minipy::parse
