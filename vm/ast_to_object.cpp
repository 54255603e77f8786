// Parser tree -> `_ast` node objects, for compile(..., PyCF_ONLY_AST) and so ast.parse(). The
// parser's tree already has CPython's shape and positions (parser/ast.h), so each node becomes
// one object with its fields in `_fields` order and then lineno, col_offset, end_lineno and
// end_col_offset, as CPython's ast2obj sets them. Field-less kinds (Load, Add, Eq, ...) are the
// shared instances of ast_singleton(), as in CPython.
#include <vector>

#include "runtime/bigint.h"
#include "runtime/errors.h"
#include "runtime/objects/bytes.h"
#include "runtime/objects/complex.h"
#include "runtime/objects/dict.h"
#include "runtime/objects/float.h"
#include "runtime/objects/int.h"
#include "runtime/objects/list.h"
#include "runtime/objects/singletons.h"
#include "runtime/objects/str.h"
#include "runtime/ops.h"
#include "runtime/state/thread_state.h"
#include "vm/ast_convert.h"
#include "vm/ast_types.h"

namespace minipy::vm {

using namespace rt;
using K = AstNode;

namespace {

AstNode offset(AstNode first, int i) { return static_cast<AstNode>(static_cast<int>(first) + i); }

class ToObject {
 public:
  /// A node of kind `k` with `fields` in _fields order (any null one means an error is pending)
  /// and, when `loc` is given, its four location attributes.
  Ref node(AstNode k, std::initializer_list<Ref> fields, const ast::Loc* loc = nullptr) {
    for (const Ref& f : fields) {
      if (!f) return Ref();
    }
    const AstNodeInfo& info = ast_node_info(k);
    Ref obj = ast_node_new(info.type);
    DictObject* d = *instance_dict_slot(obj.get());
    size_t i = 0;
    for (const Ref& f : fields) {
      if (!dict_set_str(d, info.fields[i++].name, f.get())) return Ref();
    }
    if (loc != nullptr) {
      const int values[4] = {loc->line, loc->col, loc->end_line, loc->end_col};
      for (int j = 0; j < 4; j++) {
        if (!dict_set_str(d, info.attributes[j].name, Value::from_small(values[j]))) return Ref();
      }
    }
    return obj;
  }

  /// Guards the recursion over nested nodes: the parser accepts deeper trees than the C++
  /// stack could convert recursively (the compiler stops at the same depth, vm/symtable.cpp).
  bool enter() {
    if (++depth_ > kMaxDepth || stack_exhausted(tstate())) {
      depth_--;
      raise(&exc_RecursionError, "maximum recursion depth exceeded during ast construction");
      return false;
    }
    return true;
  }

  Ref module(const ast::Module& m, std::string_view mode) {
    if (mode == "eval") {
      const auto& s = ast::as<ast::ExprStmt>(*m.body.at(0));
      return node(K::kExpression, {expr(s.value.get())});
    }
    if (mode == "single") return node(K::kInteractive, {stmts(m.body)});
    return node(K::kModule, {stmts(m.body), list_new()});
  }

 private:
  static constexpr int kMaxDepth = 5000;
  int depth_ = 0;

  static Ref none() { return none_ref(); }
  static Ref integer(int64_t v) { return int_from_int64(v); }
  static Ref str(const std::string& s) { return str_new(s); }
  static Ref str_or_none(const std::string& s) { return s.empty() ? none() : str_new(s); }
  static Ref single(AstNode k) { return Ref::new_ref(ast_singleton(k)); }
  static Ref ctx(ast::ExprContext c) { return single(offset(K::kLoad, static_cast<int>(c))); }

