// The Compiler class shared by the pass-2 files: compiler.cpp (code units, names, constants,
// functions, classes, the module), compiler_stmt.cpp (statements, control flow, exceptions),
// compiler_expr.cpp (expressions, calls, assignment targets) and compiler_comprehension.cpp.
// Private to vm/; the public API is vm/compiler.h.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "vm/assembler.h"
#include "vm/compiler.h"
#include "vm/symtable.h"

namespace minipy::vm {

enum class NameCtx { Load, Store, Del };

/// BINARY_OP operand for an AST operator (add kInplace for augmented assignment).
uint32_t binary_op_arg(ast::BinOpKind op);
/// Truthiness of a compile-time constant.
bool constant_truthy(const Constant& c);

inline Constant make_kind(Constant::Kind k) {
  Constant c;
  c.kind = k;
  return c;
}
inline Constant make_str(const std::string& s) {
  Constant c = make_kind(Constant::Kind::Str);
  c.text = s;
  return c;
}
inline Constant make_int(int64_t v) {
  Constant c = make_kind(Constant::Kind::Int);
  c.int_value = v;
  return c;
}

/// A control-flow region that `return`, `break` and `continue` must unwind (CPython's fblock).
struct FBlock {
  enum class Kind {
    WhileLoop,         // nothing to undo
    ForLoop,           // the iterator is on the stack
    TryExcept,         // the body of try/except: POP_BLOCK
    FinallyTry,        // the body of try/finally: POP_BLOCK, then run the finally body inline
    FinallyEnd,        // the finally body on the exception path: [exc] on the stack, EXCEPT_HANDLER block
    With,              // the body of a with: POP_BLOCK and call __exit__(None, None, None)
    AsyncWith,         // the body of an async with: the same, awaiting __aexit__
    HandlerCleanup,    // an except body: POP_EXCEPT (and for `as name`: POP_BLOCK, name = None; del name)
    PopValue,          // a saved return value under a finally body run inline
    ExceptionHandler,  // the handler-matching code: nothing to undo
    ExceptStarHandler,  // an except* body: break/continue/return may not leave it (CPython 3.11)
  };
  Kind kind = Kind::WhileLoop;
  int start = -1;                               // loops: the continue target
  int exit = -1;                                // loops: the break target
  const ast::StmtList* finalbody = nullptr;     // FinallyTry
  std::string name;                             // HandlerCleanup with `as name`

  static FBlock of(Kind k, int start = -1, int exit = -1, const ast::StmtList* finalbody = nullptr) {
    FBlock b;
    b.kind = k;
    b.start = start;
    b.exit = exit;
    b.finalbody = finalbody;
    return b;
  }
};

/// The state of one pattern being compiled (vm/compiler_match.cpp; CPython's pattern_context).
struct PatternContext {
  std::vector<std::string> stores;  // names captured so far; their values wait on the stack
  bool allow_irrefutable = false;   // may a capture or `_` stand alone here?
  std::vector<int> fail_pop;        // labels: fail_pop[n] pops n items, then "no match"
  int on_top = 0;                   // items above the captures that enclosing patterns need
};

/// One code object being compiled.
struct Unit {
  Scope* scope = nullptr;
  std::shared_ptr<CodeUnit> code;
  Assembler as;
  std::string private_name;  // innermost enclosing class name, for mangling
  std::vector<FBlock> fblocks;
  std::unordered_map<std::string, uint32_t> name_index;
  std::unordered_map<std::string, uint32_t> varname_index;
};

class Compiler {
 public:
  Compiler(SymbolTable& table, std::string filename, CompileMode mode)
      : table_(table), filename_(std::move(filename)), mode_(mode) {}

  std::shared_ptr<CodeUnit> compile_module(const ast::Module& m);

 private:
  // ---- compiler.cpp: units, emission, names, constants, functions, classes
  [[noreturn]] void fail(const std::string& msg, const ast::Loc& loc);
  void enter_unit(Scope* scope, std::string name, int first_line);
  std::shared_ptr<CodeUnit> leave_unit(bool add_return);
  Unit& u() { return *units_.back(); }
  bool in_function() const { return units_.back()->scope->is_function_like(); }

