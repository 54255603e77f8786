// The parser driver: source text -> AST (parser/ast.h), between the lexer (lexer/) and the
// compiler (vm/). parse() is the public entry point. The Driver class below owns the Lexer,
// feeds the Bison parser (grammar.yy), re-parses f-string replacement fields, checks targets
// and argument lists, and turns the first error into a CPython-style SyntaxError.
#pragma once

#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "lexer/lexer.h"
#include "parser/ast.h"
#include "parser/parse_types.h"
#include "parser/syntax_error.h"

namespace minipy::parse {

enum class Mode { Exec, Interactive, Eval };

struct ParseResult {
  std::unique_ptr<ast::Module> module;  // null when error is set
  std::optional<SyntaxError> error;
  /// The input stopped inside a bracket, a triple-quoted string, or after a block header with
  /// no body yet: a REPL should read more lines (prompt "... ") rather than report the error.
  bool incomplete = false;
};

/// Parses a whole file (Exec), one REPL input (Interactive: Module::is_interactive is set) or
/// a single expression for eval() (Eval: a Module holding one ExprStmt).
ParseResult parse(std::string_view source, const std::string& filename, Mode mode = Mode::Exec);

/// True when the REPL should ask for more input instead of reporting `r.error`.
bool is_incomplete_input(const ParseResult& r);

namespace yy {
class Parser;
}

/// Glue between lexer, Bison parser and diagnostics (used by grammar.yy; not a public API).
class Driver {
 public:
  Driver(std::string_view source, const std::string& filename, Mode mode);

  ParseResult run();

  // --- called from the scanner glue (yylex)
  void next_token(lex::Token& tok);
  Mode mode() const { return mode_; }
  bool start_sent_ = false;
  lex::Token tok_;  // reused for every token (no per-token allocation beyond its text)

  // --- called from grammar actions; the bool ones record an error and return false
  void set_body(ast::StmtList body) { body_ = std::move(body); }
  void fail(const lex::SourceLoc& loc, const std::string& msg, const char* type = "SyntaxError");
  void fail(const ast::Loc& loc, const std::string& msg, const char* type = "SyntaxError");
  void report_syntax_error(const lex::SourceLoc& loc, bool want_colon, bool want_indent_only,
                           bool want_else_only);
  bool check_target(ast::Expr& e, ast::ExprContext ctx);
  bool check_assign_target(ast::Expr& e, bool single);
  bool check_aug_target(ast::Expr& e);
  bool check_ann_target(ast::Expr& e, const lex::SourceLoc& whole);
  bool check_named_target(ast::Expr& e);
  /// `if x = 5:` (a named-expression position holding `a = b`): CPython's hint, or a plain
  /// "invalid syntax" at the `=` where CPython's invalid_named_expression rule does not apply.
  void fail_equal_in_named_expr(const ast::Expr& a, const lex::SourceLoc& a_loc,
                                const lex::SourceLoc& eq);
  bool build_arguments(std::vector<ParamItem> items, ast::Arguments& out);
  bool add_positional(CallArgs& a, ast::ExprPtr e, const ast::Loc& loc, bool bare_genexp = false);
  bool add_positional(CallArgs& a, ast::ExprPtr e, const lex::SourceLoc& loc) {
    return add_positional(a, std::move(e), ast::Loc{loc.line, loc.col, loc.end_line, loc.end_col});
  }
  bool add_keyword(CallArgs& a, ast::ExprPtr name, ast::ExprPtr value, const ast::Loc& loc);
  bool add_keyword(CallArgs& a, ast::ExprPtr name, ast::ExprPtr value, const lex::SourceLoc& loc) {
    return add_keyword(a, std::move(name), std::move(value),
                       ast::Loc{loc.line, loc.col, loc.end_line, loc.end_col});
  }
  bool check_call_args(CallArgs& a);
  ast::ExprPtr seq_to_expr(Seq s, const lex::SourceLoc& loc);
  ast::ExprPtr make_display(Seq s, const lex::SourceLoc& loc);
  /// A try's clauses are all `except` or all `except*` (sets is_star); CPython's error otherwise.
  bool check_except_kinds(const std::vector<ast::ExceptHandler>& handlers, bool& is_star);
  // --- match statements (PEP 634)
  /// `**_` in a mapping pattern is a syntax error (CPython reports it at the name).
  bool check_rest_name(const std::string& name, const lex::SourceLoc& loc);
  /// Reports `msg` at the lookahead token (the token after the offending construct).
  void fail_at_lookahead(const std::string& msg) { fail(prev_.loc, msg); }
  /// `real +/- imag` in a pattern; null (error recorded) when the parts are of the wrong kind.
  ast::ExprPtr complex_literal(ast::ExprPtr real, ast::BinOpKind op, ast::ExprPtr imag, const ast::Loc& loc);
  /// Concatenates adjacent literals; f-strings become a JoinedStr. Null after an error.
  ast::ExprPtr make_string(std::vector<StrTok> parts, const lex::SourceLoc& loc);