  template <class T, class F>
  Ref list(const std::vector<T>& items, F&& each) {
    Ref l = list_new(items.size());
    for (const T& item : items) {
      Ref v = each(item);
      if (!v) return Ref();
      list_append(as_list(l.get()), v.get());
    }
    return l;
  }
  Ref exprs(const ast::ExprList& es) {
    return list(es, [&](const ast::ExprPtr& e) { return expr(e.get()); });
  }
  Ref stmts(const ast::StmtList& ss) {
    return list(ss, [&](const ast::StmtPtr& s) { return stmt(*s); });
  }
  Ref names(const std::vector<std::string>& ns) {
    return list(ns, [](const std::string& s) { return str_new(s); });
  }
  Ref patterns(const ast::PatternList& ps) {
    return list(ps, [&](const ast::PatternPtr& p) { return pattern(*p); });
  }

  Ref constant_value(const ast::Constant& c) {
    using CK = ast::Constant::Kind;
    switch (c.ckind) {
      case CK::None:
        return none();
      case CK::True:
        return bool_ref(true);
      case CK::False:
        return bool_ref(false);
      case CK::Ellipsis:
        return Ref::new_ref(Ellipsis());
      case CK::Int: {
        if (c.big_int.empty()) return integer(c.int_value);
        auto b = BigInt::from_string(c.big_int, 10);
        if (!b) return raise(&exc_SystemError, "bad integer constant");
        return int_from_bigint(std::move(*b));
      }
      case CK::Float:
        return float_new(c.float_value);
      case CK::Complex:
        return complex_new(0.0, c.float_value);
      case CK::Str:
        return str_new(c.str_value);
      case CK::Bytes:
        return bytes_new(c.str_value);
    }
    return none();
  }

  Ref arg(const ast::Arg& a) {
    return node(K::karg, {str(a.name), expr(a.annotation.get()), none()}, &a.loc);
  }
  Ref opt_arg(const std::optional<ast::Arg>& a) { return a ? arg(*a) : none(); }
  Ref arguments(const ast::Arguments& a) {
    auto args = [&](const std::vector<ast::Arg>& v) {
      return list(v, [&](const ast::Arg& x) { return arg(x); });
    };
    return node(K::karguments,
                {args(a.posonlyargs), args(a.args), opt_arg(a.vararg), args(a.kwonlyargs),
                 exprs(a.kw_defaults), opt_arg(a.kwarg), exprs(a.defaults)});
  }
  Ref keywords(const std::vector<ast::Keyword>& ks) {
    return list(ks, [&](const ast::Keyword& k) {
      return node(K::kkeyword, {str_or_none(k.arg), expr(k.value.get())}, &k.loc);
    });
  }
  Ref comprehensions(const std::vector<ast::Comprehension>& cs) {
    return list(cs, [&](const ast::Comprehension& c) {
      return node(K::kcomprehension, {expr(c.target.get()), expr(c.iter.get()), exprs(c.ifs),
                                      integer(c.is_async ? 1 : 0)});
    });
  }
  Ref aliases(const std::vector<ast::Alias>& as) {
    return list(as, [&](const ast::Alias& a) {
      return node(K::kalias, {str(a.name), str_or_none(a.asname)}, &a.loc);
    });
  }

  Ref expr(const ast::Expr* e) {
    if (e == nullptr) return none();
    if (!enter()) return Ref();
    Ref r = expr_kind(*e);
    depth_--;
    return r;
  }

