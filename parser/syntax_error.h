// A syntax error found by the lexer, the parser or the compiler's checks (a 'return' outside a
// function...). The VM turns it into a SyntaxError/IndentationError/TabError exception object
// with CPython's attributes (msg, filename, lineno, offset, text, end_lineno, end_offset).
#pragma once

#include <string>

namespace minipy::parse {

struct SyntaxError {
  std::string type = "SyntaxError";  // or "IndentationError", "TabError"
  std::string msg;                   // "invalid syntax", "expected ':'", ...
  std::string filename;
  int lineno = 0;      // 1-based
  int offset = 0;      // 1-based column of the caret, as CPython's SyntaxError.offset
  int end_lineno = 0;  // 0 = unknown
  int end_offset = 0;  // 0 = unknown
  std::string text;    // the offending source line, without its newline
};

}  // namespace minipy::parse
