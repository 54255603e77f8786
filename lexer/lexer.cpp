// Lexer: the line structure of Python on top of the re2c scanner (see lexer.h).
#include "lexer/lexer.h"

#include <cstdlib>
#include <cstring>

#include "unicode/unicode_db.h"

namespace minipy::lex {

std::string_view token_name(TokenKind k) {
  switch (k) {
#define TOKEN(name, spelling) \
  case TokenKind::name:       \
    return spelling;
#include "lexer/tokens.def"
  }
  return "?";
}

Lexer::Lexer(const SourceBuffer& src)
    : src_(src), base_(src.data()), end_(src.data() + src.size()), p_(base_), line_begin_(base_) {
  // A UTF-8 byte order mark is skipped.
  if (src.size() >= 3 && std::memcmp(base_, "\xEF\xBB\xBF", 3) == 0) p_ += 3;
}

void Lexer::fail(std::string msg, int line, int col, int end_line, int end_col, const char* type,
                 bool eof) {
  if (error_) return;
  Diagnostic d;
  d.type = type;
  d.msg = std::move(msg);
  d.line = line;
  d.col = col;
  d.end_line = end_line;
  d.end_col = end_col;
  error_ = std::move(d);
  error_eof_ = eof;
}

static bool is_id_byte(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         c >= 0x80;
}

// Handles the start of a logical line: measures indentation, skips blank/comment-only lines and
// queues INDENT/DEDENT. Returns true when it produced a token (INDENT, or END at EOF).
bool Lexer::at_line_start(Token& tok) {
  for (;;) {
    const char* p = p_;
    int col = 0, alt = 0;
    for (;; ++p) {
      if (*p == ' ') {
        ++col, ++alt;
      } else if (*p == '\t') {
        col = (col / 8 + 1) * 8;
        ++alt;
      } else if (*p == '\f') {
        col = alt = 0;
      } else {
        break;
      }
    }
    char c = *p;
    if (c == '#' || c == '\n' || c == '\r' || (c == '\\' && (p[1] == '\n' || p[1] == '\r'))) {
      // Blank or comment-only line: no tokens, no indentation change.
      // (A lone backslash-continued blank line is treated the same way.)
      while (*p != '\n' && *p != '\r' && !(*p == '\0' && p == end_)) ++p;
      if (*p == '\0') {
        p_ = p;
        return false;  // EOF: handled by the caller
      }
      p += (p[0] == '\r' && p[1] == '\n') ? 2 : 1;
      newline_at(p);
      p_ = p;
      continue;
    }
    p_ = p;
    if (c == '\0' && p == end_) return false;  // EOF: dedents come from the caller
    line_start_ = false;
    int top = indents_.back();
    if (col == top) {
      if (alt != alt_indents_.back()) {
        fail("inconsistent use of tabs and spaces in indentation", line_, 0, line_, -1, "TabError");
        tok.kind = TokenKind::ERROR;
        return true;
      }
      return false;
    }
    if (col > top) {
      if (alt <= alt_indents_.back()) {
        fail("inconsistent use of tabs and spaces in indentation", line_, 0, line_, -1, "TabError");
        tok.kind = TokenKind::ERROR;
        return true;
      }
      if (indents_.size() >= kMaxIndentDepth) {  // CPython's MAXINDENT
        fail("too many levels of indentation", line_, 0, line_, -1, "IndentationError");
        tok.kind = TokenKind::ERROR;
        return true;
      }
      indents_.push_back(col);
      alt_indents_.push_back(alt);
      tok.kind = TokenKind::INDENT;
      tok.loc = {line_, 0, line_, col_of(p)};
      tok.text = std::string_view(line_begin_, p - line_begin_);
      return true;
    }
    while (indents_.size() > 1 && col < indents_.back()) {
      indents_.pop_back();
      alt_indents_.pop_back();
      ++pending_dedents_;
    }
    if (col != indents_.back()) {
      std::string_view lt = src_.line_text(line_);
      fail("unindent does not match any outer indentation level", line_,
           static_cast<int>(lt.size()), line_, -1, "IndentationError");
      tok.kind = TokenKind::ERROR;
      return true;
    }
    if (alt != alt_indents_.back()) {
      fail("inconsistent use of tabs and spaces in indentation", line_, 0, line_, -1, "TabError");
      tok.kind = TokenKind::ERROR;
      return true;
    }
    dedent_col_ = col_of(p);
    return false;
  }
}

void Lexer::next(Token& tok) {
  tok.str_flags = 0;
  if (error_) {
    tok.kind = TokenKind::ERROR;
    return;
  }
  if (pending_dedents_ > 0) {
    --pending_dedents_;
    tok.kind = TokenKind::DEDENT;
    tok.loc = {line_, dedent_col_, line_, dedent_col_};
    tok.text = {};
    return;
  }
  if (line_start_ && brackets_.empty() && !done_) {
    if (at_line_start(tok)) return;
    if (pending_dedents_ > 0) {
      --pending_dedents_;
      tok.kind = TokenKind::DEDENT;
      tok.loc = {line_, dedent_col_, line_, dedent_col_};
      tok.text = {};
      return;
    }
  }
  for (;;) {
    const char* start = p_;
    TokenKind kind = TokenKind::ERROR;
    Raw raw = scan(kind);
    switch (raw) {
      case Raw::Space:
      case Raw::Comment:
        continue;
      case Raw::Continuation: {
        int cont_line = line_, cont_col = col_of(start) + 1;
        newline_at(p_);
        if (*p_ == '\0' && p_ == end_) {
          fail("unexpected EOF while parsing", cont_line, cont_col, cont_line, -1, "SyntaxError", true);
          tok.kind = TokenKind::ERROR;
          return;
        }
        continue;
      }
      case Raw::Newline: {
        int col = col_of(start);
        int line = line_;
        newline_at(p_);
        if (!brackets_.empty()) continue;
        if (!line_has_token_) {  // e.g. after a continuation-only line
          line_start_ = true;
          if (at_line_start(tok)) return;
          if (pending_dedents_ > 0) {
            --pending_dedents_;
            tok.kind = TokenKind::DEDENT;
            tok.loc = {line_, dedent_col_, line_, dedent_col_};
            tok.text = {};
            return;
          }
          continue;
        }
        line_has_token_ = false;
        line_start_ = true;
        tok.kind = TokenKind::NEWLINE;
        tok.loc = {line, col, line, col};  // zero width, as CPython reports errors there
        tok.text = std::string_view(start, p_ - start);
        return;
      }
      case Raw::End: {
        p_ = start;  // stay at the sentinel
        if (!brackets_.empty()) {
          const Bracket& b = brackets_.back();
          fail(std::string("'") + b.c + "' was never closed", b.line, b.col, b.line, -1,
               "SyntaxError", true);
          tok.kind = TokenKind::ERROR;
          return;
        }
        int col = col_of(start);
        if (line_has_token_) {
          line_has_token_ = false;
          line_start_ = true;
          tok.kind = TokenKind::NEWLINE;
          tok.loc = {line_, col, line_, col};
          tok.text = {};
          return;
        }
        done_ = true;
        if (indents_.size() > 1) {
          indents_.pop_back();
          alt_indents_.pop_back();
          tok.kind = TokenKind::DEDENT;
          tok.loc = {line_, col, line_, col};
          tok.text = {};
          return;
        }
        tok.kind = TokenKind::END;
        tok.loc = {line_, col, line_, col};
        tok.text = {};
        return;
      }
      case Raw::Nul:
        fail("source code cannot contain null bytes", line_, col_of(start), line_, -1);
        tok.kind = TokenKind::ERROR;
        return;
      case Raw::BadChar: {
        unsigned char c = static_cast<unsigned char>(*start);
        std::string msg;
        if (p_ - start == 2) {
          msg = "invalid syntax";
        } else if (c == '$' || c == '?' || c == '`' || c == '!' || c == '\\') {
          msg = std::string("invalid syntax");
        } else {
          char buf[64];
          std::snprintf(buf, sizeof buf, "invalid non-printable character U+%04X", c);
          msg = buf;
        }
        fail(msg, line_, col_of(start), line_, col_of(start) + 1);
        tok.kind = TokenKind::ERROR;
        return;
      }
      case Raw::String:
        line_has_token_ = true;
        lex_string(tok, start, p_ - 1);
        return;
      case Raw::Token:
        break;
    }
    line_has_token_ = true;
    int col = col_of(start);
    tok.kind = kind;
    tok.text = std::string_view(start, p_ - start);
    tok.loc = {line_, col, line_, col_of(p_)};
    switch (kind) {
      case TokenKind::NUMBER:
        lex_number(tok, start);
        return;
      case TokenKind::LPAR:
      case TokenKind::LSQB:
      case TokenKind::LBRACE:
        // CPython's tokenizer limit (MAXLEVEL): also keeps the parser's and compiler's
        // recursion over nested displays shallow.
        if (brackets_.size() >= kMaxBracketDepth) {
          fail("too many nested parentheses", line_, col, line_, col);
          tok.kind = TokenKind::ERROR;
          return;
        }
        brackets_.push_back({*start, line_, col});
        return;
      case TokenKind::RPAR:
      case TokenKind::RSQB:
      case TokenKind::RBRACE: {
        char close = *start;
        if (brackets_.empty()) {
          fail(std::string("unmatched '") + close + "'", line_, col, line_, col);
          tok.kind = TokenKind::ERROR;
          return;
        }
        Bracket b = brackets_.back();
        char want = b.c == '(' ? ')' : b.c == '[' ? ']' : '}';
        if (close != want) {
          std::string msg = std::string("closing parenthesis '") + close +
                            "' does not match opening parenthesis '" + b.c + "'";
          if (b.line != line_) msg += " on line " + std::to_string(b.line);
          fail(msg, line_, col, line_, col);
          tok.kind = TokenKind::ERROR;
          return;
        }
        brackets_.pop_back();
        return;
      }
      default:
        return;
    }
  }
}

void Lexer::lex_number(Token& tok, const char* start) {
  const char* p = p_;
  std::string_view text = tok.text;
  int col = tok.loc.col;
  bool based = text.size() >= 2 && text[0] == '0' &&
               (text[1] == 'x' || text[1] == 'X' || text[1] == 'o' || text[1] == 'O' ||
                text[1] == 'b' || text[1] == 'B');
  unsigned char c = static_cast<unsigned char>(*p);
  if (text == "0" && (c == 'x' || c == 'X' || c == 'o' || c == 'O' || c == 'b' || c == 'B')) {
    const char* kind = (c == 'x' || c == 'X') ? "hexadecimal" : (c == 'o' || c == 'O') ? "octal" : "binary";
    fail(std::string("invalid ") + kind + " literal", line_, col + 1, line_, col + 1);
    tok.kind = TokenKind::ERROR;
    return;
  }
  if (is_id_byte(c)) {
    // `1if x else y` is still accepted by CPython 3.11.
    static const char* const kOk[] = {"and", "else", "for", "if", "in", "is", "not", "or"};
    for (const char* kw : kOk) {
      size_t n = std::strlen(kw);
      if (std::strncmp(p, kw, n) == 0) goto ok;
    }
    {
      const char* kind = "decimal";
      if (based) {
        kind = (text[1] == 'x' || text[1] == 'X') ? "hexadecimal"
               : (text[1] == 'o' || text[1] == 'O') ? "octal" : "binary";
        fail(std::string("invalid ") + kind + " literal", line_, col_of(p), line_, col_of(p));
      } else {
        fail(std::string("invalid ") + kind + " literal", line_, col, line_, col);
      }
      tok.kind = TokenKind::ERROR;
      return;
    }
  }
ok:
  if (!based && text.size() > 1 && text[0] == '0' && !is_float_literal(text) && !is_imaginary_literal(text)) {
    for (char d : text) {
      if (d != '0' && d != '_') {
        fail("leading zeros in decimal integer literals are not permitted; use an 0o prefix for "
             "octal integers",
             line_, col, line_, col + 1);
        tok.kind = TokenKind::ERROR;
        return;
      }
    }
  }
  (void)start;
}

void Lexer::lex_string(Token& tok, const char* start, const char* quote) {
  uint8_t flags = 0;
  for (const char* q = start; q < quote; ++q) {
    switch (*q) {
      case 'b': case 'B': flags |= kStrBytes; break;
      case 'r': case 'R': flags |= kStrRaw; break;
      case 'f': case 'F': flags |= kStrFormat; break;
      case 'u': flags |= kStrUnicode; break;  // CPython records only a lowercase u
      case 'U': break;
      default: break;
    }
  }
  char qc = *quote;
  const char* p = quote + 1;
  bool triple = p[0] == qc && p[1] == qc;
  if (triple) {
    flags |= kStrTriple;
    p += 2;
  }
  int start_line = line_;
  int start_col = col_of(start);
  const char* start_line_begin = line_begin_;
  const char* body = p;
  const char* body_end = nullptr;
  for (;;) {
    char c = *p;
    if (c == '\0' && p == end_) break;
    if (c == '\\') {
      if (p[1] == '\0' && p + 1 == end_) { ++p; break; }
      if (p[1] == '\r' && p[2] == '\n') {
        p += 3;
        newline_at(p);
      } else if (p[1] == '\n' || p[1] == '\r') {
        p += 2;
        newline_at(p);
      } else {
        p += 2;
      }
      continue;
    }
    if (c == '\n' || c == '\r') {
      if (!triple) break;
      p += (c == '\r' && p[1] == '\n') ? 2 : 1;
      newline_at(p);
      continue;
    }
    if (c == qc && (!triple || (p[1] == qc && p[2] == qc))) {
      body_end = p;
      p += triple ? 3 : 1;
      break;
    }
    ++p;
  }
  if (!body_end) {
    int detected = line_;
    if (triple) {
      // CPython reports the last line of the file.
      const char* e = end_;
      detected = src_.line_count();
      if (e > base_ && (e[-1] == '\n' || e[-1] == '\r')) --detected;
      if (detected < start_line) detected = start_line;
    }
    std::string msg = triple ? "unterminated triple-quoted string literal (detected at line "
                             : "unterminated string literal (detected at line ";
    msg += std::to_string(detected) + ")";
    line_ = start_line;
    line_begin_ = start_line_begin;
    fail(msg, start_line, start_col, start_line, start_col, "SyntaxError", triple);
    tok.kind = TokenKind::ERROR;
    return;
  }
  p_ = p;
  tok.kind = TokenKind::STRING;
  tok.str_flags = flags;
  tok.text = std::string_view(start, p - start);
  tok.loc = {start_line, start_col, line_, col_of(p)};
  std::string_view raw(body, body_end - body);
  tok.value.clear();
  if (flags & kStrBytes) {
    for (size_t i = 0; i < raw.size(); ++i) {
      if (static_cast<unsigned char>(raw[i]) >= 0x80) {
        fail("bytes can only contain ASCII literal characters", start_line, start_col, line_,
             col_of(p));
        tok.kind = TokenKind::ERROR;
        return;
      }
    }
  }
  if (flags & kStrFormat) {
    tok.value.assign(raw);
    // Locate the body for the driver's re-parse of the {...} parts.
    tok.body_line = start_line;
    tok.body_col = start_col + static_cast<int>(quote - start) + (triple ? 3 : 1);
    return;
  }
  if (flags & kStrRaw) {
    tok.value.assign(raw);
    return;
  }
  std::string err = decode_escapes(raw, flags & kStrBytes, tok.value);
  if (!err.empty()) {
    fail(err, start_line, start_col, line_, col_of(p));
    tok.kind = TokenKind::ERROR;
  }
}

// ---------------------------------------------------------------- literal decoding

static void append_utf8(std::string& out, uint32_t cp) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

static int hex_val(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string decode_escapes(std::string_view s, bool bytes, std::string& out) {
  out.reserve(out.size() + s.size());
  size_t i = 0, n = s.size();
  while (i < n) {
    char c = s[i];
    if (c != '\\' || i + 1 >= n) {
      out.push_back(c);
      ++i;
      continue;
    }
    char e = s[i + 1];
    i += 2;
    switch (e) {
      case '\n': break;
      case '\r': if (i < n && s[i] == '\n') ++i; break;
      case '\\': out.push_back('\\'); break;
      case '\'': out.push_back('\''); break;
      case '"': out.push_back('"'); break;
      case 'a': out.push_back('\a'); break;
      case 'b': out.push_back('\b'); break;
      case 'f': out.push_back('\f'); break;
      case 'n': out.push_back('\n'); break;
      case 'r': out.push_back('\r'); break;
      case 't': out.push_back('\t'); break;
      case 'v': out.push_back('\v'); break;
      case '0': case '1': case '2': case '3': case '4': case '5': case '6': case '7': {
        uint32_t v = e - '0';
        for (int k = 0; k < 2 && i < n && s[i] >= '0' && s[i] <= '7'; ++k, ++i) v = v * 8 + (s[i] - '0');
        if (bytes) out.push_back(static_cast<char>(v & 0xFF));
        else append_utf8(out, v);
        break;
      }
      case 'x': case 'u': case 'U': {
        if (bytes && e != 'x') {
          out.push_back('\\');
          out.push_back(e);
          break;
        }
        int digits = e == 'x' ? 2 : e == 'u' ? 4 : 8;
        uint32_t v = 0;
        for (int k = 0; k < digits; ++k) {
          int h = i + k < n ? hex_val(s[i + k]) : -1;
          if (h < 0) {
            std::string kind = e == 'x' ? "\\xXX" : e == 'u' ? "\\uXXXX" : "\\UXXXXXXXX";
            return std::string("(") + (bytes ? "value error) invalid \\x escape at position 0"
                                             : "unicode error) 'unicodeescape' codec can't decode "
                                               "bytes in position 0-1: truncated " + kind + " escape");
          }
          v = v * 16 + static_cast<uint32_t>(h);
        }
        i += digits;
        if (bytes) {
          out.push_back(static_cast<char>(v));
        } else {
          if (v > 0x10FFFF)
            return "(unicode error) 'unicodeescape' codec can't decode bytes: illegal Unicode character";
          append_utf8(out, v);
        }
        break;
      }
      case 'N': {
        if (bytes) {
          out.push_back('\\');
          out.push_back(e);
          break;
        }
        // \N{NAME}: a character name or alias from the UCD (unicode/), case-insensitive.
        auto fail = [&](size_t end, const char* why) {
          return "(unicode error) 'unicodeescape' codec can't decode bytes in position " + std::to_string(i - 2) +
                 "-" + std::to_string(end - 1) + ": " + why;
        };
        if (i >= n || s[i] != '{') return fail(i, "malformed \\N character escape");
        size_t close = i + 1;
        while (close < n && s[close] != '}') ++close;
        if (close >= n) return fail(n, "malformed \\N character escape");
        if (close == i + 1) return fail(close, "malformed \\N character escape");
        std::u32string cps;
        if (!unicode::lookup(std::string_view(s).substr(i + 1, close - i - 1), false, &cps)) {
          return fail(close + 1, "unknown Unicode character name");
        }
        for (char32_t cp : cps) append_utf8(out, cp);
        i = close + 1;
        break;
      }
      default:
        out.push_back('\\');
        out.push_back(e);
        break;
    }
  }
  return {};
}

bool is_imaginary_literal(std::string_view t) {
  return !t.empty() && (t.back() == 'j' || t.back() == 'J');
}

bool is_float_literal(std::string_view t) {
  if (t.size() >= 2 && t[0] == '0' && (t[1] == 'x' || t[1] == 'X' || t[1] == 'o' || t[1] == 'O' ||
                                       t[1] == 'b' || t[1] == 'B'))
    return false;
  return t.find_first_of(".eE") != std::string_view::npos;
}

double decode_float(std::string_view t) {
  char buf[128];
  std::string big;
  char* b = buf;
  if (t.size() >= sizeof buf) {
    big.resize(t.size() + 1);
    b = big.data();
  }
  size_t k = 0;
  for (char c : t)
    if (c != '_') b[k++] = c;
  b[k] = '\0';
  return std::strtod(b, nullptr);
}

// Multiplies the decimal digit string `dec` by `base` and adds `digit` (schoolbook arithmetic).
static void dec_mul_add(std::string& dec, int base, int digit) {
  int carry = digit;
  for (size_t i = dec.size(); i-- > 0;) {
    int v = (dec[i] - '0') * base + carry;
    dec[i] = static_cast<char>('0' + v % 10);
    carry = v / 10;
  }
  while (carry) {
    dec.insert(dec.begin(), static_cast<char>('0' + carry % 10));
    carry /= 10;
  }
}

bool decode_int(std::string_view t, int64_t& small, std::string& big) {
  int base = 10;
  size_t i = 0;
  if (t.size() >= 2 && t[0] == '0') {
    char c = t[1];
    if (c == 'x' || c == 'X') base = 16, i = 2;
    else if (c == 'o' || c == 'O') base = 8, i = 2;
    else if (c == 'b' || c == 'B') base = 2, i = 2;
  }
  uint64_t v = 0;
  bool overflow = false;
  const uint64_t limit = static_cast<uint64_t>(INT64_MAX);
  for (size_t k = i; k < t.size(); ++k) {
    if (t[k] == '_') continue;
    int d = hex_val(t[k]);
    if (!overflow) {
      if (v > (limit - static_cast<uint64_t>(d)) / static_cast<uint64_t>(base)) {
        overflow = true;
      } else {
        v = v * base + d;
      }
    }
  }
  if (!overflow) {
    small = static_cast<int64_t>(v);
    big.clear();
    return true;
  }
  big = "0";
  for (size_t k = i; k < t.size(); ++k) {
    if (t[k] == '_') continue;
    dec_mul_add(big, base, hex_val(t[k]));
  }
  size_t nz = big.find_first_not_of('0');
  big = nz == std::string::npos ? "0" : big.substr(nz);
  return false;
}

}  // namespace minipy::lex
