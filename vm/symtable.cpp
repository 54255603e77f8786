// Pass 1 of the compiler: collects the names of every scope (SymtableBuilder), then resolves them
// (analyze_block), following the algorithm of CPython's Python/symtable.c: a name bound in a
// function is local; a name used but bound in an enclosing function is free there and a cell in
// the function that binds it; class bodies do not make their names visible to nested functions;
// a method that mentions `super` or `__class__` captures the implicit `__class__` cell.
#include "vm/symtable.h"

#include <algorithm>
#include <unordered_set>

#include <fmt/format.h>

namespace minipy::vm {

parse::SyntaxError syntax_error_at(const std::string& msg, const std::string& filename,
                                   const ast::Loc& loc) {
  parse::SyntaxError e;
  e.msg = msg;
  e.filename = filename;
  e.lineno = loc.line;
  e.offset = loc.col + 1;
  e.end_lineno = loc.end_line;
  e.end_offset = loc.end_line ? loc.end_col + 1 : 0;
  return e;
}

std::string mangle(const std::string& private_name, const std::string& name) {
  if (private_name.empty() || name.size() < 2 || name[0] != '_' || name[1] != '_') return name;
  // Names ending in "__" (dunders, and '___' or '__' alone, as CPython's _Py_Mangle) and dotted
  // (import) names are left alone.
  if (name.compare(name.size() - 2, 2, "__") == 0) return name;
  if (name.find('.') != std::string::npos) return name;
  size_t skip = private_name.find_first_not_of('_');
  if (skip == std::string::npos) return name;  // class name made only of underscores
  return "_" + private_name.substr(skip) + name;
}

NameScope Scope::scope_of(const std::string& name) const {
  auto it = symbols.find(name);
  if (it == symbols.end() || it->second.scope == NameScope::Unresolved) return NameScope::GlobalImplicit;
  return it->second.scope;
}

uint32_t Scope::flags_of(const std::string& name) const {
  auto it = symbols.find(name);
  return it == symbols.end() ? 0 : it->second.flags;
}

std::vector<std::string> Scope::sorted_names(NameScope which, uint32_t also_flag) const {
  std::vector<std::string> out;
  for (const auto& name : symbol_order) {
    const Symbol& s = symbols.at(name);
    if (s.scope == which || (also_flag && (s.flags & also_flag))) out.push_back(name);
  }
  std::sort(out.begin(), out.end());
  return out;
}

Scope* SymbolTable::new_scope(const void* node, ScopeKind kind, std::string name, ast::Loc loc,
                              Scope* parent) {
  auto s = std::make_unique<Scope>();
  s->kind = kind;
  s->name = std::move(name);
  s->loc = loc;
  s->parent = parent;
  if (parent) {
    s->is_nested = parent->is_function_like() || parent->is_nested;
    parent->children.push_back(s.get());
  }
  Scope* raw = s.get();
  scopes_.push_back(std::move(s));
  if (node) by_node_[node] = raw;
  return raw;
}

Scope* SymbolTable::lookup(const void* node) const {
  auto it = by_node_.find(node);
  return it == by_node_.end() ? nullptr : it->second;
}

// ------------------------------------------------------------------------------------------
// Walking the tree

class SymtableBuilder {
 public:
  SymtableBuilder(SymbolTable& table, const std::string& filename) : table_(table), filename_(filename) {}

  void run(const ast::Module& m) {
    table_.top_ = table_.new_scope(&m, ScopeKind::Module, "top", {}, nullptr);
    cur_ = table_.top_;
    for (const auto& s : m.body) visit(*s);
  }

 private:
  [[noreturn]] void fail(const std::string& msg, const ast::Loc& loc) {
    throw CompileError{syntax_error_at(msg, filename_, loc)};
  }

