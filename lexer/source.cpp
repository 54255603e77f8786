// SourceBuffer: line index over the NUL-terminated source text.
#include "lexer/source.h"

namespace minipy::lex {

SourceBuffer::SourceBuffer(std::string_view text, std::string filename)
    : text_(text), filename_(std::move(filename)) {
  text_.push_back('\0');
  line_starts_.push_back(0);
  for (size_t i = 0; i + 1 < text_.size(); ++i) {
    char c = text_[i];
    if (c == '\n' || (c == '\r' && text_[i + 1] != '\n')) line_starts_.push_back(i + 1);
  }
}

std::string_view SourceBuffer::line_text(int line) const {
  if (line < 1 || line > line_count()) return {};
  size_t b = line_starts_[line - 1];
  size_t e = b;
  size_t n = size();
  while (e < n && text_[e] != '\n' && text_[e] != '\r') ++e;
  return std::string_view(text_).substr(b, e - b);
}

}  // namespace minipy::lex
