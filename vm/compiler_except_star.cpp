// Pass 2 of the compiler, `try ... except*` (PEP 654) on the block-stack exception model of
// vm/opcodes.def. The caught exception stays on the stack as `orig` with a list of what the
// clauses raise and the part not matched yet (`rest`): [orig list rest]. Each clause splits rest
// with CHECK_EG_MATCH and runs its body on the matching part; an exception escaping a body is
// appended to the list. At the end the unmatched rest is appended too and PREP_RERAISE_STAR works
// out what to raise (runtime/exception_group.cpp), as CPython 3.11's compiler_try_star_except.
#include "vm/compiler_internal.h"

namespace minipy::vm {

void Compiler::compile_try_star(const ast::Try& s) {
  int except = new_label(), orelse = new_label(), end = new_label();
  emit_jump(Op::SETUP_FINALLY, except);
  push_fblock(FBlock::of(FBlock::Kind::TryExcept));
  visit_stmts(s.body);
  pop_fblock();
  emit(Op::POP_BLOCK);
  emit_goto(orelse);

  bind(except);  // [exc], handled = exc
  push_fblock(FBlock::of(FBlock::Kind::ExceptionHandler));
  emit(Op::DUP_TOP);        // [orig exc]
  emit(Op::BUILD_LIST, 0);  // [orig exc list]
  emit(Op::ROT_TWO);        // [orig list rest]
  for (const auto& h : s.handlers) {
    PosGuard g(*this, h.loc);
    int next = new_label(), matched = new_label();
    visit_expr(*h.type);
    emit(Op::CHECK_EG_MATCH);  // [orig list rest match] (match None: no match)
    emit(Op::COPY, 1);
    load_none();
    emit(Op::IS_OP, 1);
    emit_jump(Op::POP_JUMP_IF_TRUE, matched);
    emit(Op::POP_TOP);  // the None
    emit_goto(next);

    bind(matched);
    if (!h.name.empty())
      name_op(h.name, NameCtx::Store);
    else
      emit(Op::POP_TOP);
    int cleanup = new_label();
    emit_jump(Op::SETUP_FINALLY, cleanup);
    FBlock body = FBlock::of(FBlock::Kind::ExceptStarHandler);
    push_fblock(body);
    visit_stmts(h.body);
    pop_fblock();
    emit(Op::POP_BLOCK);
    if (!h.name.empty()) {
      load_none();
      name_op(h.name, NameCtx::Store);
      name_op(h.name, NameCtx::Del);
    }
    emit_goto(next);

    bind(cleanup);  // [orig list rest raised], an EXCEPT_HANDLER block for `raised`
    if (!h.name.empty()) {
      load_none();
      name_op(h.name, NameCtx::Store);
      name_op(h.name, NameCtx::Del);
    }
    emit(Op::LIST_APPEND, 2);  // list.append(raised)
    emit(Op::POP_EXCEPT);
    bind(next);
  }
  pop_fblock();
  // [orig list rest]: the unmatched part goes last, then work out what propagates.
  emit(Op::LIST_APPEND, 1);
  emit(Op::PREP_RERAISE_STAR);  // [result]
  int reraise = new_label();
  emit(Op::COPY, 1);
  load_none();
  emit(Op::IS_OP, 1);
  emit_jump(Op::POP_JUMP_IF_TRUE, reraise);
  emit(Op::POP_TOP);
  emit(Op::POP_EXCEPT);
  emit_goto(end);
  bind(reraise);
  emit(Op::RERAISE);

  bind(orelse);
  visit_stmts(s.orelse);
  bind(end);
}

}  // namespace minipy::vm
