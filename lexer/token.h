// Token: what the lexer hands to the parser driver (source -> *tokens* -> AST).
// The kinds come from tokens.def. Only NAME, NUMBER and STRING carry text; a STRING's `value`
// holds its decoded contents (or, for an f-string, its raw body for the driver to re-parse).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "lexer/source.h"

namespace minipy::lex {

enum class TokenKind : uint8_t {
#define TOKEN(name, spelling) name,
#include "lexer/tokens.def"
};

/// The spelling of a kind: "(" for LPAR, "if" for KW_IF, "NAME" for NAME.
std::string_view token_name(TokenKind k);

/// Flags on a STRING token.
enum StrFlags : uint8_t {
  kStrBytes = 1,    // b'...'
  kStrRaw = 2,      // r'...'
  kStrFormat = 4,   // f'...': value is the raw body; body_line/body_col locate its first byte
  kStrTriple = 8,   // '''...'''
  kStrUnicode = 16,  // u'...' (kept as Constant.kind = 'u', as CPython does)
};

struct Token {
  TokenKind kind = TokenKind::END;
  uint8_t str_flags = 0;
  SourceLoc loc;
  std::string_view text;  // the token's bytes in the source
  std::string value;      // STRING: decoded contents (raw body for f-strings)
  int body_line = 0;      // STRING with kStrFormat: where the body starts
  int body_col = 0;
};

}  // namespace minipy::lex
