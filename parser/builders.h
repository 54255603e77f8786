// Small AST-building helpers for the grammar actions (tokens -> AST): location arithmetic,
// operator nodes that flatten chains the way CPython does, and literal constants.
#pragma once

#include <string>

#include "lexer/source.h"
#include "parser/ast.h"

namespace minipy::parse {

inline ast::Loc L(const lex::SourceLoc& l) { return {l.line, l.col, l.end_line, l.end_col}; }
inline ast::Loc span(const lex::SourceLoc& a, const lex::SourceLoc& b) {
  return {a.line, a.col, b.end_line, b.end_col};
}
inline ast::Loc span(const lex::SourceLoc& a, const ast::Loc& b) {
  return {a.line, a.col, b.end_line, b.end_col};
}
inline ast::Loc span(const ast::Loc& a, const ast::Loc& b) {
  return {a.line, a.col, b.end_line, b.end_col};
}
/// The location of the last statement of a (non-empty) block.
/// The end of a block: its last statement's, or the ';' after it.
inline ast::Loc end_of(const ast::StmtList& body) {
  ast::Loc l = body.back()->loc;
  if (body.back()->semi_end_line != 0) {
    l.end_line = body.back()->semi_end_line;
    l.end_col = body.back()->semi_end_col;
  }
  return l;
}

/// `with (a, b):` holds two context managers, not a tuple (CPython 3.9+): a lone item without
/// `as` that is a parenthesized tuple starting right after `with` (`items_loc`), whose elements
/// are plain expressions, becomes one item per element.
void split_parenthesized_with_items(std::vector<ast::WithItem>& items, const ast::Loc& items_loc);

ast::ExprPtr bool_op(ast::BoolOpKind op, ast::ExprPtr l, ast::ExprPtr r, ast::Loc loc);
ast::ExprPtr compare(ast::ExprPtr l, ast::CmpOpKind op, ast::ExprPtr r, ast::Loc loc);
ast::ExprPtr bin_op(ast::ExprPtr l, ast::BinOpKind op, ast::ExprPtr r, ast::Loc loc);
ast::ExprPtr unary_op(ast::UnaryOpKind op, ast::ExprPtr operand, ast::Loc loc);
ast::ExprPtr make_number(const std::string& text, ast::Loc loc);
ast::ExprPtr make_const(ast::Constant::Kind k, ast::Loc loc);

/// Builds a pattern node of type T at `loc`.
template <class T>
std::unique_ptr<T> make_pattern(ast::Loc loc) {
  auto p = std::make_unique<T>();
  p->loc = loc;
  return p;
}
/// A literal in pattern position: None/True/False give MatchSingleton, others MatchValue.
ast::PatternPtr literal_pattern(ast::ExprPtr value, ast::Loc loc);

/// CPython's name for an expression kind in messages ("literal", "function call", ...).
const char* expr_description(const ast::Expr& e);

}  // namespace minipy::parse
