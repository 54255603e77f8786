// The re2c rules of minipy's lexer (source -> tokens): one block, one action per token class,
// in the shape of ninja's lexer.in.cc. Line structure, strings and numbers are finished in
// lexer.cpp; this block only classifies the next run of bytes. re2c generates scanner.cpp in
// the build directory. The input ends with a NUL sentinel (SourceBuffer), so no YYFILL.
#include "lexer/lexer.h"

namespace minipy::lex {

Lexer::Raw Lexer::scan(TokenKind& kind) {
  const char* p = p_;
  const char* q = nullptr;  // YYMARKER
  const char* start = p;
  Raw raw = Raw::Token;
  /*!re2c
    re2c:define:YYCTYPE = "unsigned char";
    re2c:define:YYCURSOR = p;
    re2c:define:YYMARKER = q;
    re2c:yyfill:enable = 0;
    re2c:indent:top = 1;

    idstart = [a-zA-Z_] | [\x80-\xff];
    idcont = [a-zA-Z0-9_] | [\x80-\xff];
    digitpart = [0-9] ("_"? [0-9])*;
    exponent = [eE] [+-]? digitpart;
    pointfloat = digitpart? "." digitpart | digitpart ".";
    number = digitpart
           | "0" [xX] ("_"? [0-9a-fA-F])+
           | "0" [oO] ("_"? [0-7])+
           | "0" [bB] ("_"? [01])+
           | pointfloat exponent?
           | digitpart exponent
           | (digitpart | pointfloat exponent? | digitpart exponent) [jJ];
    strprefix = [rRbBuUfF] | [rR][bBfF] | [bBfF][rR];

    [ \t\f]+                 { raw = Raw::Space; goto done; }
    "#" [^\r\n\x00]*         { raw = Raw::Comment; goto done; }
    "\\" ("\r\n" | "\n" | "\r") { raw = Raw::Continuation; goto done; }
    "\r\n" | "\n" | "\r"     { raw = Raw::Newline; goto done; }
    "\x00"                   { raw = (start == end_) ? Raw::End : Raw::Nul; goto done; }
    strprefix? ["']          { raw = Raw::String; goto done; }
    number                   { kind = TokenKind::NUMBER; goto done; }

    "False"    { kind = TokenKind::KW_FALSE; goto done; }
    "None"     { kind = TokenKind::KW_NONE; goto done; }
    "True"     { kind = TokenKind::KW_TRUE; goto done; }
    "and"      { kind = TokenKind::KW_AND; goto done; }
    "as"       { kind = TokenKind::KW_AS; goto done; }
    "assert"   { kind = TokenKind::KW_ASSERT; goto done; }
    "async"    { kind = TokenKind::KW_ASYNC; goto done; }
    "await"    { kind = TokenKind::KW_AWAIT; goto done; }
    "break"    { kind = TokenKind::KW_BREAK; goto done; }
    "class"    { kind = TokenKind::KW_CLASS; goto done; }
    "continue" { kind = TokenKind::KW_CONTINUE; goto done; }
    "def"      { kind = TokenKind::KW_DEF; goto done; }
    "del"      { kind = TokenKind::KW_DEL; goto done; }
    "elif"     { kind = TokenKind::KW_ELIF; goto done; }
    "else"     { kind = TokenKind::KW_ELSE; goto done; }
    "except"   { kind = TokenKind::KW_EXCEPT; goto done; }
    "finally"  { kind = TokenKind::KW_FINALLY; goto done; }
    "for"      { kind = TokenKind::KW_FOR; goto done; }
    "from"     { kind = TokenKind::KW_FROM; goto done; }
    "global"   { kind = TokenKind::KW_GLOBAL; goto done; }
    "if"       { kind = TokenKind::KW_IF; goto done; }
    "import"   { kind = TokenKind::KW_IMPORT; goto done; }
    "in"       { kind = TokenKind::KW_IN; goto done; }
    "is"       { kind = TokenKind::KW_IS; goto done; }
    "lambda"   { kind = TokenKind::KW_LAMBDA; goto done; }
    "nonlocal" { kind = TokenKind::KW_NONLOCAL; goto done; }
    "not"      { kind = TokenKind::KW_NOT; goto done; }
    "or"       { kind = TokenKind::KW_OR; goto done; }
    "pass"     { kind = TokenKind::KW_PASS; goto done; }
    "raise"    { kind = TokenKind::KW_RAISE; goto done; }
    "return"   { kind = TokenKind::KW_RETURN; goto done; }
    "try"      { kind = TokenKind::KW_TRY; goto done; }
    "while"    { kind = TokenKind::KW_WHILE; goto done; }
    "with"     { kind = TokenKind::KW_WITH; goto done; }
    "yield"    { kind = TokenKind::KW_YIELD; goto done; }
    idstart idcont*          { kind = TokenKind::NAME; goto done; }

    "("   { kind = TokenKind::LPAR; goto done; }
    ")"   { kind = TokenKind::RPAR; goto done; }
    "["   { kind = TokenKind::LSQB; goto done; }
    "]"   { kind = TokenKind::RSQB; goto done; }
    "{"   { kind = TokenKind::LBRACE; goto done; }
    "}"   { kind = TokenKind::RBRACE; goto done; }
    ","   { kind = TokenKind::COMMA; goto done; }
    ":"   { kind = TokenKind::COLON; goto done; }
    ";"   { kind = TokenKind::SEMI; goto done; }
    "."   { kind = TokenKind::DOT; goto done; }
    "..." { kind = TokenKind::ELLIPSIS; goto done; }
    "+"   { kind = TokenKind::PLUS; goto done; }
    "-"   { kind = TokenKind::MINUS; goto done; }
    "*"   { kind = TokenKind::STAR; goto done; }
    "/"   { kind = TokenKind::SLASH; goto done; }
    "//"  { kind = TokenKind::DOUBLESLASH; goto done; }
    "%"   { kind = TokenKind::PERCENT; goto done; }
    "**"  { kind = TokenKind::DOUBLESTAR; goto done; }
    "@"   { kind = TokenKind::AT; goto done; }
    "|"   { kind = TokenKind::VBAR; goto done; }
    "&"   { kind = TokenKind::AMPER; goto done; }
    "^"   { kind = TokenKind::CIRCUMFLEX; goto done; }
    "~"   { kind = TokenKind::TILDE; goto done; }
    "<<"  { kind = TokenKind::LSHIFT; goto done; }
    ">>"  { kind = TokenKind::RSHIFT; goto done; }
    "<"   { kind = TokenKind::LESS; goto done; }
    ">"   { kind = TokenKind::GREATER; goto done; }
    "<="  { kind = TokenKind::LESSEQUAL; goto done; }
    ">="  { kind = TokenKind::GREATEREQUAL; goto done; }
    "=="  { kind = TokenKind::EQEQUAL; goto done; }
    "!="  { kind = TokenKind::NOTEQUAL; goto done; }
    "<>"  { raw = Raw::BadChar; goto done; }
    "="   { kind = TokenKind::EQUAL; goto done; }
    "+="  { kind = TokenKind::PLUSEQUAL; goto done; }
    "-="  { kind = TokenKind::MINEQUAL; goto done; }
    "*="  { kind = TokenKind::STAREQUAL; goto done; }
    "/="  { kind = TokenKind::SLASHEQUAL; goto done; }
    "//=" { kind = TokenKind::DOUBLESLASHEQUAL; goto done; }
    "%="  { kind = TokenKind::PERCENTEQUAL; goto done; }
    "**=" { kind = TokenKind::DOUBLESTAREQUAL; goto done; }
    "@="  { kind = TokenKind::ATEQUAL; goto done; }
    "|="  { kind = TokenKind::VBAREQUAL; goto done; }
    "&="  { kind = TokenKind::AMPEREQUAL; goto done; }
    "^="  { kind = TokenKind::CIRCUMFLEXEQUAL; goto done; }
    "<<=" { kind = TokenKind::LEFTSHIFTEQUAL; goto done; }
    ">>=" { kind = TokenKind::RIGHTSHIFTEQUAL; goto done; }
    "->"  { kind = TokenKind::RARROW; goto done; }
    ":="  { kind = TokenKind::COLONEQUAL; goto done; }
    *     { raw = Raw::BadChar; goto done; }
  */
done:
  p_ = p;
  return raw;
}

}  // namespace minipy::lex