  void emit(Op op, uint32_t arg = 0) { u().as.emit(op, arg, pos_); }
  void emit_jump(Op op, int label) { u().as.emit_jump(op, label, pos_); }
  void emit_goto(int label) { u().as.emit_goto(label, pos_); }
  void emit_loop_back(int label) { u().as.emit_loop_back(label); }
  /// Emits what follows as artificial instructions (Assembler::kNoLine) until the guard ends.
  class NoLine;
  int new_label() { return u().as.new_label(); }
  void bind(int label) { u().as.bind(label); }

  uint32_t add_const(Constant c);
  void load_const(Constant c) { emit(Op::LOAD_CONST, add_const(std::move(c))); }
  void load_none() { load_const(Constant{}); }
  uint32_t add_name(const std::string& name);  // already mangled
  uint32_t add_varname(const std::string& name);
  uint32_t deref_index(const std::string& name);
  std::string mangled(const std::string& name) { return mangle(u().private_name, name); }
  void name_op(const std::string& raw, NameCtx ctx);

  void make_closure(const std::shared_ptr<CodeUnit>& code, uint32_t flags);
  std::string qualname_for(const std::string& name, ScopeKind kind);
  uint32_t compile_defaults(const ast::Arguments& args);
  void set_arg_counts(CodeUnit& code, const ast::Arguments& args);
  void compile_function(const ast::FunctionDef& f);
  void compile_lambda(const ast::Lambda& l);
  void compile_class(const ast::ClassDef& c);
  void compile_body(const ast::StmtList& body);
  uint32_t compile_annotations(const ast::Arguments& args, const ast::Expr* returns);

  // ---- compiler_stmt.cpp
  void visit_stmt(const ast::Stmt& s);
  void visit_stmts(const ast::StmtList& body);
  void compile_if(const ast::If& s);
  void compile_while(const ast::While& s);
  void compile_for(const ast::For& s);
  void compile_async_for(const ast::For& s);
  void compile_return(const ast::Return& s);
  void compile_break(const ast::Stmt& s);
  void compile_continue(const ast::Stmt& s);
  void compile_try(const ast::Try& s);
  void compile_try_except(const ast::Try& s);
  void compile_try_finally(const ast::Try& s);
  void compile_try_star(const ast::Try& s);  // compiler_except_star.cpp
  void compile_with(const ast::With& s, size_t item);
  void compile_async_with(const ast::With& s, size_t item);
  /// [o] -> [result of `await o`]: GET_AWAITABLE, LOAD_CONST None, YIELD_FROM.
  /// GET_AWAITABLE where (1: __aenter__'s result, 2: __aexit__'s; for the error), None, YIELD_FROM.
  void emit_await(int where = 0);
  void compile_raise(const ast::Raise& s);
  void compile_assert(const ast::Assert& s);
  void compile_import(const ast::Import& s);
  void compile_import_from(const ast::ImportFrom& s);
  void compile_aug_assign(const ast::AugAssign& s);
  bool compile_swap_assign(const ast::Assign& s);
  void compile_ann_assign(const ast::AnnAssign& s);
  void compile_delete(const ast::Expr& target);
  void push_fblock(FBlock b) { u().fblocks.push_back(std::move(b)); }
  void pop_fblock() { u().fblocks.pop_back(); }
  void unwind_fblock(const FBlock& b, bool preserve_tos);
  /// Unwinds every fblock (return) or up to the innermost loop, which it returns (break/continue).
  std::optional<FBlock> unwind_fblock_stack(bool preserve_tos, bool stop_at_loop);
  void call_exit_with_nones();
  ast::Loc unwind_loc_;  // where a break/continue/return that may not unwind is reported