  Ref expr_kind(const ast::Expr& e) {
    const ast::Loc* l = &e.loc;
    using EK = ast::ExprKind;
    switch (e.kind) {
      case EK::BoolOp: {
        auto& n = ast::as<ast::BoolOp>(e);
        return node(K::kBoolOp, {single(offset(K::kAnd, static_cast<int>(n.op))), exprs(n.values)},
                    l);
      }
      case EK::NamedExpr: {
        auto& n = ast::as<ast::NamedExpr>(e);
        return node(K::kNamedExpr, {expr(n.target.get()), expr(n.value.get())}, l);
      }
      case EK::BinOp: {
        auto& n = ast::as<ast::BinOp>(e);
        return node(K::kBinOp,
                    {expr(n.left.get()), single(offset(K::kAdd, static_cast<int>(n.op))),
                     expr(n.right.get())},
                    l);
      }
      case EK::UnaryOp: {
        auto& n = ast::as<ast::UnaryOp>(e);
        return node(K::kUnaryOp,
                    {single(offset(K::kInvert, static_cast<int>(n.op))), expr(n.operand.get())}, l);
      }
      case EK::Lambda: {
        auto& n = ast::as<ast::Lambda>(e);
        return node(K::kLambda, {arguments(n.args), expr(n.body.get())}, l);
      }
      case EK::IfExp: {
        auto& n = ast::as<ast::IfExp>(e);
        return node(K::kIfExp, {expr(n.test.get()), expr(n.body.get()), expr(n.orelse.get())}, l);
      }
      case EK::Dict: {
        auto& n = ast::as<ast::Dict>(e);
        return node(K::kDict, {exprs(n.keys), exprs(n.values)}, l);
      }
      case EK::Set:
        return node(K::kSet, {exprs(ast::as<ast::Set>(e).elts)}, l);
      case EK::ListComp: {
        auto& n = ast::as<ast::ListComp>(e);
        return node(K::kListComp, {expr(n.elt.get()), comprehensions(n.generators)}, l);
      }
      case EK::SetComp: {
        auto& n = ast::as<ast::SetComp>(e);
        return node(K::kSetComp, {expr(n.elt.get()), comprehensions(n.generators)}, l);
      }
      case EK::DictComp: {
        auto& n = ast::as<ast::DictComp>(e);
        return node(K::kDictComp,
                    {expr(n.key.get()), expr(n.value.get()), comprehensions(n.generators)}, l);
      }
      case EK::GeneratorExp: {
        auto& n = ast::as<ast::GeneratorExp>(e);
        return node(K::kGeneratorExp, {expr(n.elt.get()), comprehensions(n.generators)}, l);
      }
      case EK::Await:
        return node(K::kAwait, {expr(ast::as<ast::Await>(e).value.get())}, l);
      case EK::Yield:
        return node(K::kYield, {expr(ast::as<ast::Yield>(e).value.get())}, l);
      case EK::YieldFrom:
        return node(K::kYieldFrom, {expr(ast::as<ast::YieldFrom>(e).value.get())}, l);
      case EK::Compare: {
        auto& n = ast::as<ast::Compare>(e);
        Ref ops = list(
            n.ops, [&](ast::CmpOpKind op) { return single(offset(K::kEq, static_cast<int>(op))); });
        return node(K::kCompare, {expr(n.left.get()), std::move(ops), exprs(n.comparators)}, l);
      }
      case EK::Call: {
        auto& n = ast::as<ast::Call>(e);
        return node(K::kCall, {expr(n.func.get()), exprs(n.args), keywords(n.keywords)}, l);
      }
      case EK::FormattedValue: {
        auto& n = ast::as<ast::FormattedValue>(e);
        return node(K::kFormattedValue,
                    {expr(n.value.get()), integer(n.conversion), expr(n.format_spec.get())}, l);
      }
      case EK::JoinedStr:
        return node(K::kJoinedStr, {exprs(ast::as<ast::JoinedStr>(e).values)}, l);
      case EK::Constant: {
        auto& n = ast::as<ast::Constant>(e);
        return node(K::kConstant, {constant_value(n), str_or_none(n.kind)}, l);
      }
      case EK::Attribute: {
        auto& n = ast::as<ast::Attribute>(e);
        return node(K::kAttribute, {expr(n.value.get()), str(n.attr), ctx(n.ctx)}, l);
      }
      case EK::Subscript: {
        auto& n = ast::as<ast::Subscript>(e);
        return node(K::kSubscript, {expr(n.value.get()), expr(n.slice.get()), ctx(n.ctx)}, l);
      }
      case EK::Starred: {
        auto& n = ast::as<ast::Starred>(e);
        return node(K::kStarred, {expr(n.value.get()), ctx(n.ctx)}, l);
      }
      case EK::Name: {
        auto& n = ast::as<ast::Name>(e);
        return node(K::kName, {str(n.id), ctx(n.ctx)}, l);
      }
      case EK::List: {
        auto& n = ast::as<ast::List>(e);
        return node(K::kList, {exprs(n.elts), ctx(n.ctx)}, l);
      }
      case EK::Tuple: {
        auto& n = ast::as<ast::Tuple>(e);
        return node(K::kTuple, {exprs(n.elts), ctx(n.ctx)}, l);
      }
      case EK::Slice: {
        auto& n = ast::as<ast::Slice>(e);
        return node(K::kSlice, {expr(n.lower.get()), expr(n.upper.get()), expr(n.step.get())}, l);
      }
    }
    return raise(&exc_SystemError, "unknown expression kind");
  }

