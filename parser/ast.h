// The abstract syntax tree: what the parser (parser/grammar.yy) builds and the compiler
// (vm/compiler.cpp) consumes. Node kinds and field names follow CPython's Python.asdl so that
// anyone who knows `ast.dump()` can read this file. Every node owns its children through
// unique_ptr and carries a source span (1-based lines, 0-based byte columns, as CPython).
// Nothing here depends on the runtime: constants are plain C++ values.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <type_traits>
#include <vector>

namespace minipy::ast {

/// A source span. Columns are 0-based UTF-8 byte offsets; end_col is one past the last byte.
struct Loc {
  int line = 0;
  int col = 0;
  int end_line = 0;
  int end_col = 0;
};

struct Expr;
struct Stmt;

/// Deletes a node without recursing on the C++ stack (issue 12): a node freed while another one
/// is being freed is queued and freed by the outermost call, so a chain of a million nested
/// nodes ("-" * 10**6 + "1", a long `a + b + ...`) is torn down in a loop.
void delete_node(Expr* e) noexcept;
void delete_node(Stmt* s) noexcept;

}  // namespace minipy::ast

// Every unique_ptr<Expr>/<Stmt> (the tree's owning edges) frees through delete_node.
template <>
struct std::default_delete<minipy::ast::Expr> {
  constexpr default_delete() noexcept = default;
  template <class U, class = std::enable_if_t<std::is_convertible_v<U*, minipy::ast::Expr*>>>
  default_delete(const std::default_delete<U>&) noexcept {}  // NOLINT: converting, as the primary
  void operator()(minipy::ast::Expr* e) const noexcept { minipy::ast::delete_node(e); }
};
template <>
struct std::default_delete<minipy::ast::Stmt> {
  constexpr default_delete() noexcept = default;
  template <class U, class = std::enable_if_t<std::is_convertible_v<U*, minipy::ast::Stmt*>>>
  default_delete(const std::default_delete<U>&) noexcept {}  // NOLINT: converting, as the primary
  void operator()(minipy::ast::Stmt* s) const noexcept { minipy::ast::delete_node(s); }
};