  /// Counts AST nesting on the way down (CPython's symtable does the same, at 3 x the recursion
  /// limit): a tree nested deeper than kMaxDepth is RecursionError "during compilation" here,
  /// so neither this pass nor the compiler's recursive walk can overflow the C++ stack.
  struct DepthGuard {
    static constexpr int kMaxDepth = 3000;
    SymtableBuilder* b;
    DepthGuard(SymtableBuilder* builder, const ast::Loc& loc) : b(builder) {
      if (++b->depth_ > kMaxDepth) {
        --b->depth_;
        parse::SyntaxError err = syntax_error_at("maximum recursion depth exceeded during compilation", b->filename_, loc);
        err.type = "RecursionError";
        throw CompileError{std::move(err)};
      }
    }
    ~DepthGuard() { --b->depth_; }
  };
  int depth_ = 0;

  void add_def_in(Scope* scope, const std::string& raw_name, uint32_t flag, const ast::Loc& loc) {
    std::string name = mangle(private_, raw_name);
    auto it = scope->symbols.find(name);
    if (it == scope->symbols.end()) {
      it = scope->symbols.emplace(name, Symbol{}).first;
      scope->symbol_order.push_back(name);
    }
    if ((flag & kDefParam) && (it->second.flags & kDefParam))
      fail(fmt::format("duplicate argument '{}' in function definition", raw_name), loc);
    it->second.flags |= flag;
  }
  void add_def(const std::string& name, uint32_t flag, const ast::Loc& loc) { add_def_in(cur_, name, flag, loc); }

  Scope* enter(const void* node, ScopeKind kind, std::string name, ast::Loc loc) {
    Scope* s = table_.new_scope(node, kind, std::move(name), loc, cur_);
    cur_ = s;
    return s;
  }
  void leave() { cur_ = cur_->parent; }

  void visit_body(const ast::StmtList& body) {
    for (const auto& s : body) visit(*s);
  }
  void visit_opt(const ast::ExprPtr& e) {
    if (e) visit(*e);
  }
  void visit_list(const ast::ExprList& l) {
    for (const auto& e : l) visit_opt(e);
  }

  void visit_params(const ast::Arguments& a) {
    auto add = [&](const ast::Arg& arg) {
      add_def(arg.name, kDefParam, arg.loc);
      cur_->params.push_back(mangle(private_, arg.name));
    };
    for (const auto& arg : a.posonlyargs) add(arg);
    for (const auto& arg : a.args) add(arg);
    for (const auto& arg : a.kwonlyargs) add(arg);
    if (a.vararg) add(*a.vararg);
    if (a.kwarg) add(*a.kwarg);
  }
  void visit_defaults(const ast::Arguments& a) {
    visit_list(a.defaults);
    visit_list(a.kw_defaults);
  }

  void declare(const std::vector<std::string>& names, const ast::Stmt& s, bool global) {
    const char* what = global ? "global" : "nonlocal";
    if (!global && cur_->kind == ScopeKind::Module)
      fail("nonlocal declaration not allowed at module level", s.loc);
    for (const auto& raw : names) {
      std::string name = mangle(private_, raw);
      uint32_t cur = cur_->flags_of(name);
      if (cur & (kDefParam | kDefLocal | kUse | kDefAnnot)) {
        std::string msg;
        if (cur & kDefParam) msg = fmt::format("name '{}' is parameter and {}", raw, what);
        else if (cur & kUse) msg = fmt::format("name '{}' is used prior to {} declaration", raw, what);
        else if (cur & kDefAnnot) msg = fmt::format("annotated name '{}' can't be {}", raw, what);
        else msg = fmt::format("name '{}' is assigned to before {} declaration", raw, what);
        fail(msg, s.loc);
      }
      if (!global && (cur & kDefGlobal)) fail(fmt::format("name '{}' is nonlocal and global", raw), s.loc);
      if (global && (cur & kDefNonlocal)) fail(fmt::format("name '{}' is nonlocal and global", raw), s.loc);
      add_def(raw, global ? kDefGlobal : kDefNonlocal, s.loc);
      cur_->directives.emplace(name, s.loc);
    }
  }

