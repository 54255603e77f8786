// Lexer unit tests (source -> tokens): line structure, literals, lexical errors.
#include "lexer/lexer.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace minipy::lex {
namespace {

struct Lexed {
  std::vector<Token> toks;
  std::optional<Diagnostic> error;
};

Lexed lex_all(std::string_view src) {
  SourceBuffer sb(src, "<test>");
  Lexer lx(sb);
  Lexed out;
  for (;;) {
    Token t;
    lx.next(t);
    out.toks.push_back(t);
    if (t.kind == TokenKind::END || t.kind == TokenKind::ERROR) break;
  }
  out.error = lx.error();
  // token text points into sb: copy views that tests read
  for (auto& t : out.toks) t.text = {};
  return out;
}

std::string kinds(std::string_view src) {
  auto r = lex_all(src);
  std::string s;
  for (auto& t : r.toks) {
    if (!s.empty()) s += ' ';
    s += token_name(t.kind);
  }
  return s;
}

TEST(Lexer, SimpleStatement) {
  EXPECT_EQ(kinds("x = 1\n"), "NAME = NUMBER NEWLINE end of file");
}

TEST(Lexer, NoTrailingNewlineStillEmitsNewline) {
  EXPECT_EQ(kinds("x"), "NAME NEWLINE end of file");
}

TEST(Lexer, EmptyAndBlankInput) {
  EXPECT_EQ(kinds(""), "end of file");
  EXPECT_EQ(kinds("\n\n  \n# c\n"), "end of file");
}

TEST(Lexer, IndentDedent) {
  EXPECT_EQ(kinds("if x:\n    y\nz\n"),
            "if NAME : NEWLINE INDENT NAME NEWLINE DEDENT NAME NEWLINE end of file");
}

TEST(Lexer, MultipleDedentsAtOnce) {
  EXPECT_EQ(kinds("if a:\n  if b:\n    c\nd\n"),
            "if NAME : NEWLINE INDENT if NAME : NEWLINE INDENT NAME NEWLINE DEDENT DEDENT NAME "
            "NEWLINE end of file");
}

TEST(Lexer, PendingDedentsAtEof) {
  EXPECT_EQ(kinds("if a:\n  if b:\n    c"),
            "if NAME : NEWLINE INDENT if NAME : NEWLINE INDENT NAME NEWLINE DEDENT DEDENT end of file");
}

TEST(Lexer, BlankAndCommentLinesDoNotAffectIndentation) {
  EXPECT_EQ(kinds("if a:\n\n    # comment\n  \n    b\n"),
            "if NAME : NEWLINE INDENT NAME NEWLINE DEDENT end of file");
}

TEST(Lexer, TabsCountToMultiplesOfEight) {
  EXPECT_EQ(kinds("if a:\n\tb\n\tc\n"),
            "if NAME : NEWLINE INDENT NAME NEWLINE NAME NEWLINE DEDENT end of file");
}

TEST(Lexer, NoNewlineOrIndentInsideBrackets) {
  EXPECT_EQ(kinds("x = (1,\n        2,\n  3)\n"), "NAME = ( NUMBER , NUMBER , NUMBER ) NEWLINE end of file");
  EXPECT_EQ(kinds("[\n]\n{\n}\n"), "[ ] NEWLINE { } NEWLINE end of file");
}

TEST(Lexer, BackslashContinuation) {
  EXPECT_EQ(kinds("x = 1 + \\\n    2\n"), "NAME = NUMBER + NUMBER NEWLINE end of file");
}

TEST(Lexer, CrLfLineEndings) {
  EXPECT_EQ(kinds("if a:\r\n  b\r\n"), "if NAME : NEWLINE INDENT NAME NEWLINE DEDENT end of file");
}

TEST(Lexer, KeywordsAndNames) {
  EXPECT_EQ(kinds("if iff None Nonez lambda_ not in is"), "if NAME None NAME NAME not in is NEWLINE end of file");
}

TEST(Lexer, Utf8Identifiers) {
  auto r = lex_all("é = 1\n");
  ASSERT_EQ(r.toks[0].kind, TokenKind::NAME);
  EXPECT_EQ(r.toks[1].loc.col, 3);  // byte columns
}

TEST(Lexer, OperatorsLongestMatch) {
  EXPECT_EQ(kinds("a **= b // c >>= d -> e := f ... g != h"),
            "NAME **= NAME // NAME >>= NAME -> NAME := NAME ... NAME != NAME NEWLINE end of file");
}

TEST(Lexer, TokenLocations) {
  auto r = lex_all("ab = 'x'\n  \n");
  EXPECT_EQ(r.toks[0].loc.line, 1);
  EXPECT_EQ(r.toks[0].loc.col, 0);
  EXPECT_EQ(r.toks[0].loc.end_col, 2);
  EXPECT_EQ(r.toks[2].loc.col, 5);
  EXPECT_EQ(r.toks[2].loc.end_col, 8);
}

TEST(Lexer, MultiLineStringLocation) {
  auto r = lex_all("x = '''a\nbc'''\ny\n");
  ASSERT_EQ(r.toks[2].kind, TokenKind::STRING);
  EXPECT_EQ(r.toks[2].loc.line, 1);
  EXPECT_EQ(r.toks[2].loc.end_line, 2);
  EXPECT_EQ(r.toks[2].loc.end_col, 5);
  EXPECT_EQ(r.toks[2].value, "a\nbc");
  EXPECT_EQ(r.toks[4].loc.line, 3);
}

TEST(Lexer, Numbers) {
  EXPECT_EQ(kinds("0 10 1_000 0x_fF 0o17 0b1_0 1.5 .5 1. 1e5 1E-5 1_0.0_1e+1_0"),
            "NUMBER NUMBER NUMBER NUMBER NUMBER NUMBER NUMBER NUMBER NUMBER NUMBER NUMBER NUMBER "
            "NEWLINE end of file");
}

TEST(Lexer, DecodeInt) {
  int64_t v = 0;
  std::string big;
  EXPECT_TRUE(decode_int("1_000", v, big));
  EXPECT_EQ(v, 1000);
  EXPECT_TRUE(decode_int("0xff", v, big));
  EXPECT_EQ(v, 255);
  EXPECT_TRUE(decode_int("0o17", v, big));
  EXPECT_EQ(v, 15);
  EXPECT_TRUE(decode_int("0b101", v, big));
  EXPECT_EQ(v, 5);
  EXPECT_TRUE(decode_int("9223372036854775807", v, big));
  EXPECT_EQ(v, INT64_MAX);
  EXPECT_FALSE(decode_int("9223372036854775808", v, big));
  EXPECT_EQ(big, "9223372036854775808");
  EXPECT_FALSE(decode_int("0xFFFFFFFFFFFFFFFFFFFF", v, big));
  EXPECT_EQ(big, "1208925819614629174706175");
  EXPECT_FALSE(decode_int("0b1" + std::string(64, '0'), v, big));
  EXPECT_EQ(big, "18446744073709551616");
  EXPECT_FALSE(decode_int("0o7777777777777777777777", v, big));
  EXPECT_EQ(big, "73786976294838206463");
}

TEST(Lexer, DecodeFloat) {
  EXPECT_DOUBLE_EQ(decode_float("1_000.5"), 1000.5);
  EXPECT_DOUBLE_EQ(decode_float(".5"), 0.5);
  EXPECT_DOUBLE_EQ(decode_float("1e5"), 1e5);
  EXPECT_TRUE(is_float_literal("1e5"));
  EXPECT_TRUE(is_float_literal("1."));
  EXPECT_FALSE(is_float_literal("0xe5"));
}

std::string str_value(std::string_view src) {
  auto r = lex_all(src);
  EXPECT_FALSE(r.error) << (r.error ? r.error->msg : "");
  return r.toks[0].value;
}

TEST(Lexer, StringEscapes) {
  EXPECT_EQ(str_value(R"('a\n\t\\\'\"')"), "a\n\t\\'\"");
  EXPECT_EQ(str_value(R"('\x41\101\0')"), std::string("AA\0", 3));
  EXPECT_EQ(str_value(R"('\u00e9\U0001F600')"), "\xC3\xA9\xF0\x9F\x98\x80");
  EXPECT_EQ(str_value(R"('\d\q')"), "\\d\\q");  // unknown escapes stay
  EXPECT_EQ(str_value("'a\\\nb'"), "ab");      // escaped newline
  EXPECT_EQ(str_value(R"(r'\n\x')"), "\\n\\x");
  EXPECT_EQ(str_value(R"(b'\xff\u0041')"), "\xff\\u0041");
  EXPECT_EQ(str_value(R"("it's")"), "it's");
  EXPECT_EQ(str_value("'''a'b\"c'''"), "a'b\"c");
}

TEST(Lexer, StringPrefixFlags) {
  auto r = lex_all("rb'x' BR'y' f'z' Rf'w' u'v'");
  EXPECT_EQ(r.toks[0].str_flags & (kStrBytes | kStrRaw), kStrBytes | kStrRaw);
  EXPECT_EQ(r.toks[1].str_flags & (kStrBytes | kStrRaw), kStrBytes | kStrRaw);
  EXPECT_TRUE(r.toks[2].str_flags & kStrFormat);
  EXPECT_TRUE(r.toks[3].str_flags & kStrFormat);
  EXPECT_TRUE(r.toks[3].str_flags & kStrRaw);
  EXPECT_TRUE(r.toks[4].str_flags & kStrUnicode);
}

TEST(Lexer, FStringIsOneTokenWithRawBody) {
  auto r = lex_all("f'a{b!r:>{w}}\\n'");
  ASSERT_EQ(r.toks[0].kind, TokenKind::STRING);
  EXPECT_EQ(r.toks[0].value, "a{b!r:>{w}}\\n");
  EXPECT_EQ(r.toks[0].body_col, 2);
  EXPECT_EQ(r.toks[1].kind, TokenKind::NEWLINE);
}

Diagnostic err(std::string_view src) {
  auto r = lex_all(src);
  EXPECT_TRUE(r.error.has_value()) << src;
  return r.error.value_or(Diagnostic{});
}

TEST(LexerErrors, UnterminatedString) {
  auto e = err("x = 'abc\n");
  EXPECT_EQ(e.msg, "unterminated string literal (detected at line 1)");
  EXPECT_EQ(e.line, 1);
  EXPECT_EQ(e.col, 4);
}

TEST(LexerErrors, UnterminatedTripleQuoted) {
  auto e = err("x = '''abc\n\n\n\n");
  EXPECT_EQ(e.msg, "unterminated triple-quoted string literal (detected at line 4)");
  EXPECT_EQ(e.line, 1);
}

TEST(LexerErrors, InvalidDecimalLiteral) {
  EXPECT_EQ(err("x = 1abc\n").msg, "invalid decimal literal");
  EXPECT_EQ(err("x = 1_\n").msg, "invalid decimal literal");
  EXPECT_EQ(err("x = 0x\n").msg, "invalid hexadecimal literal");
  EXPECT_EQ(err("x = 012\n").msg,
            "leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers");
}

TEST(LexerErrors, NumberFollowedByKeywordIsAccepted) {
  auto r = lex_all("1if x else 2\n");
  EXPECT_FALSE(r.error);
}

TEST(LexerErrors, Brackets) {
  EXPECT_EQ(err("x = 1)\n").msg, "unmatched ')'");
  EXPECT_EQ(err("x = [1, 2)\n").msg, "closing parenthesis ')' does not match opening parenthesis '['");
  EXPECT_EQ(err("x = [1,\n2)\n").msg,
            "closing parenthesis ')' does not match opening parenthesis '[' on line 1");
  auto e = err("foo(1,\n");
  EXPECT_EQ(e.msg, "'(' was never closed");
  EXPECT_EQ(e.col, 3);
}

TEST(LexerErrors, Indentation) {
  auto e = err("if x:\n    a\n  b\n");
  EXPECT_EQ(e.type, "IndentationError");
  EXPECT_EQ(e.msg, "unindent does not match any outer indentation level");
  EXPECT_EQ(e.line, 3);
  auto t = err("if x:\n\tpass\n        pass\n");
  EXPECT_EQ(t.type, "TabError");
  EXPECT_EQ(t.msg, "inconsistent use of tabs and spaces in indentation");
}

TEST(LexerErrors, BytesMustBeAscii) {
  EXPECT_EQ(err("b'\xc3\xa9'\n").msg, "bytes can only contain ASCII literal characters");
}

TEST(LexerErrors, ContinuationAtEof) {
  EXPECT_EQ(err("x = 1 +\\\n").msg, "unexpected EOF while parsing");
}

TEST(LexerErrors, BadCharacter) {
  EXPECT_EQ(err("x = $\n").msg, "invalid syntax");
}

}  // namespace
}  // namespace minipy::lex
