// Lexer: source -> tokens, the first stage of minipy (then parser/ -> AST -> vm/ bytecode).
// It layers Python's line structure over the re2c scanner (scanner.re): the indentation stack
// (INDENT/DEDENT, tabs to multiples of 8, TabError on inconsistent use), NEWLINE only outside
// brackets, blank and comment-only lines skipped, backslash continuation, string literals with
// their prefixes and escapes, and the pending DEDENTs + NEWLINE at end of file. Errors stop the
// lexer and are reported as a Diagnostic in CPython's words.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "lexer/source.h"
#include "lexer/token.h"

namespace minipy::lex {

/// A lexical error, CPython-style. `col`/`end_col` are 0-based; end_col < 0 means "unknown".
struct Diagnostic {
  std::string type = "SyntaxError";  // or IndentationError / TabError
  std::string msg;
  int line = 0, col = 0, end_line = 0, end_col = 0;
};

class Lexer {
 public:
  explicit Lexer(const SourceBuffer& src);

  /// Produces the next token into `tok` (reusing its string storage). After an error, the kind
  /// is ERROR and error() says why; every later call returns ERROR again.
  void next(Token& tok);

  const std::optional<Diagnostic>& error() const { return error_; }
  /// Open brackets right now (for the REPL's "need more input" decision).
  int bracket_depth() const { return static_cast<int>(brackets_.size()); }
  /// True when the error is "EOF inside a bracket or triple-quoted string" (input may continue).
  bool error_is_eof() const { return error_eof_; }
  /// Makes the first line count as line `line` starting at column `col` (f-string sub-parses).
  void set_origin(int line, int col) {
    line_ = line;
    col_bias_ = col;
  }

 private:
  enum class Raw : uint8_t { Token, Space, Comment, Newline, Continuation, End, Nul, String, BadChar };
  /// The re2c block (scanner.re): classifies the bytes at p_, advancing p_ past them.
  Raw scan(TokenKind& kind);

  static constexpr size_t kMaxBracketDepth = 200;  // CPython's MAXLEVEL: "too many nested parentheses"
  static constexpr size_t kMaxIndentDepth = 100;   // CPython's MAXINDENT (indents_ holds the 0 level too)
  void fail(std::string msg, int line, int col, int end_line, int end_col,
            const char* type = "SyntaxError", bool eof = false);
  bool at_line_start(Token& tok);  // indentation; true when a token was produced
  void lex_string(Token& tok, const char* start, const char* quote);
  void lex_number(Token& tok, const char* start);
  int col_of(const char* p) const { return static_cast<int>(p - line_begin_) + col_bias_; }
  void newline_at(const char* next_line) {
    ++line_;
    line_begin_ = next_line;
    col_bias_ = 0;
  }

  const SourceBuffer& src_;
  const char* base_;
  const char* end_;
  const char* p_;
  const char* line_begin_;
  int line_ = 1;
  int col_bias_ = 0;  // added to columns on the first line (set_origin)
  bool line_start_ = true;     // next token begins a logical line
  bool line_has_token_ = false;  // something was emitted on the current logical line
  int pending_dedents_ = 0;
  int dedent_col_ = 0;
  bool done_ = false;
  std::vector<int> indents_{0};
  std::vector<int> alt_indents_{0};  // indentation with tab = 1 column, to detect TabError
  struct Bracket {
    char c;
    int line, col;
  };
  std::vector<Bracket> brackets_;
  std::optional<Diagnostic> error_;
  bool error_eof_ = false;
};

/// Converts the text of an integer literal (any base, underscores allowed). Sets `small` and
/// returns true when it fits int64; otherwise fills `big` with decimal digits and returns false.
bool decode_int(std::string_view text, int64_t& small, std::string& big);
/// Converts a float literal (underscores allowed).
double decode_float(std::string_view text);
/// True for a literal that is a float (has '.', or an exponent in base 10).
bool is_float_literal(std::string_view text);
/// True for an imaginary literal (`2j`, `1.5e3J`): a number token ending in j or J.
bool is_imaginary_literal(std::string_view text);

/// Decodes the escapes of a (non-raw) string body. For bytes, \u/\U/\N stay literal and
/// the result is raw bytes. Returns an error message or an empty string.
std::string decode_escapes(std::string_view body, bool bytes, std::string& out);

}  // namespace minipy::lex