  void visit(const ast::Stmt& s) {
    DepthGuard depth(this, s.loc);
    using K = ast::StmtKind;
    switch (s.kind) {
      case K::FunctionDef: {
        const auto& f = ast::as<ast::FunctionDef>(s);
        add_def(f.name, kDefLocal, f.loc);
        visit_defaults(f.args);
        // Parameter and return annotations are evaluated in the enclosing scope (no PEP 563).
        for (const auto* list : {&f.args.posonlyargs, &f.args.args, &f.args.kwonlyargs})
          for (const auto& a : *list) visit_opt(a.annotation);
        if (f.args.vararg) visit_opt(f.args.vararg->annotation);
        if (f.args.kwarg) visit_opt(f.args.kwarg->annotation);
        visit_opt(f.returns);
        visit_list(f.decorator_list);
        enter(&f, ScopeKind::Function, f.name, f.loc)->is_coroutine = f.is_async;
        visit_params(f.args);
        visit_body(f.body);
        leave();
        break;
      }
      case K::ClassDef: {
        const auto& c = ast::as<ast::ClassDef>(s);
        add_def(c.name, kDefLocal, c.loc);
        visit_list(c.bases);
        for (const auto& k : c.keywords) visit(*k.value);
        visit_list(c.decorator_list);
        enter(&c, ScopeKind::Class, c.name, c.loc);
        std::string saved = private_;
        private_ = c.name;
        visit_body(c.body);
        private_ = saved;
        leave();
        break;
      }
      case K::Return: visit_opt(ast::as<ast::Return>(s).value); break;
      case K::Delete: visit_list(ast::as<ast::Delete>(s).targets); break;
      case K::Assign: {
        const auto& a = ast::as<ast::Assign>(s);
        visit(*a.value);
        visit_list(a.targets);
        break;
      }
      case K::AugAssign: {
        const auto& a = ast::as<ast::AugAssign>(s);
        visit(*a.value);
        if (a.target->kind == ast::ExprKind::Name) {
          // Read and written: both a use and a binding.
          add_def(ast::as<ast::Name>(*a.target).id, kDefLocal, a.target->loc);
        } else {
          visit(*a.target);
        }
        break;
      }
      case K::AnnAssign: {
        const auto& a = ast::as<ast::AnnAssign>(s);
        if (a.target->kind == ast::ExprKind::Name) {
          const auto& n = ast::as<ast::Name>(*a.target);
          uint32_t cur = cur_->flags_of(mangle(private_, n.id));
          if ((cur & (kDefGlobal | kDefNonlocal)) && a.simple)
            fail(fmt::format("annotated name '{}' can't be {}", n.id,
                             (cur & kDefGlobal) ? "global" : "nonlocal"), s.loc);
          add_def(n.id, kDefLocal | (a.simple ? uint32_t{kDefAnnot} : 0u), n.loc);
        } else {
          visit(*a.target);
        }
        // Module and class bodies evaluate annotations (into __annotations__); functions don't.
        if (!cur_->is_function_like()) visit(*a.annotation);
        visit_opt(a.value);
        break;
      }
      case K::For: {
        const auto& f = ast::as<ast::For>(s);
        visit(*f.target);
        visit(*f.iter);
        visit_body(f.body);
        visit_body(f.orelse);
        break;
      }
      case K::While: {
        const auto& w = ast::as<ast::While>(s);
        visit(*w.test);
        visit_body(w.body);
        visit_body(w.orelse);
        break;
      }
      case K::If: {
        const auto& i = ast::as<ast::If>(s);
        visit(*i.test);
        visit_body(i.body);
        visit_body(i.orelse);
        break;
      }
      case K::With: {
        const auto& w = ast::as<ast::With>(s);
        for (const auto& item : w.items) {
          visit(*item.context_expr);
          visit_opt(item.optional_vars);
        }
        visit_body(w.body);
        break;
      }
      case K::Raise: {
        const auto& r = ast::as<ast::Raise>(s);
        visit_opt(r.exc);
        visit_opt(r.cause);
        break;
      }
      case K::Try: {
        const auto& t = ast::as<ast::Try>(s);
        visit_body(t.body);
        for (const auto& h : t.handlers) {
          visit_opt(h.type);  // (except*: the same scoping)
          if (!h.name.empty()) add_def(h.name, kDefLocal, h.loc);
          visit_body(h.body);
        }
        visit_body(t.orelse);
        visit_body(t.finalbody);
        break;
      }
      case K::Assert: {
        const auto& a = ast::as<ast::Assert>(s);
        visit(*a.test);
        visit_opt(a.msg);
        break;
      }
      case K::Import:
        for (const auto& alias : ast::as<ast::Import>(s).names) {
          std::string stored = alias.asname.empty() ? alias.name.substr(0, alias.name.find('.')) : alias.asname;
          add_def(stored, kDefLocal, alias.loc);
        }
        break;
      case K::ImportFrom:
        for (const auto& alias : ast::as<ast::ImportFrom>(s).names) {
          if (alias.name == "*") {
            if (cur_->kind != ScopeKind::Module) fail("import * only allowed at module level", s.loc);
            continue;
          }
          add_def(alias.asname.empty() ? alias.name : alias.asname, kDefLocal, alias.loc);
        }
        break;
      case K::Global: declare(ast::as<ast::Global>(s).names, s, true); break;
      case K::Nonlocal: declare(ast::as<ast::Nonlocal>(s).names, s, false); break;
      case K::Expr: visit(*ast::as<ast::ExprStmt>(s).value); break;
      case K::Match: {
        const auto& m = ast::as<ast::Match>(s);
        visit(*m.subject);
        for (const auto& c : m.cases) {
          visit_pattern(*c.pattern);
          visit_opt(c.guard);
          visit_body(c.body);
        }
        break;
      }
      case K::Pass:
      case K::Break:
      case K::Continue:
        break;
    }
  }

