// Pass 2 of the compiler, part 1: code units (one per module, class body, function, lambda and
// comprehension), the constant and name tables, name resolution to opcode families, closures,
// function and class definitions, and the compile() entry point. Statements live in
// compiler_stmt.cpp, expressions in compiler_expr.cpp, comprehensions in compiler_comprehension.cpp.
#include <algorithm>

#include <fmt/format.h>

#include "vm/compiler_internal.h"

namespace minipy::vm {

CompileResult compile(const ast::Module& module, const std::string& filename, CompileMode mode) {
  CompileResult result;
  auto table = SymbolTable::build(module, filename, result.error);
  if (!table) return result;
  try {
    Compiler compiler(*table, filename, mode);
    result.code = compiler.compile_module(module);
  } catch (CompileError& e) {
    result.error = std::move(e.error);
    result.code = nullptr;
  }
  return result;
}

void Compiler::fail(const std::string& msg, const ast::Loc& loc) {
  throw CompileError{syntax_error_at(msg, filename_, loc)};
}

// The docstring of a module, class or function body: its first statement when that is a string
// literal (not an f-string, not bytes), else null.
static const std::string* docstring_of(const ast::StmtList& body) {
  if (body.empty() || body[0]->kind != ast::StmtKind::Expr) return nullptr;
  const auto& e = *ast::as<ast::ExprStmt>(*body[0]).value;
  if (e.kind != ast::ExprKind::Constant) return nullptr;
  const auto& c = ast::as<ast::Constant>(e);
  return c.ckind == ast::Constant::Kind::Str ? &c.str_value : nullptr;
}

/// Whether a module or class body annotates anything (compound statements included, nested
/// functions and classes not): such a body starts with SETUP_ANNOTATIONS, as in CPython.
static bool body_has_annotations(const ast::StmtList& body) {
  using K = ast::StmtKind;
  for (const auto& s : body) {
    switch (s->kind) {
      case K::AnnAssign: return true;
      case K::For: {
        const auto& f = ast::as<ast::For>(*s);
        if (body_has_annotations(f.body) || body_has_annotations(f.orelse)) return true;
        break;
      }
      case K::While: {
        const auto& w = ast::as<ast::While>(*s);
        if (body_has_annotations(w.body) || body_has_annotations(w.orelse)) return true;
        break;
      }
      case K::If: {
        const auto& i = ast::as<ast::If>(*s);
        if (body_has_annotations(i.body) || body_has_annotations(i.orelse)) return true;
        break;
      }
      case K::With:
        if (body_has_annotations(ast::as<ast::With>(*s).body)) return true;
        break;
      case K::Match:
        for (const auto& c : ast::as<ast::Match>(*s).cases) {
          if (body_has_annotations(c.body)) return true;
        }
        break;
      case K::Try: {
        const auto& t = ast::as<ast::Try>(*s);
        if (body_has_annotations(t.body) || body_has_annotations(t.orelse) || body_has_annotations(t.finalbody)) {
          return true;
        }
        for (const auto& h : t.handlers) {
          if (body_has_annotations(h.body)) return true;
        }
        break;
      }
      default: break;
    }
  }
  return false;
}

std::shared_ptr<CodeUnit> Compiler::compile_module(const ast::Module& m) {
  if (m.is_interactive) mode_ = CompileMode::Interactive;
  pos_ = Position{};
  enter_unit(table_.top(), "<module>", 1);
  u().code->qualname = "<module>";
  if (mode_ == CompileMode::Eval) {
    if (m.body.size() != 1 || m.body[0]->kind != ast::StmtKind::Expr)
      fail("eval() expects a single expression", m.body.empty() ? ast::Loc{1, 0, 1, 0} : m.body[0]->loc);
    const auto& e = *ast::as<ast::ExprStmt>(*m.body[0]).value;
    PosGuard g(*this, e.loc);
    visit_expr(e);
    emit(Op::RETURN_VALUE);
  } else {
    check_future_imports(m.body);
    if (body_has_annotations(m.body)) emit(Op::SETUP_ANNOTATIONS);
    if (const std::string* doc = docstring_of(m.body); doc && mode_ != CompileMode::Interactive) {
      PosGuard g(*this, m.body[0]->loc);
      load_const(make_str(*doc));
      name_op("__doc__", NameCtx::Store);
    }
    compile_body(m.body);
  }
  return leave_unit(false);
}

void Compiler::enter_unit(Scope* scope, std::string name, int first_line) {
  auto unit = std::make_unique<Unit>();
  unit->scope = scope;
  unit->code = std::make_shared<CodeUnit>();
  CodeUnit& code = *unit->code;
  code.name = std::move(name);
  code.filename = filename_;
  code.first_line = first_line;
  if (!units_.empty()) unit->private_name = units_.back()->private_name;

  code.varnames = scope->params;
  for (size_t i = 0; i < code.varnames.size(); ++i) unit->varname_index[code.varnames[i]] = static_cast<uint32_t>(i);
  code.cellvars = scope->sorted_names(NameScope::Cell);
  if (scope->kind == ScopeKind::Class && scope->needs_class_closure) {
    code.cellvars.push_back("__class__");
    std::sort(code.cellvars.begin(), code.cellvars.end());
  }
  for (const auto& cell : code.cellvars) {
    auto it = std::find(code.varnames.begin(), code.varnames.end(), cell);
    code.cell2arg.push_back(it == code.varnames.end() ? -1 : static_cast<int>(it - code.varnames.begin()));
  }
  code.freevars = scope->sorted_names(NameScope::Free, scope->kind == ScopeKind::Class ? uint32_t{kDefFreeClass} : 0u);

  if (scope->is_function_like()) {
    code.flags |= kCoOptimized | kCoNewLocals;
    if (scope->is_nested) code.flags |= kCoNested;
    if (scope->is_coroutine) code.flags |= scope->is_generator ? kCoAsyncGenerator : kCoCoroutine;
    else if (scope->is_generator) code.flags |= kCoGenerator;
  } else if (scope->kind == ScopeKind::Class) {
    code.flags |= kCoClassBody;
  }
  units_.push_back(std::move(unit));
  // RESUME sits at column 0 of the first line, as CPython's (co_positions shows (n, n, 0, 0)).
  // A module's keeps the position of its first statement.
  if (scope->kind == ScopeKind::Module) {
    emit(Op::RESUME, 0);
  } else {
    u().as.emit(Op::RESUME, 0, Position{first_line, 0, first_line, 0});
  }
}

std::shared_ptr<CodeUnit> Compiler::leave_unit(bool add_return) {
  if (add_return) {
    load_none();
    emit(Op::RETURN_VALUE);
  }
  Unit& unit = u();
  if (auto err = unit.as.finish(*unit.code)) fail(*err, unit.scope->loc);
  auto code = unit.code;
  units_.pop_back();
  return code;
}

void Compiler::compile_body(const ast::StmtList& body) {
  visit_stmts(body);
  if (!body.empty()) {
    PosGuard g(*this, body.back()->loc);
    load_none();
    emit(Op::RETURN_VALUE);
  } else {
    load_none();
    emit(Op::RETURN_VALUE);
  }
}

uint32_t Compiler::add_const(Constant c) {
  auto& consts = u().code->consts;
  for (size_t i = 0; i < consts.size(); ++i) {
    if (consts[i] == c) return static_cast<uint32_t>(i);
  }
  consts.push_back(std::move(c));
  return static_cast<uint32_t>(consts.size() - 1);
}

uint32_t Compiler::add_name(const std::string& name) {
  auto& idx = u().name_index;
  auto it = idx.find(name);
  if (it != idx.end()) return it->second;
  auto& names = u().code->names;
  names.push_back(name);
  return idx[name] = static_cast<uint32_t>(names.size() - 1);
}

uint32_t Compiler::add_varname(const std::string& name) {
  auto& idx = u().varname_index;
  auto it = idx.find(name);
  if (it != idx.end()) return it->second;
  auto& names = u().code->varnames;
  names.push_back(name);
  return idx[name] = static_cast<uint32_t>(names.size() - 1);
}

uint32_t Compiler::deref_index(const std::string& name) {
  const CodeUnit& code = *u().code;
  auto c = std::find(code.cellvars.begin(), code.cellvars.end(), name);
  if (c != code.cellvars.end()) return static_cast<uint32_t>(c - code.cellvars.begin());
  auto f = std::find(code.freevars.begin(), code.freevars.end(), name);
  if (f != code.freevars.end()) return static_cast<uint32_t>(code.cellvars.size() + (f - code.freevars.begin()));
  fail(fmt::format("internal compiler error: no cell for '{}' in {}", name, code.name),
       ast::Loc{pos_.line, pos_.col, pos_.end_line, pos_.end_col});
}

void Compiler::name_op(const std::string& raw, NameCtx ctx) {
  if (raw == "__debug__" && ctx == NameCtx::Load) {
    load_const(make_kind(Constant::Kind::True));
    return;
  }
  const std::string name = mangled(raw);
  const Scope& scope = *u().scope;
  const bool fn = scope.is_function_like();
  enum { kFast, kDeref, kGlobal, kName } family = kName;
  switch (scope.scope_of(name)) {
    case NameScope::Free:
    case NameScope::Cell: family = kDeref; break;
    case NameScope::Local: family = fn ? kFast : kName; break;
    case NameScope::GlobalImplicit: family = fn ? kGlobal : kName; break;
    case NameScope::GlobalExplicit: family = kGlobal; break;
    case NameScope::Unresolved: break;
  }
  switch (family) {
    case kFast: {
      static constexpr Op ops[] = {Op::LOAD_FAST, Op::STORE_FAST, Op::DELETE_FAST};
      emit(ops[static_cast<int>(ctx)], add_varname(name));
      return;
    }
    case kDeref: {
      Op op = ctx == NameCtx::Store ? Op::STORE_DEREF : ctx == NameCtx::Del ? Op::DELETE_DEREF
              : scope.kind == ScopeKind::Class ? Op::LOAD_CLASSDEREF : Op::LOAD_DEREF;
      emit(op, deref_index(name));
      return;
    }
    case kGlobal: {
      static constexpr Op ops[] = {Op::LOAD_GLOBAL, Op::STORE_GLOBAL, Op::DELETE_GLOBAL};
      emit(ops[static_cast<int>(ctx)], add_name(name));
      return;
    }
    case kName: {
      static constexpr Op ops[] = {Op::LOAD_NAME, Op::STORE_NAME, Op::DELETE_NAME};
      emit(ops[static_cast<int>(ctx)], add_name(name));
      return;
    }
  }
}

void Compiler::make_closure(const std::shared_ptr<CodeUnit>& code, uint32_t flags) {
  if (!code->freevars.empty()) {
    for (const auto& name : code->freevars) emit(Op::LOAD_CLOSURE, deref_index(name));
    emit(Op::BUILD_TUPLE, static_cast<uint32_t>(code->freevars.size()));
    flags |= 8;
  }
  Constant c;
  c.kind = Constant::Kind::Code;
  c.code = code;
  load_const(std::move(c));
  emit(Op::MAKE_FUNCTION, flags);
}

std::string Compiler::qualname_for(const std::string& name, ScopeKind kind) {
  if (units_.size() <= 1) return name;  // defined at module level
  Unit& parent = u();
  if (kind == ScopeKind::Function || kind == ScopeKind::Class) {
    if (parent.scope->scope_of(mangle(parent.private_name, name)) == NameScope::GlobalExplicit) return name;
  }
  if (parent.scope->is_function_like()) return parent.code->qualname + ".<locals>." + name;
  return parent.code->qualname + "." + name;
}

uint32_t Compiler::compile_defaults(const ast::Arguments& args) {
  uint32_t flags = 0;
  if (!args.defaults.empty()) {
    Constant folded;
    folded.kind = Constant::Kind::Tuple;
    bool all_const = true;
    for (const auto& d : args.defaults) {
      auto c = fold_const(*d);
      if (!c) {
        all_const = false;
        break;
      }
      folded.items.push_back(std::move(*c));
    }
    if (all_const) {
      load_const(std::move(folded));
    } else {
      for (const auto& d : args.defaults) visit_expr(*d);
      emit(Op::BUILD_TUPLE, static_cast<uint32_t>(args.defaults.size()));
    }
    flags |= 1;
  }
  Constant keys;
  keys.kind = Constant::Kind::Tuple;
  for (size_t i = 0; i < args.kwonlyargs.size(); ++i) {
    if (i >= args.kw_defaults.size() || !args.kw_defaults[i]) continue;
    visit_expr(*args.kw_defaults[i]);
    Constant k;
    k.kind = Constant::Kind::Str;
    k.text = mangled(args.kwonlyargs[i].name);
    keys.items.push_back(std::move(k));
  }
  if (!keys.items.empty()) {
    auto n = static_cast<uint32_t>(keys.items.size());
    load_const(std::move(keys));
    emit(Op::BUILD_CONST_KEY_MAP, n);
    flags |= 2;
  }
  return flags;
}

// Pushes the (name, value, ...) tuple MAKE_FUNCTION's flag 4 takes for __annotations__; returns 4,
// or 0 (and pushes nothing) when no parameter and no return value is annotated.
uint32_t Compiler::compile_annotations(const ast::Arguments& args, const ast::Expr* returns) {
  uint32_t n = 0;
  auto one = [&](const std::string& name, const ast::Expr* ann) {
    if (ann == nullptr) return;
    load_const(make_str(mangled(name)));
    visit_annotation(*ann);
    n++;
  };
  for (const auto* list : {&args.posonlyargs, &args.args}) {
    for (const auto& a : *list) one(a.name, a.annotation.get());
  }
  if (args.vararg) one(args.vararg->name, args.vararg->annotation.get());
  for (const auto& a : args.kwonlyargs) one(a.name, a.annotation.get());
  if (args.kwarg) one(args.kwarg->name, args.kwarg->annotation.get());
  one("return", returns);
  if (n == 0) return 0;
  emit(Op::BUILD_TUPLE, 2 * n);
  return 4;
}

void Compiler::set_arg_counts(CodeUnit& code, const ast::Arguments& args) {
  code.posonlyargcount = static_cast<int>(args.posonlyargs.size());
  code.argcount = static_cast<int>(args.posonlyargs.size() + args.args.size());
  code.kwonlyargcount = static_cast<int>(args.kwonlyargs.size());
  if (args.vararg) code.flags |= kCoVarargs;
  if (args.kwarg) code.flags |= kCoVarkeywords;
}

/// Calls the decorators (pushed before the function or class), innermost first, each at its own
/// position as CPython 3.11's compiler_apply_decorators: a decorator that raises is reported at
/// its `@` line.
void Compiler::apply_decorators(const ast::ExprList& decorators) {
  for (size_t i = decorators.size(); i-- > 0;) {
    PosGuard g(*this, decorators[i]->loc);
    emit(Op::CALL_FUNCTION, 1);
  }
}

void Compiler::compile_function(const ast::FunctionDef& f) {
  PosGuard g(*this, f.loc);
  for (const auto& d : f.decorator_list) visit_expr(*d);
  uint32_t flags = compile_defaults(f.args);
  flags |= compile_annotations(f.args, f.returns.get());
  Scope* scope = table_.lookup(&f);
  std::string qualname = qualname_for(f.name, ScopeKind::Function);
  int first_line = f.decorator_list.empty() ? f.loc.line : f.decorator_list.front()->loc.line;
  enter_unit(scope, f.name, first_line);
  u().code->qualname = qualname;
  set_arg_counts(*u().code, f.args);
  if (const std::string* doc = docstring_of(f.body)) {
    add_const(make_str(*doc));  // consts[0]: the enter_unit RESUME uses no constant
    u().code->flags |= kCoHasDocstring;
  }
  compile_body(f.body);
  auto code = leave_unit(false);
  make_closure(code, flags);
  apply_decorators(f.decorator_list);
  name_op(f.name, NameCtx::Store);
}

void Compiler::compile_lambda(const ast::Lambda& l) {
  uint32_t flags = compile_defaults(l.args);
  Scope* scope = table_.lookup(&l);
  std::string qualname = qualname_for("<lambda>", ScopeKind::Lambda);
  enter_unit(scope, "<lambda>", l.loc.line);
  u().code->qualname = qualname;
  set_arg_counts(*u().code, l.args);
  {
    PosGuard g(*this, l.body->loc);
    visit_expr(*l.body);
    if (scope->is_generator) {
      emit(Op::POP_TOP);
      load_none();
    }
    emit(Op::RETURN_VALUE);
  }
  auto code = leave_unit(false);
  make_closure(code, flags);
}

void Compiler::compile_class(const ast::ClassDef& c) {
  PosGuard g(*this, c.loc);
  for (const auto& d : c.decorator_list) visit_expr(*d);
  Scope* scope = table_.lookup(&c);
  std::string qualname = qualname_for(c.name, ScopeKind::Class);
  emit(Op::LOAD_BUILD_CLASS);
  int first_line = c.decorator_list.empty() ? c.loc.line : c.decorator_list.front()->loc.line;
  enter_unit(scope, c.name, first_line);
  u().code->qualname = qualname;
  u().private_name = c.name;
  if (body_has_annotations(c.body)) emit(Op::SETUP_ANNOTATIONS);
  name_op("__name__", NameCtx::Load);
  name_op("__module__", NameCtx::Store);
  load_const(make_str(qualname));
  name_op("__qualname__", NameCtx::Store);
  if (const std::string* doc = docstring_of(c.body)) {
    PosGuard d(*this, c.body[0]->loc);
    load_const(make_str(*doc));
    name_op("__doc__", NameCtx::Store);
  }
  visit_stmts(c.body);
  {
    std::optional<PosGuard> last;
    if (!c.body.empty()) last.emplace(*this, c.body.back()->loc);
    if (scope->needs_class_closure) {
      emit(Op::LOAD_CLOSURE, deref_index("__class__"));
      emit(Op::DUP_TOP);
      name_op("__classcell__", NameCtx::Store);
    } else {
      load_none();
    }
    emit(Op::RETURN_VALUE);
  }
  auto code = leave_unit(false);
  make_closure(code, 0);
  load_const(make_str(c.name));
  compile_call_helper(2, c.bases, c.keywords);
  apply_decorators(c.decorator_list);
  name_op(c.name, NameCtx::Store);
}

}  // namespace minipy::vm
