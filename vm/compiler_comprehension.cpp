// Pass 2 of the compiler, part 4: list/set/dict comprehensions and generator expressions. Each is
// a nested function with one positional parameter `.0` (the already-iterated outermost iterable):
// MAKE_FUNCTION, evaluate the outermost iterable in the enclosing scope, GET_ITER, CALL_FUNCTION 1.
// Inside, nested FOR_ITER loops feed LIST_APPEND/SET_ADD/MAP_ADD (or YIELD_VALUE for genexps).
#include "vm/compiler_internal.h"

namespace minipy::vm {

namespace {
struct CompParts {
  const std::vector<ast::Comprehension>* generators = nullptr;
  const ast::Expr* elt = nullptr;
  const ast::Expr* value = nullptr;
  const char* name = "";
  Op build = Op::NOP;
};

CompParts parts_of(const ast::Expr& e) {
  CompParts p;
  switch (e.kind) {
    case ast::ExprKind::ListComp: {
      const auto& c = ast::as<ast::ListComp>(e);
      p = {&c.generators, c.elt.get(), nullptr, "<listcomp>", Op::BUILD_LIST};
      break;
    }
    case ast::ExprKind::SetComp: {
      const auto& c = ast::as<ast::SetComp>(e);
      p = {&c.generators, c.elt.get(), nullptr, "<setcomp>", Op::BUILD_SET};
      break;
    }
    case ast::ExprKind::DictComp: {
      const auto& c = ast::as<ast::DictComp>(e);
      p = {&c.generators, c.key.get(), c.value.get(), "<dictcomp>", Op::BUILD_MAP};
      break;
    }
    default: {
      const auto& c = ast::as<ast::GeneratorExp>(e);
      p = {&c.generators, c.elt.get(), nullptr, "<genexpr>", Op::NOP};
      break;
    }
  }
  return p;
}
}  // namespace

void Compiler::compile_comprehension(const ast::Expr& e) {
  CompParts p = parts_of(e);
  const auto& gens = *p.generators;
  Scope* scope = table_.lookup(&e);
  std::string qualname = qualname_for(p.name, ScopeKind::Comprehension);
  enter_unit(scope, p.name, e.loc.line);
  u().code->qualname = qualname;
  u().code->argcount = 1;
  if (p.build != Op::NOP) emit(p.build, 0);
  compile_comprehension_generator(gens, 0, 0, p.elt, p.value, e.kind);
  if (p.build != Op::NOP) {
    emit(Op::RETURN_VALUE);
  } else {
    load_none();
    emit(Op::RETURN_VALUE);
  }
  auto code = leave_unit(false);
  make_closure(code, 0);
  {
    PosGuard g(*this, gens[0].iter->loc);
    visit_expr(*gens[0].iter);
    emit(gens[0].is_async ? Op::GET_AITER : Op::GET_ITER);
  }
  emit(Op::CALL_FUNCTION, 1);
  // An asynchronous list/set/dict comprehension is a coroutine: await its result here.
  if (scope->is_coroutine && e.kind != ast::ExprKind::GeneratorExp) emit_await();
}

void Compiler::compile_comprehension_generator(const std::vector<ast::Comprehension>& gens, size_t index,
                                               int depth, const ast::Expr* elt, const ast::Expr* value,
                                               ast::ExprKind kind) {
  const auto& g = gens[index];
  int start = new_label(), if_cleanup = new_label(), anchor = new_label(), except = new_label();
  if (index == 0) {
    emit(Op::LOAD_FAST, add_varname(".0"));
  } else {
    PosGuard pg(*this, g.iter->loc);
    visit_expr(*g.iter);
    emit(g.is_async ? Op::GET_AITER : Op::GET_ITER);
  }
  bind(start);
  ++depth;  // one more iterator on the stack
  if (g.is_async) {
    // As in compile_async_for: StopAsyncIteration from __anext__ ends this clause.
    emit_jump(Op::SETUP_FINALLY, except);
    emit(Op::GET_ANEXT);
    load_none();
    emit(Op::YIELD_FROM);
    emit(Op::POP_BLOCK);
  } else {
    emit_jump(Op::FOR_ITER, anchor);
  }
  compile_store(*g.target);
  for (const auto& cond : g.ifs) compile_jump_if(*cond, if_cleanup, false);
  if (index + 1 < gens.size()) {
    compile_comprehension_generator(gens, index + 1, depth, elt, value, kind);
  } else {
    PosGuard pg(*this, elt->loc);
    switch (kind) {
      case ast::ExprKind::ListComp:
        visit_expr(*elt);
        emit(Op::LIST_APPEND, static_cast<uint32_t>(depth + 1));
        break;
      case ast::ExprKind::SetComp:
        visit_expr(*elt);
        emit(Op::SET_ADD, static_cast<uint32_t>(depth + 1));
        break;
      case ast::ExprKind::DictComp:
        visit_expr(*elt);
        visit_expr(*value);
        emit(Op::MAP_ADD, static_cast<uint32_t>(depth + 1));
        break;
      default:
        visit_expr(*elt);
        emit(Op::YIELD_VALUE);
        emit(Op::POP_TOP);
        break;
    }
  }
  bind(if_cleanup);
  emit_goto(start);
  if (g.is_async) {
    bind(except);  // [ait exc]
    emit(Op::END_ASYNC_FOR);
  }
  bind(anchor);
}

}  // namespace minipy::vm