  // Patterns (PEP 634): captures bind names; values, keys and classes are loads.
  void visit_pattern(const ast::Pattern& p) {
    DepthGuard depth(this, p.loc);
    using K = ast::PatternKind;
    switch (p.kind) {
      case K::MatchValue: visit(*ast::as<ast::MatchValue>(p).value); break;
      case K::MatchSingleton: break;
      case K::MatchSequence:
        for (const auto& q : ast::as<ast::MatchSequence>(p).patterns) visit_pattern(*q);
        break;
      case K::MatchMapping: {
        const auto& m = ast::as<ast::MatchMapping>(p);
        visit_list(m.keys);
        for (const auto& q : m.patterns) visit_pattern(*q);
        if (!m.rest.empty()) add_def(m.rest, kDefLocal, p.loc);
        break;
      }
      case K::MatchClass: {
        const auto& c = ast::as<ast::MatchClass>(p);
        visit(*c.cls);
        for (const auto& q : c.patterns) visit_pattern(*q);
        for (const auto& q : c.kwd_patterns) visit_pattern(*q);
        break;
      }
      case K::MatchStar:
        if (!ast::as<ast::MatchStar>(p).name.empty()) add_def(ast::as<ast::MatchStar>(p).name, kDefLocal, p.loc);
        break;
      case K::MatchAs: {
        const auto& a = ast::as<ast::MatchAs>(p);
        if (a.pattern) visit_pattern(*a.pattern);
        if (!a.name.empty()) add_def(a.name, kDefLocal, p.loc);
        break;
      }
      case K::MatchOr:
        for (const auto& q : ast::as<ast::MatchOr>(p).patterns) visit_pattern(*q);
        break;
    }
  }

  // `x := v` inside a comprehension binds x in the nearest enclosing non-comprehension scope.
  void extend_namedexpr_scope(const ast::Name& target) {
    std::string name = mangle(private_, target.id);
    for (Scope* s = cur_; s; s = s->parent) {
      if (s->kind == ScopeKind::Comprehension) {
        if (s->flags_of(name) & kDefCompIter)
          fail(fmt::format("assignment expression cannot rebind comprehension iteration variable '{}'",
                           target.id), target.loc);
        continue;
      }
      if (s->kind == ScopeKind::Class)
        fail("assignment expression within a comprehension cannot be used in a class body", target.loc);
      bool global = s->kind == ScopeKind::Module || (s->flags_of(name) & kDefGlobal);
      add_def(target.id, global ? kDefGlobal : kDefNonlocal, target.loc);
      cur_->directives.emplace(name, target.loc);
      add_def_in(s, target.id, kDefLocal, target.loc);
      return;
    }
  }