 private:
  friend class yy::Parser;
  bool parse_fstring(const StrTok& t, ast::ExprList& out, std::string& literal);
  bool parse_fstring_body(std::string_view body, bool raw, const StrTok& t, size_t base,
                          ast::ExprList& out, std::string& literal, const ast::Loc& whole, int depth);
  ast::ExprPtr parse_fexpr(std::string_view text, const StrTok& t, size_t offset);
  void set_lexer_error();
  /// The next raw token: from the lookahead buffer, else from the lexer.
  void fetch(lex::Token& tok);
  /// The i-th token not yet handed to the parser (read ahead into lookahead_).
  const lex::Token& peek_token(size_t i);
  /// Turns a NAME `match`/`case` into KW_MATCH/KW_CASE where it starts such a statement.
  void classify_soft_keyword(lex::Token& tok);
  /// After `with`: drops the parentheses that only group `(a as b, c as d,):`.
  void ungroup_with_items();
  void check_rest_of_input();
  SyntaxError make_error(const std::string& type, const std::string& msg, int line, int col,
                         int end_line, int end_col) const;

  lex::SourceBuffer src_;
  lex::Lexer lexer_;
  Mode mode_;
  ast::StmtList body_;
  std::optional<SyntaxError> error_;
  bool incomplete_ = false;
  bool lexer_error_ = false;  // error_ came from the lexer
  int origin_line_ = 0, origin_col_ = 0;  // for f-string sub-parses

  // Recent tokens, for the error heuristics.
  struct Seen {
    lex::TokenKind kind = lex::TokenKind::NEWLINE;
    lex::SourceLoc loc;
    bool is_print = false;
  };
  Seen prev_, prev2_;
  bool stmt_start_ = true;  // the next token begins a statement
  lex::TokenKind header_kind_ = lex::TokenKind::END;
  int header_line_ = 0;
  // Soft keywords (PEP 634). A line starting with `match` is a match statement when its last
  // token is ':' (tokens read ahead wait in lookahead_); a `case` starts a case block when it
  // begins a line directly inside a match statement's block (match_block_ per open INDENT).
  std::deque<lex::Token> lookahead_;
  std::vector<bool> match_block_;
  bool match_header_pending_ = false;  // a KW_MATCH line was seen; its INDENT opens the block
  lex::TokenKind last_kind_ = lex::TokenKind::NEWLINE;  // the previous token handed out
  std::vector<lex::SourceLoc> open_brackets_;
  std::vector<bool> bracket_has_for_;  // a `for` appeared inside (a comprehension)
  lex::SourceLoc last_closed_open_;  // opener of the bracket that closed last
  // A def header past its parameter list: CPython's grammar forces the ':' there (&&':'), so an
  // error before it reads "expected ':'" (def_header_: a `def` seen; def_tail_: its ')' closed).
  bool def_header_ = false, def_tail_ = false;

 public:
  /// Parse a sub-expression (f-string field) as if it started at line/col.
  void set_origin(int line, int col) {
    origin_line_ = line;
    origin_col_ = col;
    lexer_.set_origin(line, col);
  }
  std::optional<SyntaxError>& error() { return error_; }
  ast::StmtList& body() { return body_; }
};

}  // namespace minipy::parse
