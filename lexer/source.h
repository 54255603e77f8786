// SourceBuffer: the text being tokenized (first stage of source -> tokens -> AST -> bytecode).
// It keeps a NUL-terminated copy (re2c's sentinel), the file name and the start offset of each
// line, so that diagnostics can quote the offending line under a caret.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace minipy::lex {

/// A span in the source: 1-based lines, 0-based UTF-8 byte columns; end_col is one past the end.
/// Same shape as ast::Loc, so the parser copies it field by field.
struct SourceLoc {
  int line = 0;
  int col = 0;
  int end_line = 0;
  int end_col = 0;
};

class SourceBuffer {
 public:
  SourceBuffer(std::string_view text, std::string filename);

  /// The text followed by one NUL (the scanner's end sentinel).
  const char* data() const { return text_.data(); }
  size_t size() const { return text_.size() - 1; }
  const std::string& filename() const { return filename_; }

  /// Line `line` (1-based) without its line terminator; empty when out of range.
  std::string_view line_text(int line) const;
  int line_count() const { return static_cast<int>(line_starts_.size()); }
  /// Offset of the first byte of `line` (1-based).
  size_t line_start(int line) const { return line_starts_[line - 1]; }

 private:
  std::string text_;
  std::string filename_;
  std::vector<size_t> line_starts_;
};

}  // namespace minipy::lex