  template <class Comp>
  void visit_comprehension(const ast::Expr& e, const Comp& c, const char* name, const ast::Expr* elt,
                           const ast::Expr* value) {
    visit(*c.generators[0].iter);
    Scope* outer = cur_;
    Scope* s = enter(&e, ScopeKind::Comprehension, name, e.loc);
    s->is_generator = e.kind == ast::ExprKind::GeneratorExp;
    // An `async for` clause makes the comprehension a coroutine (a generator expression an
    // asynchronous generator); outside an async function only the latter is allowed. Inside
    // another comprehension it is allowed here and makes that one a coroutine (checked below).
    bool is_async = false;
    for (const auto& g : c.generators) is_async = is_async || g.is_async;
    if (is_async) {
      if (!s->is_generator && !outer->is_coroutine && outer->kind != ScopeKind::Comprehension)
        fail("asynchronous comprehension outside of an asynchronous function", e.loc);
      s->is_coroutine = true;
    }
    add_def(".0", kDefParam, e.loc);
    s->params.push_back(".0");
    for (size_t i = 0; i < c.generators.size(); ++i) {
      const auto& g = c.generators[i];
      if (i > 0) visit(*g.iter);
      in_comp_target_ = true;
      visit(*g.target);
      in_comp_target_ = false;
      visit_list(g.ifs);
    }
    if (elt) visit(*elt);
    if (value) visit(*value);
    leave();
    // A list/set/dict comprehension that became a coroutine (an `await` inside it) is awaited by
    // the code that runs it: an enclosing comprehension becomes a coroutine too, with the same
    // rule about where it may be.
    if (s->is_coroutine && !s->is_generator && outer->kind == ScopeKind::Comprehension &&
        !outer->is_coroutine) {
      Scope* p = outer->parent;
      if (!outer->is_generator && !(p && (p->is_coroutine || p->kind == ScopeKind::Comprehension)))
        fail("asynchronous comprehension outside of an asynchronous function", e.loc);
      outer->is_coroutine = true;
    }
  }