  Ref stmt(const ast::Stmt& s) {
    if (!enter()) return Ref();
    Ref r = stmt_kind(s);
    depth_--;
    return r;
  }

  Ref handlers(const std::vector<ast::ExceptHandler>& hs) {
    return list(hs, [&](const ast::ExceptHandler& h) {
      return node(K::kExceptHandler, {expr(h.type.get()), str_or_none(h.name), stmts(h.body)},
                  &h.loc);
    });
  }

  Ref stmt_kind(const ast::Stmt& s) {
    const ast::Loc* l = &s.loc;
    using SK = ast::StmtKind;
    switch (s.kind) {
      case SK::FunctionDef: {
        auto& n = ast::as<ast::FunctionDef>(s);
        return node(n.is_async ? K::kAsyncFunctionDef : K::kFunctionDef,
                    {str(n.name), arguments(n.args), stmts(n.body), exprs(n.decorator_list),
                     expr(n.returns.get()), none()},
                    l);
      }
      case SK::ClassDef: {
        auto& n = ast::as<ast::ClassDef>(s);
        return node(K::kClassDef,
                    {str(n.name), exprs(n.bases), keywords(n.keywords), stmts(n.body),
                     exprs(n.decorator_list)},
                    l);
      }
      case SK::Return:
        return node(K::kReturn, {expr(ast::as<ast::Return>(s).value.get())}, l);
      case SK::Delete:
        return node(K::kDelete, {exprs(ast::as<ast::Delete>(s).targets)}, l);
      case SK::Assign: {
        auto& n = ast::as<ast::Assign>(s);
        return node(K::kAssign, {exprs(n.targets), expr(n.value.get()), none()}, l);
      }
      case SK::AugAssign: {
        auto& n = ast::as<ast::AugAssign>(s);
        return node(K::kAugAssign,
                    {expr(n.target.get()), single(offset(K::kAdd, static_cast<int>(n.op))),
                     expr(n.value.get())},
                    l);
      }
      case SK::AnnAssign: {
        auto& n = ast::as<ast::AnnAssign>(s);
        return node(K::kAnnAssign,
                    {expr(n.target.get()), expr(n.annotation.get()), expr(n.value.get()),
                     integer(n.simple ? 1 : 0)},
                    l);
      }
      case SK::For: {
        auto& n = ast::as<ast::For>(s);
        return node(
            n.is_async ? K::kAsyncFor : K::kFor,
            {expr(n.target.get()), expr(n.iter.get()), stmts(n.body), stmts(n.orelse), none()}, l);
      }
      case SK::While: {
        auto& n = ast::as<ast::While>(s);
        return node(K::kWhile, {expr(n.test.get()), stmts(n.body), stmts(n.orelse)}, l);
      }
      case SK::If: {
        auto& n = ast::as<ast::If>(s);
        return node(K::kIf, {expr(n.test.get()), stmts(n.body), stmts(n.orelse)}, l);
      }
      case SK::With: {
        auto& n = ast::as<ast::With>(s);
        Ref items = list(n.items, [&](const ast::WithItem& w) {
          return node(K::kwithitem, {expr(w.context_expr.get()), expr(w.optional_vars.get())});
        });
        return node(n.is_async ? K::kAsyncWith : K::kWith,
                    {std::move(items), stmts(n.body), none()}, l);
      }
      case SK::Raise: {
        auto& n = ast::as<ast::Raise>(s);
        return node(K::kRaise, {expr(n.exc.get()), expr(n.cause.get())}, l);
      }
      case SK::Try: {
        auto& n = ast::as<ast::Try>(s);
        return node(n.is_star ? K::kTryStar : K::kTry,
                    {stmts(n.body), handlers(n.handlers), stmts(n.orelse), stmts(n.finalbody)}, l);
      }
      case SK::Assert: {
        auto& n = ast::as<ast::Assert>(s);
        return node(K::kAssert, {expr(n.test.get()), expr(n.msg.get())}, l);
      }
      case SK::Import:
        return node(K::kImport, {aliases(ast::as<ast::Import>(s).names)}, l);
      case SK::ImportFrom: {
        auto& n = ast::as<ast::ImportFrom>(s);
        return node(K::kImportFrom, {str_or_none(n.module), aliases(n.names), integer(n.level)}, l);
      }
      case SK::Global:
        return node(K::kGlobal, {names(ast::as<ast::Global>(s).names)}, l);
      case SK::Nonlocal:
        return node(K::kNonlocal, {names(ast::as<ast::Nonlocal>(s).names)}, l);
      case SK::Expr:
        return node(K::kExpr, {expr(ast::as<ast::ExprStmt>(s).value.get())}, l);
      case SK::Pass:
        return node(K::kPass, {}, l);
      case SK::Break:
        return node(K::kBreak, {}, l);
      case SK::Continue:
        return node(K::kContinue, {}, l);
      case SK::Match: {
        auto& n = ast::as<ast::Match>(s);
        Ref cases = list(n.cases, [&](const ast::MatchCase& c) {
          return node(K::kmatch_case, {pattern(*c.pattern), expr(c.guard.get()), stmts(c.body)});
        });
        return node(K::kMatch, {expr(n.subject.get()), std::move(cases)}, l);
      }
    }
    return raise(&exc_SystemError, "unknown statement kind");
  }

