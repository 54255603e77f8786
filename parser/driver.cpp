// The parser driver: runs the Bison parser over the lexer's tokens and builds CPython-style
// SyntaxErrors (tokens -> AST; see driver.h). Also home of the grammar's checking helpers.
#include "parser/driver.h"

#include <algorithm>

#include "parser/builders.h"
#include "parser/parser.hpp"

namespace minipy::parse {
using namespace ast;
using lex::TokenKind;

namespace yy {
Parser::symbol_type yylex(Driver& drv) {
  if (!drv.start_sent_) {
    drv.start_sent_ = true;
    lex::SourceLoc l{1, 0, 1, 0};
    return drv.mode() == Mode::Eval ? Parser::make_START_EVAL(l) : Parser::make_START_EXEC(l);
  }
  lex::Token& tok = drv.tok_;
  drv.next_token(tok);
  switch (tok.kind) {
    case TokenKind::NAME:
      return Parser::make_NAME(std::string(tok.text), tok.loc);
    case TokenKind::NUMBER:
      return Parser::make_NUMBER(std::string(tok.text), tok.loc);
    case TokenKind::STRING: {
      StrTok s;
      s.value = std::move(tok.value);
      s.flags = tok.str_flags;
      s.body_line = tok.body_line;
      s.body_col = tok.body_col;
      s.loc = tok.loc;
      return Parser::make_STRING(std::move(s), tok.loc);
    }
    case TokenKind::END:
      return Parser::make_END(tok.loc);
    case TokenKind::NEWLINE: return Parser::make_NEWLINE(tok.loc);
    case TokenKind::INDENT: return Parser::make_INDENT(tok.loc);
    case TokenKind::DEDENT: return Parser::make_DEDENT(tok.loc);
    case TokenKind::ERROR: return Parser::make_ERROR(tok.loc);
#define TOKEN(name, spelling)
#define KEYWORD(name, spelling) \
  case TokenKind::name:         \
    return Parser::symbol_type(Parser::token::TOK_##name, tok.loc);
#define OP(name, spelling) KEYWORD(name, spelling)
#include "lexer/tokens.def"
  }
  return Parser::make_ERROR(tok.loc);
}
}  // namespace yy

// ---------------------------------------------------------------- public API

ParseResult parse(std::string_view source, const std::string& filename, Mode mode) {
  int skipped = 0;
  if (mode == Mode::Eval) {  // eval() ignores leading blanks
    while (skipped < static_cast<int>(source.size()) &&
           (source[skipped] == ' ' || source[skipped] == '\t'))
      ++skipped;
    source.remove_prefix(skipped);
  }
  Driver d(source, filename, mode);
  if (skipped) d.set_origin(1, skipped);
  return d.run();
}

bool is_incomplete_input(const ParseResult& r) { return r.error && r.incomplete; }

Driver::Driver(std::string_view source, const std::string& filename, Mode mode)
    : src_(source, filename), lexer_(src_), mode_(mode) {}

ParseResult Driver::run() {
  yy::Parser parser(*this);
  int rc = parser.parse();
  ParseResult r;
  if (rc == 0 && !error_) {
    r.module = std::make_unique<Module>();
    r.module->body = std::move(body_);
    r.module->is_interactive = mode_ == Mode::Interactive;
    return r;
  }
  if (!error_) error_ = make_error("SyntaxError", "invalid syntax", prev_.loc.line, prev_.loc.col,
                                   prev_.loc.end_line, prev_.loc.end_col);
  if (!lexer_error_) check_rest_of_input();
  r.error = std::move(error_);
  r.incomplete = incomplete_;
  return r;
}

// ---------------------------------------------------------------- tokens and diagnostics

static bool is_compound_keyword(TokenKind k) {
  switch (k) {
    case TokenKind::KW_IF: case TokenKind::KW_ELIF: case TokenKind::KW_ELSE:
    case TokenKind::KW_WHILE: case TokenKind::KW_FOR: case TokenKind::KW_TRY:
    case TokenKind::KW_EXCEPT: case TokenKind::KW_FINALLY: case TokenKind::KW_WITH:
    case TokenKind::KW_DEF: case TokenKind::KW_CLASS: case TokenKind::KW_MATCH:
    case TokenKind::KW_CASE:
      return true;
    default:
      return false;
  }
}

static bool starts_expression(TokenKind k) {
  switch (k) {
    case TokenKind::NAME: case TokenKind::NUMBER: case TokenKind::STRING:
    case TokenKind::LPAR: case TokenKind::LSQB: case TokenKind::LBRACE:
    case TokenKind::KW_NONE: case TokenKind::KW_TRUE: case TokenKind::KW_FALSE:
    case TokenKind::KW_LAMBDA: case TokenKind::KW_NOT: case TokenKind::ELLIPSIS:
    case TokenKind::TILDE:
      return true;
    default:
      return false;
  }
}

static bool ends_expression(TokenKind k) {
  switch (k) {
    case TokenKind::NAME: case TokenKind::NUMBER: case TokenKind::STRING:
    case TokenKind::RPAR: case TokenKind::RSQB: case TokenKind::RBRACE:
    case TokenKind::KW_NONE: case TokenKind::KW_TRUE: case TokenKind::KW_FALSE:
    case TokenKind::ELLIPSIS:
      return true;
    default:
      return false;
  }
}

void Driver::fetch(lex::Token& tok) {
  if (lookahead_.empty()) {
    lexer_.next(tok);
    return;
  }
  tok = std::move(lookahead_.front());
  lookahead_.pop_front();
}

const lex::Token& Driver::peek_token(size_t i) {
  while (lookahead_.size() <= i) {
    if (!lookahead_.empty() && (lookahead_.back().kind == TokenKind::END ||
                                lookahead_.back().kind == TokenKind::ERROR)) {
      return lookahead_.back();
    }
    lookahead_.emplace_back();
    lexer_.next(lookahead_.back());
  }
  return lookahead_[i];
}

// `with (a as b, c as d,):` (CPython 3.9+) is the with-statement form whose items sit in
// parentheses. The LALR grammar cannot tell these parentheses from a parenthesized expression
// before it meets `as`, so when the bracket directly holds an `as` and is followed by ':', the
// parentheses (and a trailing comma) are dropped from the token stream and the items parse as
// written without them. `with (a, b):` without `as` is handled on the tree
// (split_parenthesized_with_items).
void Driver::ungroup_with_items() {
  if (peek_token(0).kind != TokenKind::LPAR) return;
  int depth = 0;
  bool has_as = false;
  size_t close = 0;
  for (size_t i = 0;; i++) {
    TokenKind k = peek_token(i).kind;
    if (k == TokenKind::END || k == TokenKind::ERROR) return;
    if (k == TokenKind::LPAR || k == TokenKind::LSQB || k == TokenKind::LBRACE) {
      depth++;
    } else if (k == TokenKind::RPAR || k == TokenKind::RSQB || k == TokenKind::RBRACE) {
      if (--depth == 0) {
        close = i;
        break;
      }
    } else if (k == TokenKind::KW_AS && depth == 1) {
      has_as = true;
    }
  }
  if (!has_as || peek_token(close + 1).kind != TokenKind::COLON) return;
  lookahead_.erase(lookahead_.begin() + static_cast<std::ptrdiff_t>(close));
  if (close >= 2 && lookahead_[close - 1].kind == TokenKind::COMMA) {
    lookahead_.erase(lookahead_.begin() + static_cast<std::ptrdiff_t>(close - 1));
  }
  lookahead_.erase(lookahead_.begin());
}

// Can `k` begin the subject of `match` (a star_named_expression)?
static bool starts_subject(TokenKind k) {
  return starts_expression(k) || k == TokenKind::MINUS || k == TokenKind::PLUS ||
         k == TokenKind::STAR || k == TokenKind::KW_AWAIT;
}

void Driver::classify_soft_keyword(lex::Token& tok) {
  if (tok.kind != TokenKind::NAME || mode_ == Mode::Eval) return;
  bool line_start = last_kind_ == TokenKind::NEWLINE || last_kind_ == TokenKind::INDENT ||
                    last_kind_ == TokenKind::DEDENT;
  if (!line_start) return;
  if (tok.text == "case") {
    if (!match_block_.empty() && match_block_.back()) tok.kind = TokenKind::KW_CASE;
    return;
  }
  if (tok.text != "match") return;
  // Read the rest of the logical line (NEWLINE comes only outside brackets).
  while (lookahead_.empty() || (lookahead_.back().kind != TokenKind::NEWLINE &&
                                lookahead_.back().kind != TokenKind::END &&
                                lookahead_.back().kind != TokenKind::ERROR)) {
    lookahead_.emplace_back();
    lexer_.next(lookahead_.back());
  }
  size_t n = lookahead_.size();
  if (n >= 3 && starts_subject(lookahead_[0].kind) && lookahead_[n - 1].kind == TokenKind::NEWLINE &&
      lookahead_[n - 2].kind == TokenKind::COLON) {
    tok.kind = TokenKind::KW_MATCH;
  }
}

void Driver::next_token(lex::Token& tok) {
  fetch(tok);
  classify_soft_keyword(tok);
  TokenKind k = tok.kind;
  if (k == TokenKind::KW_MATCH) {
    match_header_pending_ = true;
  } else if (k == TokenKind::INDENT) {
    match_block_.push_back(match_header_pending_);
    match_header_pending_ = false;
  } else if (k == TokenKind::DEDENT) {
    if (!match_block_.empty()) match_block_.pop_back();
  }
  last_kind_ = k;
  if (k == TokenKind::ERROR) set_lexer_error();
  if (k == TokenKind::KW_WITH) ungroup_with_items();
  if (stmt_start_ && is_compound_keyword(k)) {
    header_kind_ = k;
    header_line_ = tok.loc.line;
  }
  bool is_print = stmt_start_ && k == TokenKind::NAME && tok.text == "print";
  stmt_start_ = k == TokenKind::NEWLINE || k == TokenKind::INDENT || k == TokenKind::DEDENT ||
                k == TokenKind::SEMI;
  if (k == TokenKind::LPAR || k == TokenKind::LSQB || k == TokenKind::LBRACE) {
    open_brackets_.push_back(tok.loc);
    bracket_has_for_.push_back(false);
  } else if ((k == TokenKind::RPAR || k == TokenKind::RSQB || k == TokenKind::RBRACE) &&
             !open_brackets_.empty()) {
    last_closed_open_ = open_brackets_.back();
    open_brackets_.pop_back();
    bracket_has_for_.pop_back();
  } else if (k == TokenKind::KW_FOR && !bracket_has_for_.empty()) {
    bracket_has_for_.back() = true;
  }
  // (The ':' itself still counts as the header: an error there is a dangling operator before it.)
  if (k == TokenKind::KW_DEF) {
    def_header_ = true;
    def_tail_ = false;
  } else if (k == TokenKind::RPAR && def_header_ && open_brackets_.empty()) {
    def_tail_ = true;
  } else if (stmt_start_ || (prev_.kind == TokenKind::COLON && open_brackets_.empty())) {
    def_header_ = def_tail_ = false;
  }
  prev2_ = prev_;
  prev_ = {k, tok.loc, is_print};
}

SyntaxError Driver::make_error(const std::string& type, const std::string& msg, int line, int col,
                               int end_line, int end_col) const {
  SyntaxError e;
  e.type = type;
  e.msg = msg;
  e.filename = src_.filename();
  e.lineno = line;
  e.offset = col + 1;
  e.end_lineno = end_col < 0 ? line : end_line;
  e.end_offset = end_col < 0 ? 0 : end_col + 1;
  if (origin_line_ == 0) e.text = std::string(src_.line_text(line));
  return e;
}

void Driver::set_lexer_error() {
  if (error_ || !lexer_.error()) return;
  lexer_error_ = true;
  const lex::Diagnostic& d = *lexer_.error();
  error_ = make_error(d.type, d.msg, d.line, d.col, d.end_line, d.end_col);
  incomplete_ = lexer_.error_is_eof();
}

void Driver::fail(const lex::SourceLoc& loc, const std::string& msg, const char* type) {
  if (!error_) error_ = make_error(type, msg, loc.line, loc.col, loc.end_line, loc.end_col);
}

void Driver::fail(const Loc& loc, const std::string& msg, const char* type) {
  if (!error_) error_ = make_error(type, msg, loc.line, loc.col, loc.end_line, loc.end_col);
}

static const char* header_description(TokenKind k) {
  switch (k) {
    case TokenKind::KW_IF: return "'if' statement";
    case TokenKind::KW_ELIF: return "'elif' statement";
    case TokenKind::KW_ELSE: return "'else' statement";
    case TokenKind::KW_WHILE: return "'while' statement";
    case TokenKind::KW_FOR: return "'for' statement";
    case TokenKind::KW_TRY: return "'try' statement";
    case TokenKind::KW_EXCEPT: return "'except' statement";
    case TokenKind::KW_FINALLY: return "'finally' statement";
    case TokenKind::KW_WITH: return "'with' statement";
    case TokenKind::KW_DEF: return "function definition";
    case TokenKind::KW_CLASS: return "class definition";
    case TokenKind::KW_MATCH: return "'match' statement";
    case TokenKind::KW_CASE: return "'case' statement";
    default: return "statement";
  }
}

void Driver::report_syntax_error(const lex::SourceLoc& loc, bool want_colon, bool want_indent_only,
                                 bool want_else_only) {
  if (error_) return;
  if (prev_.kind == TokenKind::ERROR) {
    set_lexer_error();
    return;
  }
  const lex::SourceLoc& at = prev_.loc;
  if (want_indent_only && prev_.kind != TokenKind::INDENT) {
    std::string msg = std::string("expected an indented block after ") +
                      header_description(header_kind_) + " on line " + std::to_string(header_line_);
    if (prev_.kind == TokenKind::END) {
      incomplete_ = true;
      error_ = make_error("IndentationError", msg, prev2_.loc.line, prev2_.loc.col, prev2_.loc.line, -1);
    } else {
      error_ = make_error("IndentationError", msg, at.line, at.col, at.end_line, at.end_col);
    }
    return;
  }
  if (prev_.kind == TokenKind::INDENT) {
    error_ = make_error("IndentationError", "unexpected indent", at.line, at.end_col - 1, at.line, -1);
    return;
  }
  if (prev2_.is_print && starts_expression(prev_.kind)) {
    std::string_view text = src_.line_text(prev2_.loc.line);
    size_t end = text.size();
    bool in_str = false;
    char q = 0;
    for (size_t i = 0; i < text.size(); ++i) {
      char c = text[i];
      if (in_str) {
        if (c == '\\') ++i;
        else if (c == q) in_str = false;
      } else if (c == '\'' || c == '"') {
        in_str = true;
        q = c;
      } else if (c == '#') {
        end = i;
        break;
      }
    }
    while (end > 0 && (text[end - 1] == ' ' || text[end - 1] == '\t' || text[end - 1] == ';')) --end;
    error_ = make_error("SyntaxError", "Missing parentheses in call to 'print'. Did you mean print(...)?",
                        prev2_.loc.line, prev2_.loc.col, prev2_.loc.line, static_cast<int>(end));
    return;
  }
  if (want_colon && prev_.kind == TokenKind::NEWLINE) {
    error_ = make_error("SyntaxError", "expected ':'", at.line, at.col, at.line, at.col);
    return;
  }
  // After a def's parameter list: a return annotation that is not an expression is backed out
  // of, so the ':' is expected at its '->' (or at an operator left dangling before the ':');
  // anything else is expected to be that ':'.
  if (def_tail_ && open_brackets_.empty() && prev_.kind != TokenKind::NEWLINE) {
    bool back = prev2_.kind == TokenKind::RARROW || prev_.kind == TokenKind::COLON;
    const lex::SourceLoc& where = back ? prev2_.loc : at;
    error_ = make_error("SyntaxError", "expected ':'", where.line, where.col, where.end_line,
                        where.end_col > where.col ? where.end_col : where.col);
    return;
  }
  // (CPython gives no comma hint inside a comprehension.)
  if (!open_brackets_.empty() && !bracket_has_for_.back() && starts_expression(prev_.kind) &&
      ends_expression(prev2_.kind) &&
      !(prev2_.kind == TokenKind::NAME && prev_.kind == TokenKind::STRING)) {
    bool closed = prev2_.kind == TokenKind::RPAR || prev2_.kind == TokenKind::RSQB ||
                  prev2_.kind == TokenKind::RBRACE;
    const lex::SourceLoc& from = closed ? last_closed_open_ : prev2_.loc;
    error_ = make_error("SyntaxError", "invalid syntax. Perhaps you forgot a comma?", from.line,
                        from.col, at.end_line, at.end_col);
    return;
  }
  (void)want_else_only;
  (void)loc;
  error_ = make_error("SyntaxError", "invalid syntax", at.line, at.col, at.end_line,
                      at.end_col > at.col ? at.end_col : at.col);
}

// As CPython does after a parser error, tokenizes the rest of the input: a lexical error further
// on is the better message. An unclosed bracket wins only when the error is on a later line
// than the bracket, or when the error was a guess about a missing comma inside that bracket.
void Driver::check_rest_of_input() {
  lex::Token t;
  for (;;) {
    lexer_.next(t);
    if (t.kind == TokenKind::END || t.kind == TokenKind::ERROR) break;
  }
  if (!lexer_.error()) return;
  const lex::Diagnostic& d = *lexer_.error();
  if (lexer_.error_is_eof() && d.msg.find("was never closed") != std::string::npos) {
    bool comma_guess = error_->msg.find("forgot a comma") != std::string::npos;
    if (!comma_guess && error_->lineno <= d.line) return;
  }
  error_.reset();
  set_lexer_error();
}

// ---------------------------------------------------------------- target checks

// Sets the context of a target expression; returns the first node that cannot be a target.
static Expr* set_context(Expr& e, ExprContext ctx) {
  switch (e.kind) {
    case ExprKind::Name: as<Name>(e).ctx = ctx; return nullptr;
    case ExprKind::Attribute: as<Attribute>(e).ctx = ctx; return nullptr;
    case ExprKind::Subscript: as<Subscript>(e).ctx = ctx; return nullptr;
    case ExprKind::Starred:
      if (ctx == ExprContext::Del) return &e;
      as<Starred>(e).ctx = ctx;
      return set_context(*as<Starred>(e).value, ctx);
    case ExprKind::Tuple:
      as<Tuple>(e).ctx = ctx;
      for (auto& x : as<Tuple>(e).elts)
        if (Expr* bad = set_context(*x, ctx)) return bad;
      return nullptr;
    case ExprKind::List:
      as<List>(e).ctx = ctx;
      for (auto& x : as<List>(e).elts)
        if (Expr* bad = set_context(*x, ctx)) return bad;
      return nullptr;
    default:
      return &e;
  }
}

bool Driver::check_target(Expr& e, ExprContext ctx) {
  Expr* bad = set_context(e, ctx);
  if (!bad) return true;
  fail(bad->loc, std::string(ctx == ExprContext::Del ? "cannot delete " : "cannot assign to ") +
                     expr_description(*bad));
  return false;
}

static bool is_bitwise_level(const Expr& e) {
  switch (e.kind) {
    case ExprKind::Compare: case ExprKind::BoolOp: case ExprKind::IfExp: case ExprKind::Lambda:
    case ExprKind::NamedExpr:
      return false;
    case ExprKind::UnaryOp:
      return as<UnaryOp>(e).op != UnaryOpKind::Not;
    case ExprKind::Constant: {
      auto k = as<Constant>(e).ckind;
      return k != Constant::Kind::None && k != Constant::Kind::True && k != Constant::Kind::False;
    }
    default:
      return true;
  }
}

bool Driver::check_assign_target(Expr& e, bool single) {
  if (e.kind == ExprKind::Starred) {
    fail(e.loc, "starred assignment target must be in a list or tuple");
    return false;
  }
  Expr* bad = set_context(e, ExprContext::Store);
  if (!bad) return true;
  std::string msg = std::string("cannot assign to ") + expr_description(*bad);
  if (bad == &e && single && is_bitwise_level(e)) msg += " here. Maybe you meant '==' instead of '='?";
  fail(bad->loc, msg);
  return false;
}

bool Driver::check_aug_target(Expr& e) {
  if (e.kind == ExprKind::Name || e.kind == ExprKind::Attribute || e.kind == ExprKind::Subscript) {
    set_context(e, ExprContext::Store);
    return true;
  }
  fail(e.loc, std::string("'") + expr_description(e) + "' is an illegal expression for augmented assignment");
  return false;
}

bool Driver::check_ann_target(Expr& e, const lex::SourceLoc& whole) {
  (void)whole;
  if (e.kind == ExprKind::Name || e.kind == ExprKind::Attribute || e.kind == ExprKind::Subscript) {
    set_context(e, ExprContext::Store);
    return true;
  }
  if (e.kind == ExprKind::Tuple) fail(e.loc, "only single target (not tuple) can be annotated");
  else if (e.kind == ExprKind::List) fail(e.loc, "only single target (not list) can be annotated");
  else fail(e.loc, "illegal target for annotation");
  return false;
}

bool Driver::check_named_target(Expr& e) {
  if (e.kind == ExprKind::Name) {
    as<Name>(e).ctx = ExprContext::Store;
    return true;
  }
  fail(e.loc, std::string("cannot use assignment expressions with ") + expr_description(e));
  return false;
}

// CPython's invalid_named_expression: `NAME '=' bitwise_or` gets "Maybe you meant '==' or ':='"
// over the whole range; any other bitwise-level target (not a list, tuple, generator expression
// or True/None/False) gets "cannot assign to X here"; a '=' or ':=' right after the bitwise_or
// voids both, leaving "invalid syntax" at the '='. The rule reduces as soon as '=' is shifted,
// so the extent of the bitwise_or is found by reading the tokens that follow.
void Driver::fail_equal_in_named_expr(const Expr& a, const lex::SourceLoc& a_loc, const lex::SourceLoc& eq) {
  bool excluded = !is_bitwise_level(a) || a.kind == ExprKind::List || a.kind == ExprKind::Tuple ||
                  a.kind == ExprKind::GeneratorExp;
  // The bitwise_or after '=': operands, binary operators, '.', and anything inside brackets.
  size_t i = 0;
  int depth = 0;
  std::optional<lex::SourceLoc> b_end;
  TokenKind after = TokenKind::END;
  for (;; ++i) {
    const lex::Token& t = peek_token(i);
    TokenKind k = t.kind;
    if (k == TokenKind::END || k == TokenKind::ERROR || k == TokenKind::NEWLINE) {
      after = k;
      break;
    }
    bool opener = k == TokenKind::LPAR || k == TokenKind::LSQB || k == TokenKind::LBRACE;
    bool closer = k == TokenKind::RPAR || k == TokenKind::RSQB || k == TokenKind::RBRACE;
    if (depth > 0) {
      depth += opener ? 1 : closer ? -1 : 0;
      b_end = t.loc;
      continue;
    }
    bool operand = k == TokenKind::NAME || k == TokenKind::NUMBER || k == TokenKind::STRING ||
                   k == TokenKind::KW_NONE || k == TokenKind::KW_TRUE || k == TokenKind::KW_FALSE ||
                   k == TokenKind::ELLIPSIS || k == TokenKind::KW_AWAIT;
    bool unary = k == TokenKind::MINUS || k == TokenKind::PLUS || k == TokenKind::TILDE;
    bool binary = unary || k == TokenKind::STAR || k == TokenKind::SLASH || k == TokenKind::DOUBLESLASH ||
                  k == TokenKind::PERCENT || k == TokenKind::DOUBLESTAR || k == TokenKind::AT ||
                  k == TokenKind::VBAR || k == TokenKind::AMPER || k == TokenKind::CIRCUMFLEX ||
                  k == TokenKind::LSHIFT || k == TokenKind::RSHIFT || k == TokenKind::DOT;
    if (i == 0 ? !(operand || unary || opener) : !(operand || binary || opener)) {
      after = k;
      break;
    }
    if (opener) ++depth;
    b_end = t.loc;
  }
  if (excluded || !b_end || after == TokenKind::EQUAL || after == TokenKind::COLONEQUAL) {
    fail(eq, "invalid syntax");
    return;
  }
  bool bare_name = a.kind == ExprKind::Name && a_loc.col == a.loc.col && a_loc.line == a.loc.line;
  if (bare_name) {
    fail(Loc{a_loc.line, a_loc.col, b_end->end_line, b_end->end_col},
         "invalid syntax. Maybe you meant '==' or ':=' instead of '='?");
    return;
  }
  fail(a.loc, std::string("cannot assign to ") + expr_description(a) +
                  " here. Maybe you meant '==' instead of '='?");
}

bool Driver::check_except_kinds(const std::vector<ExceptHandler>& handlers, bool& is_star) {
  is_star = handlers.front().is_star;
  for (const auto& h : handlers) {
    if (h.is_star != is_star) {
      Loc l = h.loc;
      if (h.is_star) {
        l = h.star_loc;
      } else {
        l.end_line = l.line;
        l.end_col = l.col + 6;  // `except`
      }
      fail(l, "cannot have both 'except' and 'except*' on the same 'try'");
      return false;
    }
  }
  return true;
}

// ---------------------------------------------------------------- patterns

bool Driver::check_rest_name(const std::string& name, const lex::SourceLoc& loc) {
  if (name != "_") return true;
  fail(loc, "invalid syntax");
  return false;
}

// Whether the source text of a number (possibly negated) ends in j/J: read from the source so
// that it does not depend on how the AST stores imaginary constants.
static bool is_imaginary(const lex::SourceBuffer& src, const Expr& e) {
  if (e.loc.line != e.loc.end_line || e.loc.end_col <= e.loc.col) return false;
  std::string_view text = src.line_text(e.loc.line);
  if (static_cast<size_t>(e.loc.end_col) > text.size()) return false;
  char last = text[e.loc.end_col - 1];
  return last == 'j' || last == 'J';
}

ExprPtr Driver::complex_literal(ExprPtr real, BinOpKind op, ExprPtr imag, const Loc& loc) {
  if (is_imaginary(src_, *real)) {
    fail(real->loc, "real number required in complex literal");
    return nullptr;
  }
  if (!is_imaginary(src_, *imag)) {
    fail(imag->loc, "imaginary number required in complex literal");
    return nullptr;
  }
  return bin_op(std::move(real), op, std::move(imag), loc);
}

// ---------------------------------------------------------------- parameters and arguments

bool Driver::build_arguments(std::vector<ParamItem> items, Arguments& out) {
  bool seen_slash = false, seen_star = false, seen_kwarg = false, seen_default = false;
  bool bare_star = false;
  Loc bare_star_loc;
  for (size_t i = 0; i < items.size(); ++i) {
    if (!items[i].has_arg) continue;
    for (size_t j = 0; j < i; ++j) {
      if (items[j].has_arg && items[j].arg.name == items[i].arg.name) {
        fail(items[i].arg.loc, "duplicate argument '" + items[i].arg.name + "' in function definition");
        return false;
      }
    }
  }
  for (auto& it : items) {
    if (seen_kwarg) {
      fail(it.loc, "arguments cannot follow var-keyword argument");
      return false;
    }
    switch (it.kind) {
      case ParamItem::Slash:
        if (seen_star) { fail(it.loc, "/ must be ahead of *"); return false; }
        if (seen_slash) { fail(it.loc, "/ may appear only once"); return false; }
        if (out.args.empty()) { fail(it.loc, "at least one argument must precede /"); return false; }
        seen_slash = true;
        out.posonlyargs = std::move(out.args);
        out.args.clear();
        break;
      case ParamItem::Star:
        if (seen_star) { fail(it.loc, "* argument may appear only once"); return false; }
        seen_star = true;
        if (it.has_arg) {
          out.vararg = std::move(it.arg);
        } else {
          bare_star = true;
          bare_star_loc = it.loc;
        }
        break;
      case ParamItem::StarStar:
        seen_kwarg = true;
        out.kwarg = std::move(it.arg);
        break;
      case ParamItem::Plain:
        if (!seen_star) {
          if (it.def) {
            seen_default = true;
            out.defaults.push_back(std::move(it.def));
          } else if (seen_default) {
            fail(it.loc, "non-default argument follows default argument");
            return false;
          }
          out.args.push_back(std::move(it.arg));
        } else {
          out.kwonlyargs.push_back(std::move(it.arg));
          out.kw_defaults.push_back(std::move(it.def));
        }
        break;
    }
  }
  if (bare_star && out.kwonlyargs.empty()) {
    fail(bare_star_loc, "named arguments must follow bare *");
    return false;
  }
  return true;
}

bool Driver::add_positional(CallArgs& a, ExprPtr e, const Loc& loc, bool bare_genexp) {
  if (bare_genexp && a.count > 0) {
    fail(loc, "Generator expression must be parenthesized");
    return false;
  }
  if (a.has_bare_genexp && a.count > 0) {
    fail(a.genexp_loc, "Generator expression must be parenthesized");
    return false;
  }
  bool has_kw_unpack = false;
  for (auto& k : a.keywords)
    if (k.arg.empty()) has_kw_unpack = true;
  // CPython reports these at the token after the argument (the parser's lookahead).
  lex::SourceLoc after = prev_.loc;
  if (after.end_col <= after.col) after.end_col = after.col + 1;
  if (e->kind == ExprKind::Starred) {
    if (has_kw_unpack) {
      fail(Loc{loc.line, loc.col, loc.line, loc.col + 1},
           "iterable argument unpacking follows keyword argument unpacking");
      return false;
    }
  } else if (has_kw_unpack) {
    fail(after, "positional argument follows keyword argument unpacking");
    return false;
  } else if (!a.keywords.empty()) {
    fail(after, "positional argument follows keyword argument");
    return false;
  }
  a.args.push_back(std::move(e));
  ++a.count;
  return true;
}

bool Driver::add_keyword(CallArgs& a, ExprPtr name, ExprPtr value, const Loc& loc) {
  if (a.has_bare_genexp) {
    fail(a.genexp_loc, "Generator expression must be parenthesized");
    return false;
  }
  Keyword k;
  k.loc = loc;
  if (name) {
    if (name->kind == ExprKind::Constant && !is_bitwise_level(*name)) {
      fail(Loc{name->loc.line, name->loc.col, value->loc.line, value->loc.col},
           std::string("cannot assign to ") + expr_description(*name));
      return false;
    }
    if (name->kind != ExprKind::Name) {
      Loc l = name->loc;
      if (value->loc.line == l.end_line && value->loc.col > l.end_col) l.end_col = value->loc.col;
      fail(l, "expression cannot contain assignment, perhaps you meant \"==\"?");
      return false;
    }
    k.arg = std::move(as<Name>(*name).id);
    for (auto& other : a.keywords) {
      if (other.arg == k.arg) {
        fail(loc, "keyword argument repeated: " + k.arg);
        return false;
      }
    }
  }
  k.value = std::move(value);
  a.keywords.push_back(std::move(k));
  ++a.count;
  return true;
}

bool Driver::check_call_args(CallArgs& a) {
  (void)a;
  return true;
}

// ---------------------------------------------------------------- displays and strings

ExprPtr Driver::seq_to_expr(Seq s, const lex::SourceLoc& loc) {
  if (!s.comma) return std::move(s.elts[0]);
  auto t = make<Tuple>(L(loc));
  t->elts = std::move(s.elts);
  return t;
}

ExprPtr Driver::make_display(Seq s, const lex::SourceLoc& loc) {
  if (!s.gens.empty()) {
    if (s.comma) {
      auto d = make<DictComp>(L(loc));
      d->key = std::move(s.elts[0]);
      d->value = std::move(s.elts[1]);
      d->generators = std::move(s.gens);
      return d;
    }
    auto c = make<SetComp>(L(loc));
    c->elt = std::move(s.elts[0]);
    c->generators = std::move(s.gens);
    return c;
  }
  if (s.comma) {
    auto d = make<Dict>(L(loc));
    for (size_t i = 0; i + 1 < s.elts.size(); i += 2) {
      d->keys.push_back(std::move(s.elts[i]));
      d->values.push_back(std::move(s.elts[i + 1]));
    }
    return d;
  }
  auto st = make<Set>(L(loc));
  st->elts = std::move(s.elts);
  return st;
}
}  // namespace minipy::parse