  void visit(const ast::Expr& e) {
    DepthGuard depth(this, e.loc);
    using K = ast::ExprKind;
    switch (e.kind) {
      case K::BoolOp: visit_list(ast::as<ast::BoolOp>(e).values); break;
      case K::NamedExpr: {
        const auto& n = ast::as<ast::NamedExpr>(e);
        if (cur_->kind == ScopeKind::Comprehension && n.target->kind == K::Name)
          extend_namedexpr_scope(ast::as<ast::Name>(*n.target));
        visit(*n.value);
        visit(*n.target);
        break;
      }
      case K::BinOp: {
        const auto& b = ast::as<ast::BinOp>(e);
        visit(*b.left);
        visit(*b.right);
        break;
      }
      case K::UnaryOp: visit(*ast::as<ast::UnaryOp>(e).operand); break;
      case K::Lambda: {
        const auto& l = ast::as<ast::Lambda>(e);
        visit_defaults(l.args);
        enter(&l, ScopeKind::Lambda, "<lambda>", l.loc);
        visit_params(l.args);
        visit(*l.body);
        leave();
        break;
      }
      case K::IfExp: {
        const auto& i = ast::as<ast::IfExp>(e);
        visit(*i.test);
        visit(*i.body);
        visit(*i.orelse);
        break;
      }
      case K::Dict: {
        const auto& d = ast::as<ast::Dict>(e);
        visit_list(d.keys);
        visit_list(d.values);
        break;
      }
      case K::Set: visit_list(ast::as<ast::Set>(e).elts); break;
      case K::ListComp: {
        const auto& c = ast::as<ast::ListComp>(e);
        visit_comprehension(e, c, "<listcomp>", c.elt.get(), nullptr);
        break;
      }
      case K::SetComp: {
        const auto& c = ast::as<ast::SetComp>(e);
        visit_comprehension(e, c, "<setcomp>", c.elt.get(), nullptr);
        break;
      }
      case K::DictComp: {
        const auto& c = ast::as<ast::DictComp>(e);
        visit_comprehension(e, c, "<dictcomp>", c.key.get(), c.value.get());
        break;
      }
      case K::GeneratorExp: {
        const auto& c = ast::as<ast::GeneratorExp>(e);
        visit_comprehension(e, c, "<genexpr>", c.elt.get(), nullptr);
        break;
      }
      case K::Yield:
      case K::YieldFrom: {
        if (!cur_->is_function_like()) fail("'yield' outside function", e.loc);
        if (cur_->kind == ScopeKind::Comprehension) {
          const std::string& n = cur_->name;
          std::string what = n == "<listcomp>" ? "list comprehension"
                             : n == "<setcomp>" ? "set comprehension"
                             : n == "<dictcomp>" ? "dict comprehension"
                                                 : "generator expression";
          fail("'yield' inside " + what, e.loc);
        }
        if (e.kind == K::YieldFrom && cur_->is_coroutine) fail("'yield from' inside async function", e.loc);
        cur_->is_generator = true;
        if (e.kind == K::Yield) visit_opt(ast::as<ast::Yield>(e).value);
        else visit(*ast::as<ast::YieldFrom>(e).value);
        break;
      }
      case K::Await: {
        // `await` makes a comprehension a coroutine: a generator expression becomes an
        // asynchronous generator wherever it is (legal since 3.7); a list, set or dict
        // comprehension must sit in an async function or another comprehension, as CPython's
        // compiler_comprehension checks.
        if (cur_->kind == ScopeKind::Comprehension) {
          Scope* p = cur_->parent;
          if (!cur_->is_generator &&
              !(p && (p->is_coroutine || p->kind == ScopeKind::Comprehension)))
            fail("asynchronous comprehension outside of an asynchronous function", e.loc);
          cur_->is_coroutine = true;
        }
        if (!cur_->is_function_like()) fail("'await' outside function", e.loc);
        if (!cur_->is_coroutine) fail("'await' outside async function", e.loc);
        visit(*ast::as<ast::Await>(e).value);
        break;
      }
      case K::Compare: {
        const auto& c = ast::as<ast::Compare>(e);
        visit(*c.left);
        visit_list(c.comparators);
        break;
      }
      case K::Call: {
        const auto& c = ast::as<ast::Call>(e);
        visit(*c.func);
        visit_list(c.args);
        for (const auto& k : c.keywords) visit(*k.value);
        break;
      }
      case K::FormattedValue: {
        const auto& f = ast::as<ast::FormattedValue>(e);
        visit(*f.value);
        visit_opt(f.format_spec);
        break;
      }
      case K::JoinedStr: visit_list(ast::as<ast::JoinedStr>(e).values); break;
      case K::Constant: break;
      case K::Attribute: visit(*ast::as<ast::Attribute>(e).value); break;
      case K::Subscript: {
        const auto& s = ast::as<ast::Subscript>(e);
        visit(*s.value);
        visit(*s.slice);
        break;
      }
      case K::Starred: visit(*ast::as<ast::Starred>(e).value); break;
      case K::Name: {
        const auto& n = ast::as<ast::Name>(e);
        if (n.ctx == ast::ExprContext::Load) {
          add_def(n.id, kUse, n.loc);
          // Zero-argument super() needs the __class__ cell of the enclosing class.
          if (cur_->is_function_like() && n.id == "super") add_def("__class__", kUse, n.loc);
        } else {
          add_def(n.id, kDefLocal | (in_comp_target_ ? uint32_t{kDefCompIter} : 0u), n.loc);
        }
        break;
      }
      case K::List: visit_list(ast::as<ast::List>(e).elts); break;
      case K::Tuple: visit_list(ast::as<ast::Tuple>(e).elts); break;
      case K::Slice: {
        const auto& s = ast::as<ast::Slice>(e);
        visit_opt(s.lower);
        visit_opt(s.upper);
        visit_opt(s.step);
        break;
      }
    }
  }

  SymbolTable& table_;
  const std::string& filename_;
  Scope* cur_ = nullptr;
  std::string private_;
  bool in_comp_target_ = false;
};

// ------------------------------------------------------------------------------------------
// Resolving names

namespace {

using NameSet = std::unordered_set<std::string>;
constexpr uint32_t kDefBound = kDefLocal | kDefParam;

struct Analyzer {
  const std::string& filename;

