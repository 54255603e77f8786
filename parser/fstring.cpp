// String literal concatenation and f-strings (tokens -> AST). An f-string arrives as one STRING
// token holding its raw body; each `{expr!conv:spec}` field is parsed again here as an
// expression by a nested Driver whose lexer starts at the field's line and column, so the
// sub-expression's locations point into the original source (CPython <= 3.11's approach).
#include <string>

#include "lexer/lexer.h"
#include "parser/builders.h"
#include "parser/driver.h"

namespace minipy::parse {
using namespace ast;

static void flush_literal(std::string& literal, ExprList& out, const Loc& whole) {
  if (literal.empty()) return;
  auto c = make<Constant>(whole);
  c->ckind = Constant::Kind::Str;
  c->str_value = std::move(literal);
  literal.clear();
  out.push_back(std::move(c));
}

ExprPtr Driver::make_string(std::vector<StrTok> parts, const lex::SourceLoc& loc) {
  bool bytes = parts[0].flags & lex::kStrBytes;
  bool fmt = false;
  for (auto& p : parts) {
    if (static_cast<bool>(p.flags & lex::kStrBytes) != bytes) {
      // CPython reports it at the token after the literals (the parser's lookahead).
      fail(prev_.loc, "cannot mix bytes and nonbytes literals");
      return nullptr;
    }
    if (p.flags & lex::kStrFormat) fmt = true;
  }
  Loc whole = L(loc);
  if (!fmt) {
    auto c = make<Constant>(whole);
    c->ckind = bytes ? Constant::Kind::Bytes : Constant::Kind::Str;
    if (parts[0].flags & lex::kStrUnicode) c->kind = "u";
    if (parts.size() == 1) {
      c->str_value = std::move(parts[0].value);
    } else {
      for (auto& p : parts) c->str_value += p.value;
    }
    return c;
  }
  auto js = make<JoinedStr>(whole);
  std::string literal;
  for (auto& p : parts) {
    if (!(p.flags & lex::kStrFormat)) {
      literal += p.value;
      continue;
    }
    if (!parse_fstring_body(p.value, p.flags & lex::kStrRaw, p, 0, js->values, literal, whole, 0))
      return nullptr;
  }
  flush_literal(literal, js->values, whole);
  return js;
}

// Finds the end of the expression starting at `i` (just after '{'): the index of the first
// '}', '!', ':' or '=' (debug specifier) at nesting depth 0, outside string literals.
static size_t find_expr_end(std::string_view b, size_t i, size_t end, std::string& err) {
  int depth = 0;
  char quote = 0;
  bool triple = false;
  for (; i < end; ++i) {
    char c = b[i];
    if (quote) {
      if (c == '\\') {
        err = "f-string expression part cannot include a backslash";
        return std::string::npos;
      }
      if (c == quote && (!triple || (i + 2 < end && b[i + 1] == quote && b[i + 2] == quote))) {
        if (triple) i += 2;
        quote = 0;
      }
      continue;
    }
    switch (c) {
      case '\'':
      case '"':
        quote = c;
        triple = i + 2 < end && b[i + 1] == c && b[i + 2] == c;
        if (triple) i += 2;
        break;
      case '(': case '[': case '{': ++depth; break;
      case ')': case ']': --depth; break;
      case '}':
        if (depth == 0) return i;
        --depth;
        break;
      case '\\':
        err = "f-string expression part cannot include a backslash";
        return std::string::npos;
      case '#':
        err = "f-string expression part cannot include '#'";
        return std::string::npos;
      case '!':
        if (depth == 0 && !(i + 1 < end && b[i + 1] == '=')) return i;
        if (i + 1 < end && b[i + 1] == '=') ++i;
        break;
      case ':':
        if (depth == 0) return i;
        break;
      case '=':
        if (depth == 0 && !(i + 1 < end && b[i + 1] == '=') &&
            !(i > 0 && (b[i - 1] == '=' || b[i - 1] == '!' || b[i - 1] == '<' || b[i - 1] == '>')))
          return i;
        if (i + 1 < end && b[i + 1] == '=') ++i;
        break;
      default:
        break;
    }
  }
  err = quote ? "f-string: unterminated string" : "f-string: expecting '}'";
  return std::string::npos;
}

bool Driver::parse_fstring_body(std::string_view body, bool raw, const StrTok& t, size_t base,
                                ExprList& out, std::string& literal, const Loc& whole, int depth) {
  // `body` is a slice of t.value starting at offset `base` (non-zero for format specs).
  size_t i = 0, n = body.size();
  auto fail_here = [&](const std::string& msg) {
    fail(Loc{whole.end_line, whole.end_col, whole.end_line, whole.end_col},
         // Escape errors read as in any string literal: "(unicode error) ..." unprefixed.
         msg.rfind("f-string", 0) == 0 || msg.rfind("(unicode error)", 0) == 0 ? msg
                                                                               : "f-string: " + msg);
    return false;
  };
  while (i < n) {
    char c = body[i];
    if (c == '{') {
      if (depth == 0 && i + 1 < n && body[i + 1] == '{') {
        literal += '{';
        i += 2;
        continue;
      }
      if (depth >= 2) return fail_here("f-string: expressions nested too deeply");
      std::string err;
      size_t j = find_expr_end(body, i + 1, n, err);
      if (j == std::string::npos) return fail_here(err);
      std::string_view expr_text = body.substr(i + 1, j - i - 1);
      if (expr_text.find_first_not_of(" \t\r\n\f") == std::string_view::npos)
        return fail_here("f-string: empty expression not allowed");
      std::string debug_text;
      if (body[j] == '=') {
        size_t k = j + 1;
        while (k < n && (body[k] == ' ' || body[k] == '\t')) ++k;
        debug_text.assign(body.substr(i + 1, k - i - 1));
        j = k;
      }
      int conversion = -1;
      if (j < n && body[j] == '!') {
        char cv = j + 1 < n ? body[j + 1] : '\0';
        if (cv != 's' && cv != 'r' && cv != 'a')
          return fail_here("f-string: invalid conversion character: expected 's', 'r', or 'a'");
        conversion = cv;
        j += 2;
      }
      ExprPtr spec;
      if (j < n && body[j] == ':') {
        size_t k = j + 1;
        int nest = 0;
        for (; k < n; ++k) {
          if (body[k] == '{') {
            ++nest;
            // A nested field's expression may hold strings with braces (f'{x:{"}"}>3}').
            std::string ignored;
            size_t e = find_expr_end(body, k + 1, n, ignored);
            if (e != std::string::npos) k = e - 1;
          } else if (body[k] == '}') {
            if (nest == 0) break;
            --nest;
          }
        }
        // CPython 3.11 gives a format spec the span of the f-string token holding it (not of
        // the whole implicitly concatenated literal).
        auto js = make<JoinedStr>(Loc{t.loc.line, t.loc.col, t.loc.end_line, t.loc.end_col});
        std::string spec_lit;
        if (!parse_fstring_body(body.substr(j + 1, k - j - 1), raw, t, base + j + 1, js->values,
                                spec_lit, whole, depth + 1))
          return false;
        // The spec's trailing literal takes the spec's span (its earlier pieces take `whole`).
        flush_literal(spec_lit, js->values, js->loc);
        spec = std::move(js);
        j = k;
      }
      if (j >= n || body[j] != '}') return fail_here("f-string: expecting '}'");
      ExprPtr value = parse_fexpr(expr_text, t, base + i + 1);
      if (!value) return false;
      if (!debug_text.empty()) {
        literal += debug_text;
        if (conversion == -1 && !spec) conversion = 'r';
      }
      flush_literal(literal, out, whole);
      auto fv = make<FormattedValue>(whole);
      fv->value = std::move(value);
      fv->conversion = conversion;
      fv->format_spec = std::move(spec);
      out.push_back(std::move(fv));
      i = j + 1;
      continue;
    }
    if (c == '}') {
      if (depth == 0 && i + 1 < n && body[i + 1] == '}') {
        literal += '}';
        i += 2;
        continue;
      }
      return fail_here("f-string: single '}' is not allowed");
    }
    size_t k = i;
    while (k < n && body[k] != '{' && body[k] != '}') {
      if (body[k] == '\\' && !raw && k + 2 < n && body[k + 1] == 'N' && body[k + 2] == '{') {
        // \N{NAME}: its braces belong to the escape, not to a replacement field.
        size_t close = body.find('}', k + 3);
        k = close == std::string_view::npos ? n : close + 1;
      } else if (body[k] == '\\' && !raw && k + 1 < n && body[k + 1] != '{' && body[k + 1] != '}') {
        k += 2;
      } else {
        ++k;
      }
    }
    std::string_view chunk = body.substr(i, k - i);
    if (raw) {
      literal += chunk;
    } else {
      std::string err = lex::decode_escapes(chunk, false, literal);
      if (!err.empty()) return fail_here(err);
    }
    i = k;
  }
  return true;
}

ExprPtr Driver::parse_fexpr(std::string_view text, const StrTok& t, size_t offset) {
  // Where does byte `offset` of the body sit in the source?
  std::string_view body = t.value;
  int line = t.body_line, col = t.body_col;
  size_t nl = body.rfind('\n', offset == 0 ? 0 : offset - 1);
  if (offset > 0 && nl != std::string_view::npos && nl < offset) {
    for (size_t q = 0; q < offset; ++q)
      if (body[q] == '\n') ++line;
    col = static_cast<int>(offset - nl - 1);
  } else {
    col += static_cast<int>(offset);
  }
  // Fast path: a plain identifier (the common `{name}`) needs no nested parser.
  size_t b = text.find_first_not_of(" \t");
  size_t e = text.find_last_not_of(" \t");
  if (b != std::string_view::npos) {
    std::string_view id = text.substr(b, e - b + 1);
    bool simple = !(id[0] >= '0' && id[0] <= '9');
    for (char ch : id) {
      if (!((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
            ch == '_'))
        simple = false;
    }
    static const char* const kWords[] = {"False", "None", "True", "and", "as", "assert", "async",
        "await", "break", "class", "continue", "def", "del", "elif", "else", "except", "finally",
        "for", "from", "global", "if", "import", "in", "is", "lambda", "nonlocal", "not", "or",
        "pass", "raise", "return", "try", "while", "with", "yield"};
    for (const char* w : kWords)
      if (id == w) simple = false;
    if (simple) {
      int c0 = col + static_cast<int>(b);
      auto n = make<Name>(Loc{line, c0, line, c0 + static_cast<int>(id.size())});
      n->id.assign(id);
      return n;
    }
  }
  std::string src;
  src.reserve(text.size() + 2);
  src += '(';
  src += text;
  src += ')';
  Driver sub(src, src_.filename(), Mode::Eval);
  sub.set_origin(line, col - 1);
  ParseResult r = sub.run();
  if (r.error) {
    SyntaxError e = *r.error;
    e.msg = "f-string: " + e.msg;
    e.text = std::string(src_.line_text(e.lineno));
    if (!error_) error_ = std::move(e);
    return nullptr;
  }
  auto& stmt = as<ExprStmt>(*r.module->body[0]);
  return std::move(stmt.value);
}

}  // namespace minipy::parse