  Ref pattern(const ast::Pattern& p) {
    if (!enter()) return Ref();
    Ref r = pattern_kind(p);
    depth_--;
    return r;
  }

  Ref pattern_kind(const ast::Pattern& p) {
    const ast::Loc* l = &p.loc;
    using PK = ast::PatternKind;
    switch (p.kind) {
      case PK::MatchValue:
        return node(K::kMatchValue, {expr(ast::as<ast::MatchValue>(p).value.get())}, l);
      case PK::MatchSingleton: {
        ast::Constant c;
        c.ckind = ast::as<ast::MatchSingleton>(p).value;
        return node(K::kMatchSingleton, {constant_value(c)}, l);
      }
      case PK::MatchSequence:
        return node(K::kMatchSequence, {patterns(ast::as<ast::MatchSequence>(p).patterns)}, l);
      case PK::MatchMapping: {
        auto& n = ast::as<ast::MatchMapping>(p);
        return node(K::kMatchMapping, {exprs(n.keys), patterns(n.patterns), str_or_none(n.rest)},
                    l);
      }
      case PK::MatchClass: {
        auto& n = ast::as<ast::MatchClass>(p);
        return node(
            K::kMatchClass,
            {expr(n.cls.get()), patterns(n.patterns), names(n.kwd_attrs), patterns(n.kwd_patterns)},
            l);
      }
      case PK::MatchStar:
        return node(K::kMatchStar, {str_or_none(ast::as<ast::MatchStar>(p).name)}, l);
      case PK::MatchAs: {
        auto& n = ast::as<ast::MatchAs>(p);
        return node(K::kMatchAs, {n.pattern ? pattern(*n.pattern) : none(), str_or_none(n.name)},
                    l);
      }
      case PK::MatchOr:
        return node(K::kMatchOr, {patterns(ast::as<ast::MatchOr>(p).patterns)}, l);
    }
    return raise(&exc_SystemError, "unknown pattern kind");
  }
};

}  // namespace

Ref ast_to_object(const ast::Module& m, std::string_view mode) {
  if (!ast_types_init()) return Ref();
  return ToObject().module(m, mode);
}

bool is_ast_object(Value v) { return isinstance(v, &ast_base_type); }

}  // namespace minipy::vm