  [[noreturn]] void fail_at_directive(const Scope* s, const std::string& msg, const std::string& name) {
    auto it = s->directives.find(name);
    throw CompileError{syntax_error_at(msg, filename, it != s->directives.end() ? it->second : s->loc)};
  }

  void analyze_name(Scope* s, std::unordered_map<std::string, NameScope>& scopes, const std::string& name,
                    uint32_t flags, NameSet* bound, NameSet& local, NameSet& free, NameSet& global) {
    if (flags & kDefGlobal) {
      scopes[name] = NameScope::GlobalExplicit;
      global.insert(name);
      if (bound) bound->erase(name);
      return;
    }
    if (flags & kDefNonlocal) {
      if (!bound) fail_at_directive(s, "nonlocal declaration not allowed at module level", name);
      if (!bound->count(name)) fail_at_directive(s, fmt::format("no binding for nonlocal '{}' found", name), name);
      scopes[name] = NameScope::Free;
      s->has_free = true;
      free.insert(name);
      return;
    }
    if (flags & kDefBound) {
      scopes[name] = NameScope::Local;
      local.insert(name);
      global.erase(name);
      return;
    }
    if (bound && bound->count(name)) {
      scopes[name] = NameScope::Free;
      s->has_free = true;
      free.insert(name);
      return;
    }
    if (!global.count(name) && s->is_nested) s->has_free = true;
    scopes[name] = NameScope::GlobalImplicit;
  }

  void analyze_block(Scope* s, NameSet* bound, NameSet& free, NameSet& global) {
    NameSet local, newglobal, newfree, newbound;
    std::unordered_map<std::string, NameScope> scopes;
    if (s->kind == ScopeKind::Class) {
      newglobal = global;
      if (bound) newbound = *bound;
    }
    for (const auto& name : s->symbol_order)
      analyze_name(s, scopes, name, s->symbols[name].flags, bound, local, free, global);
    if (s->kind != ScopeKind::Class) {
      if (s->is_function_like()) newbound.insert(local.begin(), local.end());
      if (bound) newbound.insert(bound->begin(), bound->end());
      newglobal.insert(global.begin(), global.end());
    } else {
      newbound.insert("__class__");
    }
    for (Scope* child : s->children) {
      NameSet child_bound = newbound, child_global = newglobal, child_free;
      analyze_block(child, &child_bound, child_free, child_global);
      newfree.insert(child_free.begin(), child_free.end());
      if (child->has_free || child->child_has_free) s->child_has_free = true;
    }
    if (s->is_function_like()) {
      for (auto& [name, sc] : scopes) {
        if (sc == NameScope::Local && newfree.count(name)) {
          sc = NameScope::Cell;
          newfree.erase(name);
        }
      }
    } else if (s->kind == ScopeKind::Class && newfree.erase("__class__")) {
      s->needs_class_closure = true;
    }
    // update_symbols
    for (auto& [name, sym] : s->symbols) sym.scope = scopes[name];
    std::vector<std::string> pending(newfree.begin(), newfree.end());
    std::sort(pending.begin(), pending.end());
    for (const auto& name : pending) {
      auto it = s->symbols.find(name);
      if (it != s->symbols.end()) {
        if (s->kind == ScopeKind::Class && (it->second.flags & (kDefBound | kDefGlobal)))
          it->second.flags |= kDefFreeClass;
        continue;  // a cell, or already free here
      }
      if (bound && !bound->count(name)) continue;  // a global
      s->symbols.emplace(name, Symbol{0, NameScope::Free});
      s->symbol_order.push_back(name);
    }
    free.insert(newfree.begin(), newfree.end());
  }
};

}  // namespace

std::unique_ptr<SymbolTable> SymbolTable::build(const ast::Module& module, const std::string& filename,
                                                std::optional<parse::SyntaxError>& error) {
  auto table = std::unique_ptr<SymbolTable>(new SymbolTable());
  try {
    SymtableBuilder(*table, filename).run(module);
    NameSet free, global;
    Analyzer{filename}.analyze_block(table->top_, nullptr, free, global);
  } catch (CompileError& e) {
    error = std::move(e.error);
    return nullptr;
  }
  return table;
}

}  // namespace minipy::vm