namespace minipy::ast {

using ExprPtr = std::unique_ptr<Expr>;
using StmtPtr = std::unique_ptr<Stmt>;
using ExprList = std::vector<ExprPtr>;
using StmtList = std::vector<StmtPtr>;

enum class ExprContext : uint8_t { Load, Store, Del };
enum class BoolOpKind : uint8_t { And, Or };
enum class BinOpKind : uint8_t {
  Add, Sub, Mult, MatMult, Div, Mod, Pow, LShift, RShift, BitOr, BitXor, BitAnd, FloorDiv
};
enum class UnaryOpKind : uint8_t { Invert, Not, UAdd, USub };
enum class CmpOpKind : uint8_t { Eq, NotEq, Lt, LtE, Gt, GtE, Is, IsNot, In, NotIn };

// ---------------------------------------------------------------- expressions
enum class ExprKind : uint8_t {
  BoolOp, NamedExpr, BinOp, UnaryOp, Lambda, IfExp, Dict, Set, ListComp, SetComp, DictComp,
  GeneratorExp, Await, Yield, YieldFrom, Compare, Call, FormattedValue, JoinedStr, Constant, Attribute,
  Subscript, Starred, Name, List, Tuple, Slice
};

struct Expr {
  explicit Expr(ExprKind k, Loc l = {}) : kind(k), loc(l) {}
  virtual ~Expr() = default;
  ExprKind kind;
  Loc loc;
};

template <ExprKind K>
struct ExprNode : Expr {
  static constexpr ExprKind kKind = K;
  explicit ExprNode(Loc l = {}) : Expr(K, l) {}
};

/// Cast helper: `as<Name>(e)` asserts (in debug) that e has the right kind.
template <class T>
T& as(Expr& e) { return static_cast<T&>(e); }
template <class T>
const T& as(const Expr& e) { return static_cast<const T&>(e); }

struct BoolOp : ExprNode<ExprKind::BoolOp> {  // a and b and c
  BoolOpKind op{};
  ExprList values;  // >= 2
};
struct NamedExpr : ExprNode<ExprKind::NamedExpr> {  // target := value
  ExprPtr target;  // a Name in Store context
  ExprPtr value;
};
struct BinOp : ExprNode<ExprKind::BinOp> {
  ExprPtr left;
  BinOpKind op{};
  ExprPtr right;
};
struct UnaryOp : ExprNode<ExprKind::UnaryOp> {
  UnaryOpKind op{};
  ExprPtr operand;
};

struct Arg {
  std::string name;
  ExprPtr annotation;  // may be null; evaluated never (annotations are ignored)
  Loc loc;
};
/// Formal parameters, in CPython's layout:
/// def f(posonly, /, args=defaults, *vararg, kwonly=kw_defaults, **kwarg)
struct Arguments {
  std::vector<Arg> posonlyargs;
  std::vector<Arg> args;
  std::optional<Arg> vararg;
  std::vector<Arg> kwonlyargs;
  ExprList kw_defaults;  // same length as kwonlyargs; null entry = no default
  std::optional<Arg> kwarg;
  ExprList defaults;  // for the last len(defaults) of posonlyargs+args
};

struct Lambda : ExprNode<ExprKind::Lambda> {
  Arguments args;
  ExprPtr body;
};
struct IfExp : ExprNode<ExprKind::IfExp> {  // body if test else orelse
  ExprPtr test, body, orelse;
};
struct Dict : ExprNode<ExprKind::Dict> {
  ExprList keys;  // null key = `**values[i]` unpacking
  ExprList values;
};
struct Set : ExprNode<ExprKind::Set> {
  ExprList elts;
};
struct Comprehension {  // [async] for target in iter if ifs...
  ExprPtr target;
  ExprPtr iter;
  ExprList ifs;
  bool is_async = false;
};
struct ListComp : ExprNode<ExprKind::ListComp> {
  ExprPtr elt;
  std::vector<Comprehension> generators;
};
struct SetComp : ExprNode<ExprKind::SetComp> {
  ExprPtr elt;
  std::vector<Comprehension> generators;
};
struct DictComp : ExprNode<ExprKind::DictComp> {
  ExprPtr key, value;
  std::vector<Comprehension> generators;
};
struct GeneratorExp : ExprNode<ExprKind::GeneratorExp> {
  ExprPtr elt;
  std::vector<Comprehension> generators;
};
struct Yield : ExprNode<ExprKind::Yield> {
  ExprPtr value;  // may be null
};
struct YieldFrom : ExprNode<ExprKind::YieldFrom> {
  ExprPtr value;
};
struct Await : ExprNode<ExprKind::Await> {
  ExprPtr value;
};
struct Compare : ExprNode<ExprKind::Compare> {  // left op0 c0 op1 c1 ...
  ExprPtr left;
  std::vector<CmpOpKind> ops;
  ExprList comparators;
};
struct Keyword {
  std::string arg;  // empty = `**value`
  ExprPtr value;
  Loc loc;
};
struct Call : ExprNode<ExprKind::Call> {
  ExprPtr func;
  ExprList args;  // may contain Starred for *args
  std::vector<Keyword> keywords;
};
/// One `{value!conv:spec}` part of an f-string.
struct FormattedValue : ExprNode<ExprKind::FormattedValue> {
  ExprPtr value;
  int conversion = -1;  // -1 none, 's', 'r', 'a'
  ExprPtr format_spec;  // null or a JoinedStr
};
struct JoinedStr : ExprNode<ExprKind::JoinedStr> {
  ExprList values;  // Constant(str) and FormattedValue parts
};

/// A literal. Integers are kept as their decimal digits when they do not fit int64
/// (big_int non-empty), so the parser needs no bignum library.
struct Constant : ExprNode<ExprKind::Constant> {
  enum class Kind : uint8_t { None, True, False, Ellipsis, Int, Float, Complex, Str, Bytes };
  Kind ckind = Kind::None;
  int64_t int_value = 0;  // Kind::Int when it fits
  std::string big_int;    // Kind::Int, decimal digits (with '-' never), when it does not fit
  double float_value = 0;  // Float; Complex: the imaginary part (literals are imaginary)
  std::string str_value;  // Str: UTF-8 text; Bytes: raw bytes
  std::string kind;       // "u" for a u'...' literal (CPython's Constant.kind), else empty
};

struct Attribute : ExprNode<ExprKind::Attribute> {
  ExprPtr value;
  std::string attr;
  ExprContext ctx = ExprContext::Load;
};
struct Subscript : ExprNode<ExprKind::Subscript> {
  ExprPtr value;
  ExprPtr slice;  // a Slice, a Tuple (a[1:2, 3]) or any expression
  ExprContext ctx = ExprContext::Load;
};
struct Starred : ExprNode<ExprKind::Starred> {
  ExprPtr value;
  ExprContext ctx = ExprContext::Load;
};
struct Name : ExprNode<ExprKind::Name> {
  std::string id;
  ExprContext ctx = ExprContext::Load;
};
struct List : ExprNode<ExprKind::List> {
  ExprList elts;
  ExprContext ctx = ExprContext::Load;
};
struct Tuple : ExprNode<ExprKind::Tuple> {
  ExprList elts;
  ExprContext ctx = ExprContext::Load;
};
struct Slice : ExprNode<ExprKind::Slice> {
  ExprPtr lower, upper, step;  // each may be null
};

// ---------------------------------------------------------------- statements
enum class StmtKind : uint8_t {
  FunctionDef, ClassDef, Return, Delete, Assign, AugAssign, AnnAssign, For, While, If, With,
  Raise, Try, Assert, Import, ImportFrom, Global, Nonlocal, Expr, Pass, Break, Continue, Match
};

struct Stmt {
  explicit Stmt(StmtKind k, Loc l = {}) : kind(k), loc(l) {}
  virtual ~Stmt() = default;
  StmtKind kind;
  Loc loc;
  /// Where a trailing ';' after this statement ends (line 0 = none): a block whose last
  /// statement has one ends there, as CPython's compound statements do.
  int semi_end_line = 0;
  int semi_end_col = 0;
};

template <StmtKind K>
struct StmtNode : Stmt {
  static constexpr StmtKind kKind = K;
  explicit StmtNode(Loc l = {}) : Stmt(K, l) {}
};

template <class T>
T& as(Stmt& s) { return static_cast<T&>(s); }
template <class T>
const T& as(const Stmt& s) { return static_cast<const T&>(s); }

struct FunctionDef : StmtNode<StmtKind::FunctionDef> {
  std::string name;
  Arguments args;
  StmtList body;
  ExprList decorator_list;
  ExprPtr returns;  // annotation, ignored
  bool is_async = false;  // `async def` (ast.AsyncFunctionDef)
};
struct ClassDef : StmtNode<StmtKind::ClassDef> {
  std::string name;
  ExprList bases;  // may contain Starred
  std::vector<Keyword> keywords;  // metaclass=..., **kw
  StmtList body;
  ExprList decorator_list;
};
struct Return : StmtNode<StmtKind::Return> {
  ExprPtr value;  // may be null
};
struct Delete : StmtNode<StmtKind::Delete> {
  ExprList targets;
};
struct Assign : StmtNode<StmtKind::Assign> {  // t1 = t2 = value
  ExprList targets;
  ExprPtr value;
};
struct AugAssign : StmtNode<StmtKind::AugAssign> {
  ExprPtr target;  // Name, Attribute or Subscript
  BinOpKind op{};
  ExprPtr value;
};
struct AnnAssign : StmtNode<StmtKind::AnnAssign> {  // target: annotation [= value]
  ExprPtr target;
  ExprPtr annotation;
  ExprPtr value;  // may be null
  bool simple = true;
};
struct For : StmtNode<StmtKind::For> {
  ExprPtr target, iter;
  StmtList body, orelse;
  bool is_async = false;  // `async for` (ast.AsyncFor)
};
struct While : StmtNode<StmtKind::While> {
  ExprPtr test;
  StmtList body, orelse;
};
struct If : StmtNode<StmtKind::If> {  // elif chains nest in orelse
  ExprPtr test;
  StmtList body, orelse;
};
struct WithItem {
  ExprPtr context_expr;
  ExprPtr optional_vars;  // may be null
};
struct With : StmtNode<StmtKind::With> {
  std::vector<WithItem> items;
  StmtList body;
  bool is_async = false;  // `async with` (ast.AsyncWith)
};
struct Raise : StmtNode<StmtKind::Raise> {
  ExprPtr exc;    // may be null (bare raise)
  ExprPtr cause;  // may be null
};
struct ExceptHandler {
  bool is_star = false;  // `except*` (PEP 654)
  Loc star_loc;          // `except*` (the keyword and the star), for errors
  ExprPtr type;      // null = bare except
  std::string name;  // empty = no `as`
  StmtList body;
  Loc loc;
};
struct Try : StmtNode<StmtKind::Try> {  // with is_star: `except*` (ast.TryStar, PEP 654)
  bool is_star = false;
  StmtList body;
  std::vector<ExceptHandler> handlers;
  StmtList orelse, finalbody;
};
struct Assert : StmtNode<StmtKind::Assert> {
  ExprPtr test;
  ExprPtr msg;  // may be null
};
struct Alias {
  std::string name;    // dotted for Import; "*" for `from m import *`
  std::string asname;  // empty = none
  Loc loc;
};
struct Import : StmtNode<StmtKind::Import> {
  std::vector<Alias> names;
};
struct ImportFrom : StmtNode<StmtKind::ImportFrom> {
  std::string module;  // may be empty for `from . import x`
  std::vector<Alias> names;
  int level = 0;  // number of leading dots
};
struct Global : StmtNode<StmtKind::Global> {
  std::vector<std::string> names;
};
struct Nonlocal : StmtNode<StmtKind::Nonlocal> {
  std::vector<std::string> names;
};
struct ExprStmt : StmtNode<StmtKind::Expr> {
  ExprPtr value;
};
struct Pass : StmtNode<StmtKind::Pass> {};
struct Break : StmtNode<StmtKind::Break> {};
struct Continue : StmtNode<StmtKind::Continue> {};

// ---------------------------------------------------------------- patterns (PEP 634)
// Patterns nest only through brackets, which the lexer limits (200 levels), so a pattern tree
// is freed by plain recursive destructors.
enum class PatternKind : uint8_t {
  MatchValue, MatchSingleton, MatchSequence, MatchMapping, MatchClass, MatchStar, MatchAs, MatchOr
};

struct Pattern {
  explicit Pattern(PatternKind k, Loc l = {}) : kind(k), loc(l) {}
  virtual ~Pattern() = default;
  PatternKind kind;
  Loc loc;
};
using PatternPtr = std::unique_ptr<Pattern>;
using PatternList = std::vector<PatternPtr>;

template <PatternKind K>
struct PatternNode : Pattern {
  static constexpr PatternKind kKind = K;
  explicit PatternNode(Loc l = {}) : Pattern(K, l) {}
};
template <class T>
T& as(Pattern& p) { return static_cast<T&>(p); }
template <class T>
const T& as(const Pattern& p) { return static_cast<const T&>(p); }

struct MatchValue : PatternNode<PatternKind::MatchValue> {  // a literal or a dotted name
  ExprPtr value;
};
struct MatchSingleton : PatternNode<PatternKind::MatchSingleton> {  // None, True, False
  Constant::Kind value = Constant::Kind::None;
};
struct MatchSequence : PatternNode<PatternKind::MatchSequence> {  // [a, *rest] or (a, b)
  PatternList patterns;
};
struct MatchMapping : PatternNode<PatternKind::MatchMapping> {  // {key: p, **rest}
  ExprList keys;
  PatternList patterns;
  std::string rest;  // empty = no **rest
};
struct MatchClass : PatternNode<PatternKind::MatchClass> {  // Cls(p, kw=p)
  ExprPtr cls;
  PatternList patterns;
  std::vector<std::string> kwd_attrs;
  PatternList kwd_patterns;
};
struct MatchStar : PatternNode<PatternKind::MatchStar> {  // *name (empty name = *_)
  std::string name;
};
struct MatchAs : PatternNode<PatternKind::MatchAs> {  // p as name; bare name; `_` (both empty)
  PatternPtr pattern;
  std::string name;
};
struct MatchOr : PatternNode<PatternKind::MatchOr> {  // p1 | p2 | ...
  PatternList patterns;
};

struct MatchCase {
  PatternPtr pattern;
  ExprPtr guard;  // may be null
  StmtList body;
};
struct Match : StmtNode<StmtKind::Match> {
  ExprPtr subject;
  std::vector<MatchCase> cases;
};

/// A whole parsed file (`exec` mode) or, with is_interactive, one REPL input whose expression
/// statements print their value.
struct Module {
  StmtList body;
  bool is_interactive = false;
};

/// Builds a node of type T with the given location: `auto n = make<Name>(loc);`
template <class T>
std::unique_ptr<T> make(Loc loc = {}) {
  auto p = std::make_unique<T>();
  p->loc = loc;
  return p;
}

/// Renders the tree in the spirit of `ast.dump()` (used by `minipy --ast` and parser tests).
std::string dump(const Module& m);
std::string dump(const Expr& e);
/// As dump(), and with include_attributes also every node's lineno/col_offset/end_lineno/
/// end_col_offset: the same text as CPython's `ast.dump(tree, include_attributes=True)`.
std::string dump(const Module& m, bool include_attributes);
std::string dump(const Expr& e, bool include_attributes);

}  // namespace minipy::ast