  // ---- compiler_expr.cpp
  void visit_expr(const ast::Expr& e);
  void visit_expr_inner(const ast::Expr& e);
  /// Constant folding: literals, tuples of constants, -number.
  std::optional<Constant> fold_const(const ast::Expr& e);
  void compile_jump_if(const ast::Expr& e, int label, bool cond);
  void compile_compare(const ast::Compare& c);
  void compile_compare_op(ast::CmpOpKind op);
  void compile_boolop(const ast::BoolOp& b);
  void compile_call(const ast::Call& c);
  void compile_call_helper(int pushed, const ast::ExprList& args, const std::vector<ast::Keyword>& keywords);
  void compile_keywords_dict(const std::vector<ast::Keyword>& keywords, size_t begin, size_t end);
  /// Displays with optional starred items: BUILD_x or BUILD_LIST + LIST_EXTEND (+ LIST_TO_TUPLE).
  void compile_starunpack(const ast::ExprList& elts, int pushed, Op build, Op add, Op extend, bool tuple);
  void compile_dict(const ast::Dict& d);
  void compile_subdict(const ast::Dict& d, size_t begin, size_t end);
  void compile_joined_str(const ast::JoinedStr& j);
  void compile_formatted_value(const ast::FormattedValue& f);
  void compile_slice(const ast::Slice& s);
  void compile_subscript(const ast::Subscript& s);
  void compile_store(const ast::Expr& target);
  void compile_unpack_target(const ast::ExprList& elts, const ast::Expr& node);
  void compile_attribute(const ast::Attribute& a);
  void apply_decorators(const ast::ExprList& decorators);
  void compile_named_expr(const ast::NamedExpr& n);
  void compile_yield(const ast::Expr& e);

  // ---- compiler_comprehension.cpp
  void compile_comprehension(const ast::Expr& e);
  void compile_comprehension_generator(const std::vector<ast::Comprehension>& gens, size_t index, int depth,
                                       const ast::Expr* elt, const ast::Expr* value, ast::ExprKind kind);

  // ---- compiler_match.cpp (PEP 634)
  void compile_match(const ast::Match& m);
  void compile_pattern(const ast::Pattern& p, PatternContext& pc);
  void compile_subpattern(const ast::Pattern& p, PatternContext& pc);
  void compile_pattern_sequence(const ast::MatchSequence& p, PatternContext& pc);
  void compile_pattern_mapping(const ast::MatchMapping& p, PatternContext& pc);
  void compile_pattern_class(const ast::MatchClass& p, PatternContext& pc);
  void compile_pattern_or(const ast::MatchOr& p, PatternContext& pc);
  void pattern_store_name(const std::string& name, PatternContext& pc);
  void pattern_rotate(size_t count);
  void ensure_fail_pop(PatternContext& pc, size_t n);
  void jump_to_fail_pop(PatternContext& pc, Op op);
  void emit_and_reset_fail_pop(PatternContext& pc);
  void set_pattern_pos(const ast::Pattern& p);
  ast::Loc pattern_loc_;  // the last pattern entered: where pattern errors point

  // ---- PEP 236 future statements (compiler_stmt.cpp)
  void check_future_imports(const ast::StmtList& body);
  bool future_annotations_ = false;            // PEP 563: annotations are stored as strings
  std::vector<const ast::Stmt*> future_stmts_;  // the module's leading `from __future__` imports
  /// Pushes an annotation: its value, or its source text under `from __future__ import annotations`.
  void visit_annotation(const ast::Expr& e);

  SymbolTable& table_;
  std::string filename_;
  CompileMode mode_;
  std::vector<std::unique_ptr<Unit>> units_;
  Position pos_;  // position given to emitted instructions
  friend class PosGuard;
};

/// CPython 3.11's update_start_location_to_match_attr: when the name of attribute `attr` ends on
/// another line than `loc` starts, `loc` starts at that name instead (so a traceback shows the
/// line of `.name` in a chained call spread over lines).
ast::Loc match_attr_start(ast::Loc loc, const ast::Attribute& attr);

/// Sets the position of emitted instructions for the lifetime of the guard.
class PosGuard {
 public:
  PosGuard(Compiler& c, const ast::Loc& loc) : c_(c), saved_(c.pos_) {
    c.pos_ = Position{loc.line, loc.col, loc.end_line, loc.end_col};
  }
  ~PosGuard() { c_.pos_ = saved_; }
  PosGuard(const PosGuard&) = delete;
  PosGuard& operator=(const PosGuard&) = delete;

 private:
  Compiler& c_;
  Position saved_;
};

/// Marks the instructions emitted during its lifetime as artificial (Assembler::kNoLine).
class Compiler::NoLine {
 public:
  explicit NoLine(Compiler& c) : c_(c), saved_(c.pos_) { c.pos_ = Assembler::kNoLine; }
  ~NoLine() { c_.pos_ = saved_; }
  NoLine(const NoLine&) = delete;
  NoLine& operator=(const NoLine&) = delete;

 private:
  Compiler& c_;
  Position saved_;
};

}  // namespace minipy::vm
