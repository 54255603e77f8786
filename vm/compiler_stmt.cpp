// Pass 2 of the compiler, part 2: statements. Control flow uses the block-stack exception model
// of vm/opcodes.def (SETUP_FINALLY/SETUP_WITH/POP_BLOCK/POP_EXCEPT). `return`, `break` and
// `continue` leave enclosing try/with/except/for regions by unwinding the compiler's FBlock
// stack inline, as CPython 3.9 did (compiler_unwind_fblock_stack).
#include <fmt/format.h>

#include <algorithm>

#include "vm/compiler_unparse.h"
#include "vm/compiler_internal.h"

namespace minipy::vm {

void Compiler::visit_stmts(const ast::StmtList& body) {
  for (const auto& s : body) visit_stmt(*s);
}

void Compiler::visit_stmt(const ast::Stmt& s) {
  PosGuard g(*this, s.loc);
  using K = ast::StmtKind;
  switch (s.kind) {
    case K::FunctionDef: compile_function(ast::as<ast::FunctionDef>(s)); break;
    case K::ClassDef: compile_class(ast::as<ast::ClassDef>(s)); break;
    case K::Return: compile_return(ast::as<ast::Return>(s)); break;
    case K::Delete:
      for (const auto& t : ast::as<ast::Delete>(s).targets) compile_delete(*t);
      break;
    case K::Assign: {
      const auto& a = ast::as<ast::Assign>(s);
      if (compile_swap_assign(a)) break;
      visit_expr(*a.value);
      for (size_t i = 0; i < a.targets.size(); ++i) {
        if (i + 1 < a.targets.size()) emit(Op::DUP_TOP);
        compile_store(*a.targets[i]);
      }
      break;
    }
    case K::AugAssign: compile_aug_assign(ast::as<ast::AugAssign>(s)); break;
    case K::AnnAssign: compile_ann_assign(ast::as<ast::AnnAssign>(s)); break;
    case K::For:
      if (ast::as<ast::For>(s).is_async) compile_async_for(ast::as<ast::For>(s));
      else compile_for(ast::as<ast::For>(s));
      break;
    case K::While: compile_while(ast::as<ast::While>(s)); break;
    case K::If: compile_if(ast::as<ast::If>(s)); break;
    case K::With:
      if (ast::as<ast::With>(s).is_async) compile_async_with(ast::as<ast::With>(s), 0);
      else compile_with(ast::as<ast::With>(s), 0);
      break;
    case K::Raise: compile_raise(ast::as<ast::Raise>(s)); break;
    case K::Try: compile_try(ast::as<ast::Try>(s)); break;
    case K::Assert: compile_assert(ast::as<ast::Assert>(s)); break;
    case K::Import: compile_import(ast::as<ast::Import>(s)); break;
    case K::ImportFrom: compile_import_from(ast::as<ast::ImportFrom>(s)); break;
    case K::Match: compile_match(ast::as<ast::Match>(s)); break;
    case K::Global:
    case K::Nonlocal:
      break;
    case K::Pass:
      emit(Op::NOP);  // kept only where it is its line's sole instruction (Assembler::finish)
      break;
    case K::Expr: {
      const auto& value = *ast::as<ast::ExprStmt>(s).value;
      if (mode_ == CompileMode::Interactive && units_.size() == 1) {
        visit_expr(value);
        emit(Op::PRINT_EXPR);
      } else if (value.kind != ast::ExprKind::Constant) {  // docstrings and bare literals: nothing
        visit_expr(value);
        emit(Op::POP_TOP);
      }
      break;
    }
    case K::Break: compile_break(s); break;
    case K::Continue: compile_continue(s); break;
  }
}

// ------------------------------------------------------------------ branches and loops

void Compiler::compile_if(const ast::If& s) {
  int end = new_label();
  int next = s.orelse.empty() ? end : new_label();
  compile_jump_if(*s.test, next, false);
  visit_stmts(s.body);
  if (!s.orelse.empty()) {
    emit_goto(end);
    bind(next);
    visit_stmts(s.orelse);
  }
  bind(end);
}

void Compiler::compile_while(const ast::While& s) {
  int loop = new_label(), anchor = new_label(), exit = new_label();
  bind(loop);
  push_fblock(FBlock::of(FBlock::Kind::WhileLoop, loop, exit));
  compile_jump_if(*s.test, anchor, false);
  visit_stmts(s.body);
  emit_loop_back(loop);
  pop_fblock();
  bind(anchor);
  visit_stmts(s.orelse);
  bind(exit);
}

void Compiler::compile_for(const ast::For& s) {
  int start = new_label(), cleanup = new_label(), end = new_label();
  visit_expr(*s.iter);
  emit(Op::GET_ITER);
  bind(start);
  push_fblock(FBlock::of(FBlock::Kind::ForLoop, start, end));
  emit_jump(Op::FOR_ITER, cleanup);
  compile_store(*s.target);
  visit_stmts(s.body);
  emit_loop_back(start);
  pop_fblock();
  bind(cleanup);
  visit_stmts(s.orelse);
  bind(end);
}

void Compiler::emit_await(int where) {
  emit(Op::GET_AWAITABLE, where);
  load_none();
  emit(Op::YIELD_FROM);
}

// `async for`: each step awaits __anext__() inside a handler block; StopAsyncIteration ends the
// loop at END_ASYNC_FOR (CPython 3.8's layout).
void Compiler::compile_async_for(const ast::For& s) {
  if (!u().scope->is_coroutine) fail("'async for' outside async function", s.loc);
  int start = new_label(), except = new_label(), end = new_label();
  visit_expr(*s.iter);
  emit(Op::GET_AITER);
  bind(start);
  push_fblock(FBlock::of(FBlock::Kind::ForLoop, start, end));
  emit_jump(Op::SETUP_FINALLY, except);
  emit(Op::GET_ANEXT);
  load_none();
  emit(Op::YIELD_FROM);
  emit(Op::POP_BLOCK);
  compile_store(*s.target);
  visit_stmts(s.body);
  emit_loop_back(start);
  pop_fblock();
  bind(except);  // [ait exc]
  emit(Op::END_ASYNC_FOR);
  visit_stmts(s.orelse);
  bind(end);
}

// ------------------------------------------------------------------ leaving blocks

void Compiler::call_exit_with_nones() {
  load_none();
  emit(Op::DUP_TOP);
  emit(Op::DUP_TOP);
  emit(Op::CALL_FUNCTION, 3);
}

void Compiler::unwind_fblock(const FBlock& b, bool preserve_tos) {
  using K = FBlock::Kind;
  switch (b.kind) {
    case K::WhileLoop:
    case K::ExceptionHandler:
    case K::ExceptStarHandler:
      return;
    case K::ForLoop:  // pop the iterator
    case K::PopValue:
      if (preserve_tos) emit(Op::ROT_TWO);
      emit(Op::POP_TOP);
      return;
    case K::TryExcept:
      emit(Op::POP_BLOCK);
      return;
    case K::FinallyTry:
      emit(Op::POP_BLOCK);
      if (preserve_tos) push_fblock(FBlock::of(K::PopValue));
      visit_stmts(*b.finalbody);
      if (preserve_tos) pop_fblock();
      return;
    case K::FinallyEnd:  // drop the pending exception and its EXCEPT_HANDLER block
      if (preserve_tos) emit(Op::ROT_TWO);
      emit(Op::POP_TOP);
      emit(Op::POP_EXCEPT);
      return;
    case K::With:
    case K::AsyncWith:
      emit(Op::POP_BLOCK);
      if (preserve_tos) emit(Op::ROT_TWO);
      call_exit_with_nones();
      if (b.kind == K::AsyncWith) emit_await(2);
      emit(Op::POP_TOP);
      return;
    case K::HandlerCleanup:
      if (!b.name.empty()) emit(Op::POP_BLOCK);
      emit(Op::POP_EXCEPT);
      if (!b.name.empty()) {
        load_none();
        name_op(b.name, NameCtx::Store);
        name_op(b.name, NameCtx::Del);
      }
      return;
  }
}

std::optional<FBlock> Compiler::unwind_fblock_stack(bool preserve_tos, bool stop_at_loop) {
  auto& blocks = u().fblocks;
  if (blocks.empty()) return std::nullopt;
  FBlock top = blocks.back();
  if (stop_at_loop && (top.kind == FBlock::Kind::WhileLoop || top.kind == FBlock::Kind::ForLoop)) return top;
  if (top.kind == FBlock::Kind::ExceptStarHandler) {
    fail("'break', 'continue' and 'return' cannot appear in an except* block", unwind_loc_);
  }
  blocks.pop_back();
  unwind_fblock(top, preserve_tos);
  auto loop = unwind_fblock_stack(preserve_tos, stop_at_loop);
  u().fblocks.push_back(std::move(top));
  return loop;
}

void Compiler::compile_return(const ast::Return& s) {
  if (!in_function()) fail("'return' outside function", s.loc);
  if (s.value && u().scope->is_coroutine && u().scope->is_generator)
    fail("'return' with value in async generator", s.loc);
  std::optional<Constant> folded;
  if (s.value) folded = fold_const(*s.value);
  const bool preserve = s.value && !folded;
  if (preserve) visit_expr(*s.value);
  unwind_loc_ = s.value ? s.value->loc : s.loc;  // CPython reports at the value it compiled last
  unwind_fblock_stack(preserve, false);
  if (!s.value) load_none();
  else if (!preserve) load_const(std::move(*folded));
  emit(Op::RETURN_VALUE);
}

void Compiler::compile_break(const ast::Stmt& s) {
  unwind_loc_ = s.loc;
  auto loop = unwind_fblock_stack(false, true);
  if (!loop) fail("'break' outside loop", s.loc);
  unwind_fblock(*loop, false);
  emit_goto(loop->exit);
}

void Compiler::compile_continue(const ast::Stmt& s) {
  unwind_loc_ = s.loc;
  auto loop = unwind_fblock_stack(false, true);
  if (!loop) fail("'continue' not properly in loop", s.loc);
  emit_goto(loop->start);
}

// ------------------------------------------------------------------ exceptions and with

void Compiler::compile_try(const ast::Try& s) {
  if (!s.finalbody.empty()) compile_try_finally(s);
  else if (s.is_star) compile_try_star(s);
  else compile_try_except(s);
}

void Compiler::compile_try_finally(const ast::Try& s) {
  int end = new_label(), handler = new_label();
  emit_jump(Op::SETUP_FINALLY, handler);
  push_fblock(FBlock::of(FBlock::Kind::FinallyTry, -1, -1, &s.finalbody));
  if (!s.handlers.empty() && s.is_star) compile_try_star(s);
  else if (!s.handlers.empty()) compile_try_except(s);
  else visit_stmts(s.body);
  {
    NoLine nl(*this);
    emit(Op::POP_BLOCK);
  }
  pop_fblock();
  visit_stmts(s.finalbody);
  {
    NoLine nl(*this);
    emit_goto(end);
  }
  // Exception path: [exc] on the stack.
  bind(handler);
  push_fblock(FBlock::of(FBlock::Kind::FinallyEnd));
  visit_stmts(s.finalbody);
  pop_fblock();
  emit(Op::RERAISE);
  bind(end);
}

void Compiler::compile_try_except(const ast::Try& s) {
  int except = new_label(), orelse = new_label(), end = new_label();
  emit_jump(Op::SETUP_FINALLY, except);
  push_fblock(FBlock::of(FBlock::Kind::TryExcept));
  visit_stmts(s.body);
  pop_fblock();
  {
    NoLine nl(*this);
    emit(Op::POP_BLOCK);
    emit_goto(orelse);
  }
  bind(except);  // [exc]
  push_fblock(FBlock::of(FBlock::Kind::ExceptionHandler));
  for (size_t i = 0; i < s.handlers.size(); ++i) {
    const auto& h = s.handlers[i];
    PosGuard g(*this, h.loc);
    if (!h.type && i + 1 < s.handlers.size()) fail("default 'except:' must be last", h.loc);
    int next = new_label();
    if (h.type) {
      emit(Op::DUP_TOP);
      visit_expr(*h.type);
      emit_jump(Op::JUMP_IF_NOT_EXC_MATCH, next);
    }
    if (!h.name.empty()) {
      name_op(h.name, NameCtx::Store);
      // try: body finally: name = None; del name
      int cleanup_end = new_label();
      emit_jump(Op::SETUP_FINALLY, cleanup_end);
      FBlock cleanup = FBlock::of(FBlock::Kind::HandlerCleanup);
      cleanup.name = h.name;
      push_fblock(cleanup);
      visit_stmts(h.body);
      pop_fblock();
      {
        NoLine nl(*this);
        emit(Op::POP_BLOCK);
        emit(Op::POP_EXCEPT);
        load_none();
        name_op(h.name, NameCtx::Store);
        name_op(h.name, NameCtx::Del);
        emit_goto(end);
      }
      bind(cleanup_end);  // [exc2]
      load_none();
      name_op(h.name, NameCtx::Store);
      name_op(h.name, NameCtx::Del);
      emit(Op::RERAISE);
    } else {
      emit(Op::POP_TOP);
      push_fblock(FBlock::of(FBlock::Kind::HandlerCleanup));
      visit_stmts(h.body);
      pop_fblock();
      NoLine nl(*this);
      emit(Op::POP_EXCEPT);
      emit_goto(end);
    }
    bind(next);
  }
  pop_fblock();
  emit(Op::RERAISE);  // no handler matched: [exc]
  bind(orelse);
  visit_stmts(s.orelse);
  bind(end);
}

void Compiler::compile_with(const ast::With& s, size_t item) {
  const auto& it = s.items[item];
  int handler = new_label(), end = new_label(), suppress = new_label();
  {
    PosGuard g(*this, it.context_expr->loc);
    visit_expr(*it.context_expr);
  }
  emit_jump(Op::SETUP_WITH, handler);
  push_fblock(FBlock::of(FBlock::Kind::With));
  if (it.optional_vars) compile_store(*it.optional_vars);
  else emit(Op::POP_TOP);
  if (item + 1 < s.items.size()) compile_with(s, item + 1);
  else visit_stmts(s.body);
  pop_fblock();
  emit(Op::POP_BLOCK);
  call_exit_with_nones();
  emit(Op::POP_TOP);
  emit_goto(end);
  bind(handler);  // [exit exc]
  emit(Op::WITH_EXCEPT_START);
  emit_jump(Op::POP_JUMP_IF_TRUE, suppress);
  emit(Op::RERAISE);
  bind(suppress);
  emit(Op::POP_TOP);
  emit(Op::POP_EXCEPT);
  emit(Op::POP_TOP);
  bind(end);
}

// `async with`: as compile_with, with __aenter__/__aexit__ awaited (CPython 3.8's layout).
void Compiler::compile_async_with(const ast::With& s, size_t item) {
  if (!u().scope->is_coroutine) fail("'async with' outside async function", s.loc);
  const auto& it = s.items[item];
  int handler = new_label(), end = new_label(), suppress = new_label();
  {
    PosGuard g(*this, it.context_expr->loc);
    visit_expr(*it.context_expr);
  }
  emit(Op::BEFORE_ASYNC_WITH);
  emit_await(1);
  emit_jump(Op::SETUP_ASYNC_WITH, handler);
  push_fblock(FBlock::of(FBlock::Kind::AsyncWith));
  if (it.optional_vars) compile_store(*it.optional_vars);
  else emit(Op::POP_TOP);
  if (item + 1 < s.items.size()) compile_async_with(s, item + 1);
  else visit_stmts(s.body);
  pop_fblock();
  emit(Op::POP_BLOCK);
  call_exit_with_nones();
  emit_await(2);
  emit(Op::POP_TOP);
  emit_goto(end);
  bind(handler);  // [exit exc]
  emit(Op::WITH_EXCEPT_START);
  emit_await(2);
  emit_jump(Op::POP_JUMP_IF_TRUE, suppress);
  emit(Op::RERAISE);
  bind(suppress);
  emit(Op::POP_TOP);
  emit(Op::POP_EXCEPT);
  emit(Op::POP_TOP);
  bind(end);
}

void Compiler::compile_raise(const ast::Raise& s) {
  uint32_t n = 0;
  if (s.exc) {
    visit_expr(*s.exc);
    ++n;
    if (s.cause) {
      visit_expr(*s.cause);
      ++n;
    }
  }
  emit(Op::RAISE_VARARGS, n);
}

// The comparison whose failure reaches an assert's raise: CPython 3.11 reports the raise at the
// last comparison of the test (through `not`, `and`, `or`), so tracebacks mark it with ^^^.
static const ast::Expr* last_compare(const ast::Expr& e) {
  switch (e.kind) {
    case ast::ExprKind::Compare: return &e;
    case ast::ExprKind::UnaryOp: {
      const auto& u = ast::as<ast::UnaryOp>(e);
      return u.op == ast::UnaryOpKind::Not ? last_compare(*u.operand) : nullptr;
    }
    case ast::ExprKind::BoolOp: return last_compare(*ast::as<ast::BoolOp>(e).values.back());
    default: return nullptr;
  }
}

void Compiler::compile_assert(const ast::Assert& s) {
  int ok = new_label();
  compile_jump_if(*s.test, ok, true);
  std::optional<PosGuard> at_compare;
  if (const ast::Expr* cmp = last_compare(*s.test)) at_compare.emplace(*this, cmp->loc);
  emit(Op::LOAD_ASSERTION_ERROR);
  if (s.msg) {
    visit_expr(*s.msg);
    emit(Op::CALL_FUNCTION, 1);
  }
  emit(Op::RAISE_VARARGS, 1);
  at_compare.reset();
  bind(ok);
}

// ------------------------------------------------------------------ imports


void Compiler::compile_import(const ast::Import& s) {
  for (const auto& alias : s.names) {
    load_const(make_int(0));
    load_none();
    emit(Op::IMPORT_NAME, add_name(alias.name));
    if (alias.asname.empty()) {
      name_op(alias.name.substr(0, alias.name.find('.')), NameCtx::Store);
      continue;
    }
    // `import a.b.c as d` binds d to the submodule: walk the attributes from the top package.
    size_t dot = alias.name.find('.');
    while (dot != std::string::npos) {
      size_t pos = dot + 1;
      dot = alias.name.find('.', pos);
      std::string attr = alias.name.substr(pos, dot == std::string::npos ? std::string::npos : dot - pos);
      emit(Op::IMPORT_FROM, add_name(attr));
      emit(Op::ROT_TWO);
      emit(Op::POP_TOP);
    }
    name_op(alias.asname, NameCtx::Store);
  }
}

void Compiler::compile_import_from(const ast::ImportFrom& s) {
  if (s.module == "__future__" && s.level == 0 &&
      std::find(future_stmts_.begin(), future_stmts_.end(), &s) == future_stmts_.end()) {
    fail("from __future__ imports must occur at the beginning of the file", s.loc);
  }
  Constant names;
  names.kind = Constant::Kind::Tuple;
  for (const auto& alias : s.names) names.items.push_back(make_str(alias.name));
  load_const(make_int(s.level));
  load_const(std::move(names));
  emit(Op::IMPORT_NAME, add_name(s.module));
  if (!s.names.empty() && s.names[0].name == "*") {
    emit(Op::IMPORT_STAR);
    return;
  }
  for (const auto& alias : s.names) {
    emit(Op::IMPORT_FROM, add_name(alias.name));
    name_op(alias.asname.empty() ? alias.name : alias.asname, NameCtx::Store);
  }
  emit(Op::POP_TOP);
}

// ------------------------------------------------------------------ assignment forms

void Compiler::compile_aug_assign(const ast::AugAssign& s) {
  const uint32_t op = binary_op_arg(s.op) + kInplace;
  const ast::Expr& t = *s.target;
  switch (t.kind) {
    case ast::ExprKind::Name: {
      const auto& n = ast::as<ast::Name>(t);
      {
        PosGuard g(*this, t.loc);
        name_op(n.id, NameCtx::Load);
      }
      visit_expr(*s.value);
      emit(Op::BINARY_OP, op);
      PosGuard g(*this, t.loc);
      name_op(n.id, NameCtx::Store);
      break;
    }
    case ast::ExprKind::Attribute: {
      const auto& a = ast::as<ast::Attribute>(t);
      {
        PosGuard g(*this, t.loc);
        visit_expr(*a.value);
        emit(Op::DUP_TOP);
        emit(Op::LOAD_ATTR, add_name(mangled(a.attr)));
      }
      visit_expr(*s.value);
      emit(Op::BINARY_OP, op);
      PosGuard g(*this, t.loc);
      emit(Op::ROT_TWO);
      emit(Op::STORE_ATTR, add_name(mangled(a.attr)));
      break;
    }
    case ast::ExprKind::Subscript: {
      const auto& sub = ast::as<ast::Subscript>(t);
      {
        PosGuard g(*this, t.loc);
        visit_expr(*sub.value);
        visit_expr(*sub.slice);
        emit(Op::DUP_TOP_TWO);
        emit(Op::BINARY_SUBSCR);
      }
      visit_expr(*s.value);
      emit(Op::BINARY_OP, op);
      PosGuard g(*this, t.loc);
      emit(Op::ROT_THREE);
      emit(Op::STORE_SUBSCR);
      break;
    }
    default:
      fail("'" + std::string("expression") + "' is an illegal expression for augmented assignment", t.loc);
  }
}

void Compiler::compile_ann_assign(const ast::AnnAssign& s) {
  // As CPython 3.11's compiler_annassign: the assignment first; then, for a simple name in a
  // module or class body, __annotations__[name] = annotation; a complex target's subexpressions
  // are evaluated when there is no value, and its annotation too (module and class bodies only,
  // never under PEP 563). Function bodies never evaluate annotations of names.
  if (s.value) {
    visit_expr(*s.value);
    compile_store(*s.target);
  }
  const bool module_or_class = !in_function();
  switch (s.target->kind) {
    case ast::ExprKind::Name:
      if (s.simple && module_or_class) {
        visit_annotation(*s.annotation);
        name_op("__annotations__", NameCtx::Load);
        load_const(make_str(mangled(ast::as<ast::Name>(*s.target).id)));
        emit(Op::STORE_SUBSCR);
      }
      break;
    case ast::ExprKind::Attribute:
      if (!s.value) {
        visit_expr(*ast::as<ast::Attribute>(*s.target).value);
        emit(Op::POP_TOP);
      }
      break;
    case ast::ExprKind::Subscript:
      if (!s.value) {
        const auto& sub = ast::as<ast::Subscript>(*s.target);
        visit_expr(*sub.value);
        emit(Op::POP_TOP);
        visit_expr(*sub.slice);
        emit(Op::POP_TOP);
      }
      break;
    default:
      break;
  }
  if (!s.simple && !future_annotations_ && module_or_class) {
    visit_expr(*s.annotation);
    emit(Op::POP_TOP);
  }
}

void Compiler::visit_annotation(const ast::Expr& e) {
  if (future_annotations_) {
    load_const(make_str(unparse_annotation(e)));
  } else if (e.kind == ast::ExprKind::Starred) {
    // `*args: *Ts` (PEP 646; the grammar allows it only there): the value is the one item
    // the iterable unpacks to, as CPython's `[value] = [*Ts]`.
    visit_expr(*ast::as<ast::Starred>(e).value);
    emit(Op::UNPACK_SEQUENCE, 1);
  } else {
    visit_expr(e);
  }
}

/// Whether a statement is a docstring (a bare str literal).
static bool docstring_of_stmt(const ast::Stmt& s) {
  if (s.kind != ast::StmtKind::Expr) return false;
  const auto& e = *ast::as<ast::ExprStmt>(s).value;
  return e.kind == ast::ExprKind::Constant && ast::as<ast::Constant>(e).ckind == ast::Constant::Kind::Str;
}

/// PEP 236: `from __future__ import ...` may only follow the docstring and other future imports;
/// the features are CPython 3.11's (all but `annotations` are always on). The import itself still
/// runs, as in CPython.
void Compiler::check_future_imports(const ast::StmtList& body) {
  static const char* const kFeatures[] = {"nested_scopes",    "generators",   "division",
                                          "absolute_import",  "with_statement", "print_function",
                                          "unicode_literals", "barry_as_FLUFL", "generator_stop",
                                          "annotations"};
  size_t i = 0;
  if (!body.empty() && docstring_of_stmt(*body[0])) i = 1;
  for (; i < body.size(); i++) {
    const ast::Stmt& s = *body[i];
    if (s.kind != ast::StmtKind::ImportFrom) break;
    const auto& imp = ast::as<ast::ImportFrom>(s);
    if (imp.module != "__future__" || imp.level != 0) break;
    future_stmts_.push_back(&s);
    // CPython points a single caret at the statement's start for these two.
    ast::Loc at = s.loc;
    at.end_line = at.line;
    at.end_col = at.col + 1;
    for (const auto& alias : imp.names) {
      if (alias.name == "braces") fail("not a chance", at);
      bool known = false;
      for (const char* f : kFeatures) known |= alias.name == f;
      if (!known) fail("future feature " + alias.name + " is not defined", at);
      if (alias.name == "annotations") future_annotations_ = true;
    }
  }
}

void Compiler::compile_delete(const ast::Expr& t) {
  PosGuard g(*this, t.loc);
  switch (t.kind) {
    case ast::ExprKind::Name: name_op(ast::as<ast::Name>(t).id, NameCtx::Del); break;
    case ast::ExprKind::Attribute: {
      const auto& a = ast::as<ast::Attribute>(t);
      visit_expr(*a.value);
      PosGuard attr_pos(*this, match_attr_start(a.loc, a));
      emit(Op::DELETE_ATTR, add_name(mangled(a.attr)));
      break;
    }
    case ast::ExprKind::Subscript: {
      const auto& s = ast::as<ast::Subscript>(t);
      visit_expr(*s.value);
      visit_expr(*s.slice);
      emit(Op::DELETE_SUBSCR);
      break;
    }
    case ast::ExprKind::Tuple:
      for (const auto& e : ast::as<ast::Tuple>(t).elts) compile_delete(*e);
      break;
    case ast::ExprKind::List:
      for (const auto& e : ast::as<ast::List>(t).elts) compile_delete(*e);
      break;
    default:
      fail("cannot delete expression", t.loc);
  }
}

/// `a, b = x, y` and `a, b, c = x, y, z` (one target, no starred items) without building and
/// unpacking a tuple: the values are pushed and reordered with SWAP, as CPython 3.11's optimiser
/// turns BUILD_TUPLE n; UNPACK_SEQUENCE n into SWAP n for n = 2, 3. The values are evaluated
/// first and the targets stored left to right, as before.
bool Compiler::compile_swap_assign(const ast::Assign& a) {
  if (a.targets.size() != 1 || a.value->kind != ast::ExprKind::Tuple) return false;
  const ast::Expr& target = *a.targets[0];
  const ast::ExprList* targets = nullptr;
  if (target.kind == ast::ExprKind::Tuple) targets = &ast::as<ast::Tuple>(target).elts;
  else if (target.kind == ast::ExprKind::List) targets = &ast::as<ast::List>(target).elts;
  else return false;
  const ast::ExprList& values = ast::as<ast::Tuple>(*a.value).elts;
  size_t n = values.size();
  if ((n != 2 && n != 3) || targets->size() != n) return false;
  for (size_t i = 0; i < n; ++i) {
    if (values[i]->kind == ast::ExprKind::Starred || (*targets)[i]->kind == ast::ExprKind::Starred) return false;
  }
  for (const auto& v : values) visit_expr(*v);
  emit(Op::SWAP, static_cast<uint32_t>(n));
  for (const auto& t : *targets) compile_store(*t);
  return true;
}

}  // namespace minipy::vm
