// `_ast` node objects -> parser tree, for compile(tree, filename, mode). A tree built or edited
// in Python can hold anything, so every field is checked as CPython 3.11 checks it, with its
// messages: the conversion's TypeErrors (obj2ast: 'required field "lineno" missing from stmt',
// 'expected some sort of expr, but got 5', 'Call field "args" must be a list, not a int'), the
// constructors' ValueErrors ("field 'value' is required for Expr") and the validator's
// ValueErrors (ast.c: contexts, empty bodies, constant types, list lengths). Only a tree that
// passes reaches the compiler, which relies on the parser's invariants.
#include <fmt/format.h>

#include <cmath>
#include <string>
#include <vector>

#include "runtime/bigint.h"
#include "runtime/errors.h"
#include "runtime/objects/bytes.h"
#include "runtime/objects/complex.h"
#include "runtime/objects/float.h"
#include "runtime/objects/int.h"
#include "runtime/objects/list.h"
#include "runtime/objects/native.h"
#include "runtime/objects/singletons.h"
#include "runtime/objects/str.h"
#include "runtime/objects/tuple.h"
#include "runtime/ops.h"
#include "vm/ast_convert.h"
#include "vm/ast_types.h"

namespace minipy::vm {

using namespace rt;
using K = AstNode;

namespace {

bool is(Value v, AstNode k) { return isinstance(v, ast_node_type(k)); }

const char* ctx_name(ast::ExprContext c) {
  return c == ast::ExprContext::Load ? "Load" : c == ast::ExprContext::Store ? "Store" : "Del";
}

/// The index of the first of `count` field-less kinds starting at `first` that `v` is an
/// instance of, or -1 with CPython's TypeError.
int simple_kind(Value v, AstNode first, int count, const char* sum) {
  for (int i = 0; i < count; i++) {
    if (is(v, static_cast<AstNode>(static_cast<int>(first) + i))) return i;
  }
  Ref r = repr(v);
  if (r)
    raise_fmt(&exc_TypeError, "expected some sort of {}, but got {}", sum, as_str(r.get())->view());
  return -1;
}

class FromObject {
 public:
  std::unique_ptr<ast::Module> module(Value obj, std::string_view mode) {
    auto m = std::make_unique<ast::Module>();
    const char* want = mode == "eval" ? "Expression" : mode == "single" ? "Interactive" : "Module";
    AstNode want_kind = mode == "eval"     ? K::kExpression
                        : mode == "single" ? K::kInteractive
                                           : K::kModule;
    if (!is(obj, K::kModule) && !is(obj, K::kExpression) && !is(obj, K::kInteractive) &&
        !is(obj, K::kFunctionType)) {
      Ref r = repr(obj);
      if (r)
        raise_fmt(&exc_TypeError, "expected some sort of mod, but got {}", as_str(r.get())->view());
      return nullptr;
    }
    if (!is(obj, want_kind)) {
      Ref t = getattr(Value(type_of(obj)), "__name__");
      raise_fmt(&exc_TypeError, "expected {} node, got {}", want,
                t && is_str(t.get()) ? as_str(t.get())->view() : "?");
      return nullptr;
    }
    if (want_kind == K::kExpression) {
      auto s = std::make_unique<ast::ExprStmt>();
      if (!req_expr(obj, "body", "Expression", s->value)) return nullptr;
      s->loc = s->value->loc;
      m->body.push_back(std::move(s));
      return m;
    }
    if (!stmt_list(obj, "body", want, m->body)) return nullptr;
    if (want_kind == K::kModule) {
      Ref ti;
      if (!field(obj, "type_ignores", "Module", ti) || !check_list(ti, "type_ignores", "Module"))
        return nullptr;
    }
    m->is_interactive = want_kind == K::kInteractive;
    return m;
  }

 private:
  using Ctx = ast::ExprContext;

  // ------------------------------------------------------------ fields

  /// obj.name into `out`; a missing attribute is CPython's TypeError.
  bool field(Value obj, const char* name, const char* owner, Ref& out) {
    out = getattr_opt(obj, intern(name));
    if (out) return true;
    if (!error_pending())
      raise_fmt(&exc_TypeError, "required field \"{}\" missing from {}", name, owner);
    return false;
  }
  /// obj.name, or null when missing or None.
  bool opt_field(Value obj, const char* name, Ref& out) {
    out = getattr_opt(obj, intern(name));
    if (!out && error_pending()) return false;
    if (out && is_none(out.get())) out = Ref();
    return true;
  }
  bool check_list(const Ref& v, const char* name, const char* owner) {
    if (is_list(v.get())) return true;
    raise_fmt(&exc_TypeError, "{} field \"{}\" must be a list, not a {}", owner, name,
              type_name(v.get()));
    return false;
  }
  static bool required(const char* name, const char* owner) {
    raise_fmt(&exc_ValueError, "field '{}' is required for {}", name, owner);
    return false;
  }

  /// Each item of the list field `name`, converted by `each(item, index)`.
  template <class F>
  bool each_item(Value obj, const char* name, const char* owner, F&& each) {
    Ref l;
    if (!field(obj, name, owner, l) || !check_list(l, name, owner)) return false;
    ListObject* list = as_list(l.get());
    size_t n = list->items.size();
    for (size_t i = 0; i < n; i++) {
      if (list->items.size() != n) {
        raise_fmt(&exc_RuntimeError, "{} field \"{}\" changed size during iteration", owner, name);
        return false;
      }
      Ref item = Ref::new_ref(list->items[i]);
      if (!enter(owner)) return false;
      bool ok = each(item.get());
      leave_recursive_call();
      if (!ok) return false;
    }
    return true;
  }
  /// CPython names the sum in the message (while traversing 'expr' node), or the product.
  static bool enter(const char* owner) {
    int i = ast_node_index(owner);
    if (i >= 0) {
      const AstNodeInfo& info = ast_node_info(static_cast<AstNode>(i));
      if (info.base >= 0) owner = ast_node_info(static_cast<AstNode>(info.base)).name;
    }
    return enter_recursive_call(fmt::format(" while traversing '{}' node", owner).c_str());
  }

  bool identifier_value(Value v, std::string& out) {
    if (!is_str_exact(v)) {
      raise(&exc_TypeError, "AST identifier must be of type str");
      return false;
    }
    out = std::string(as_str(v)->view());
    return true;
  }
  bool identifier(Value obj, const char* name, const char* owner, std::string& out, bool optional) {
    Ref v;
    if (!field(obj, name, owner, v)) return false;
    if (is_none(v.get())) return optional || required(name, owner);
    return identifier_value(v.get(), out);
  }
  bool int_value(Value v, int& out) {
    if (!is_int(v)) {
      Ref r = repr(v);
      if (r) raise_fmt(&exc_ValueError, "invalid integer value: {}", as_str(r.get())->view());
      return false;
    }
    return convert_to_cint(v, &out);
  }
  bool integer(Value obj, const char* name, const char* owner, int& out, bool optional = false) {
    Ref v;
    if (optional) {
      if (!opt_field(obj, name, v)) return false;
      if (!v) return true;
    } else if (!field(obj, name, owner, v)) {
      return false;
    }
    return int_value(v.get(), out);
  }
  bool string_field(Value obj, const char* name, std::string& out) {  // `string?` fields
    Ref v;
    if (!opt_field(obj, name, v)) return false;
    if (!v) return true;
    if (!is_str_exact(v.get()) && !is_bytes(v.get())) {
      raise(&exc_TypeError, "AST string must be of type str");
      return false;
    }
    if (is_str_exact(v.get())) out = std::string(as_str(v.get())->view());
    return true;
  }

  /// lineno, col_offset, end_lineno, end_col_offset of a node of sum or product `owner`.
  bool location(Value obj, const char* owner, ast::Loc& loc, bool end_required = false) {
    if (!integer(obj, "lineno", owner, loc.line) || !integer(obj, "col_offset", owner, loc.col))
      return false;
    if (!integer(obj, "end_lineno", owner, loc.end_line, !end_required)) return false;
    return integer(obj, "end_col_offset", owner, loc.end_col, !end_required);
  }

  // ------------------------------------------------------------ expressions

  bool req_expr(Value obj, const char* name, const char* owner, ast::ExprPtr& out,
                Ctx ctx = Ctx::Load) {
    Ref v;
    if (!field(obj, name, owner, v)) return false;
    if (!enter(owner)) return false;
    bool ok = expr(v.get(), out, ctx);
    leave_recursive_call();
    if (ok && out == nullptr) return required(name, owner);
    return ok;
  }
  bool opt_expr(Value obj, const char* name, const char* owner, ast::ExprPtr& out,
                Ctx ctx = Ctx::Load) {
    Ref v;
    if (!opt_field(obj, name, v)) return false;
    if (!v) return true;
    if (!enter(owner)) return false;
    bool ok = expr(v.get(), out, ctx);
    leave_recursive_call();
    return ok;
  }
  bool expr_list(Value obj, const char* name, const char* owner, ast::ExprList& out,
                 Ctx ctx = Ctx::Load, bool null_ok = false) {
    return each_item(obj, name, owner, [&](Value item) {
      ast::ExprPtr e;
      if (!expr(item, e, ctx)) return false;
      if (e == nullptr && !null_ok) {
        raise(&exc_ValueError, "None disallowed in expression list");
        return false;
      }
      out.push_back(std::move(e));
      return true;
    });
  }
  template <class T>
  bool with_ctx(Value obj, T& node, Ctx want, const char* owner) {
    int c = 0;
    Ref v;
    if (!field(obj, "ctx", owner, v)) return false;
    if ((c = simple_kind(v.get(), K::kLoad, 3, "expr_context")) < 0) return false;
    node.ctx = static_cast<Ctx>(c);
    if (node.ctx != want) {
      raise_fmt(&exc_ValueError, "expression must have {} context but has {} instead",
                ctx_name(want), ctx_name(node.ctx));
      return false;
    }
    return true;
  }
  /// The expr kind `obj` is an instance of (an AstNode index), or -1.
  static int node_kind_of(Value obj) {
    for (int k = static_cast<int>(K::kBoolOp); k <= static_cast<int>(K::kSlice); k++) {
      if (is(obj, static_cast<AstNode>(k))) return k;
    }
    return -1;
  }

  bool constant(Value v, ast::Constant& c) {
    using CK = ast::Constant::Kind;
    if (is_none(v)) {
      c.ckind = CK::None;
    } else if (v == True() || v == False()) {
      c.ckind = v == True() ? CK::True : CK::False;
    } else if (v == Ellipsis()) {
      c.ckind = CK::Ellipsis;
    } else if (is_int(v) && type_of(v) == &int_type) {
      c.ckind = CK::Int;
      if (!int_to_int64(v, &c.int_value)) {
        clear_exception();
        Ref s = to_str(v);
        if (!s) return false;
        c.big_int = std::string(as_str(s.get())->view());
      }
    } else if (type_of(v) == &float_type) {
      c.ckind = CK::Float;
      c.float_value = float_value(v);
    } else if (type_of(v) == &complex_type) {
      // Literals are imaginary; a complex with a real part would need a constant the parser's
      // tree cannot hold.
      CComplex z = complex_value(v);
      if (z.real != 0.0 || std::signbit(z.real)) {
        raise(&exc_ValueError, "minipy cannot compile a Constant complex with a real part");
        return false;
      }
      c.ckind = CK::Complex;
      c.float_value = z.imag;
    } else if (is_str_exact(v)) {
      c.ckind = CK::Str;
      c.str_value = std::string(as_str(v)->view());
    } else if (type_of(v) == &bytes_type) {
      c.ckind = CK::Bytes;
      c.str_value = static_cast<BytesObject*>(v.obj())->data;
    } else {
      raise_fmt(&exc_TypeError, "got an invalid type in Constant: {}", type_name(v));
      return false;
    }
    return true;
  }

  template <class T>
  std::unique_ptr<T> make_expr(const ast::Loc& loc) {
    auto n = std::make_unique<T>();
    n->loc = loc;
    return n;
  }

  bool comprehensions(Value obj, const char* owner, std::vector<ast::Comprehension>& out) {
    if (!each_item(obj, "generators", owner, [&](Value g) {
          ast::Comprehension c;
          int is_async = 0;
          if (!req_expr(g, "target", "comprehension", c.target, Ctx::Store) ||
              !req_expr(g, "iter", "comprehension", c.iter) ||
              !expr_list(g, "ifs", "comprehension", c.ifs) ||
              !integer(g, "is_async", "comprehension", is_async)) {
            return false;
          }
          c.is_async = is_async != 0;
          out.push_back(std::move(c));
          return true;
        })) {
      return false;
    }
    if (out.empty()) {
      raise(&exc_ValueError, "comprehension with no generators");
      return false;
    }
    return true;
  }

  bool arg(Value a, ast::Arg& out) {
    std::string tc;
    return identifier(a, "arg", "arg", out.name, false) &&
           opt_expr(a, "annotation", "arg", out.annotation) &&
           string_field(a, "type_comment", tc) && location(a, "arg", out.loc);
  }
  bool args(Value obj, const char* name, std::vector<ast::Arg>& out) {
    return each_item(obj, name, "arguments", [&](Value a) {
      out.emplace_back();
      return arg(a, out.back());
    });
  }
  bool opt_arg(Value obj, const char* name, std::optional<ast::Arg>& out) {
    Ref v;
    if (!opt_field(obj, name, v)) return false;
    if (!v) return true;
    out.emplace();
    return arg(v.get(), *out);
  }
  bool arguments(Value obj, const char* owner, ast::Arguments& out) {
    Ref a;
    if (!field(obj, "args", owner, a)) return false;
    Value v = a.get();  // a product: read by its fields, whatever its class (as CPython)
    if (!args(v, "posonlyargs", out.posonlyargs) || !args(v, "args", out.args) ||
        !opt_arg(v, "vararg", out.vararg) || !args(v, "kwonlyargs", out.kwonlyargs) ||
        !expr_list(v, "kw_defaults", "arguments", out.kw_defaults, Ctx::Load, true) ||
        !opt_arg(v, "kwarg", out.kwarg) || !expr_list(v, "defaults", "arguments", out.defaults)) {
      return false;
    }
    if (out.defaults.size() > out.posonlyargs.size() + out.args.size()) {
      raise(&exc_ValueError, "more positional defaults than args on arguments");
      return false;
    }
    if (out.kw_defaults.size() != out.kwonlyargs.size()) {
      raise(&exc_ValueError, "length of kwonlyargs is not the same as kw_defaults on arguments");
      return false;
    }
    return true;
  }
  bool keywords(Value obj, const char* owner, std::vector<ast::Keyword>& out) {
    return each_item(obj, "keywords", owner, [&](Value k) {
      ast::Keyword kw;
      Ref name;
      if (!opt_field(k, "arg", name)) return false;
      if (name && !identifier_value(name.get(), kw.arg)) return false;
      if (!req_expr(k, "value", "keyword", kw.value) || !location(k, "keyword", kw.loc))
        return false;
      out.push_back(std::move(kw));
      return true;
    });
  }

  /// Any expression; None gives null. `ctx` is what the position requires (Store for targets).
  bool expr(Value obj, ast::ExprPtr& out, Ctx ctx) {
    if (is_none(obj)) return true;
    ast::Loc loc;
    if (!location(obj, "expr", loc)) return false;
    int kind = node_kind_of(obj);
    if (kind < 0) {
      Ref r = repr(obj);
      if (r)
        raise_fmt(&exc_TypeError, "expected some sort of expr, but got {}",
                  as_str(r.get())->view());
      return false;
    }
    auto k = static_cast<AstNode>(kind);
    const char* name = ast_node_info(k).name;
    bool has_ctx = k == K::kAttribute || k == K::kSubscript || k == K::kStarred || k == K::kName ||
                   k == K::kList || k == K::kTuple;
    if (ctx != Ctx::Load && !has_ctx) {
      raise_fmt(&exc_ValueError, "expression which can't be assigned to in {} context",
                ctx_name(ctx));
      return false;
    }
    switch (k) {
      case K::kBoolOp: {
        auto n = make_expr<ast::BoolOp>(loc);
        Ref op;
        int o;
        if (!field(obj, "op", name, op) || (o = simple_kind(op.get(), K::kAnd, 2, "boolop")) < 0)
          return false;
        n->op = static_cast<ast::BoolOpKind>(o);
        if (!expr_list(obj, "values", name, n->values)) return false;
        if (n->values.size() < 2)
          return raise(&exc_ValueError, "BoolOp with less than 2 values"), false;
        out = std::move(n);
        return true;
      }
      case K::kNamedExpr: {
        auto n = make_expr<ast::NamedExpr>(loc);
        if (!req_expr(obj, "target", name, n->target, Ctx::Store) ||
            !req_expr(obj, "value", name, n->value))
          return false;
        if (n->target->kind != ast::ExprKind::Name) {
          return raise(&exc_TypeError, "NamedExpr target must be a Name"), false;
        }
        out = std::move(n);
        return true;
      }
      case K::kBinOp: {
        auto n = make_expr<ast::BinOp>(loc);
        Ref op;
        int o;
        if (!req_expr(obj, "left", name, n->left)) return false;
        if (!field(obj, "op", name, op) || (o = simple_kind(op.get(), K::kAdd, 13, "operator")) < 0)
          return false;
        n->op = static_cast<ast::BinOpKind>(o);
        if (!req_expr(obj, "right", name, n->right)) return false;
        out = std::move(n);
        return true;
      }
      case K::kUnaryOp: {
        auto n = make_expr<ast::UnaryOp>(loc);
        Ref op;
        int o;
        if (!field(obj, "op", name, op) ||
            (o = simple_kind(op.get(), K::kInvert, 4, "unaryop")) < 0)
          return false;
        n->op = static_cast<ast::UnaryOpKind>(o);
        if (!req_expr(obj, "operand", name, n->operand)) return false;
        out = std::move(n);
        return true;
      }
      case K::kLambda: {
        auto n = make_expr<ast::Lambda>(loc);
        if (!arguments(obj, name, n->args) || !req_expr(obj, "body", name, n->body)) return false;
        out = std::move(n);
        return true;
      }
      case K::kIfExp: {
        auto n = make_expr<ast::IfExp>(loc);
        if (!req_expr(obj, "test", name, n->test) || !req_expr(obj, "body", name, n->body) ||
            !req_expr(obj, "orelse", name, n->orelse)) {
          return false;
        }
        out = std::move(n);
        return true;
      }
      case K::kDict: {
        auto n = make_expr<ast::Dict>(loc);
        if (!expr_list(obj, "keys", name, n->keys, Ctx::Load, true) ||
            !expr_list(obj, "values", name, n->values)) {
          return false;
        }
        if (n->keys.size() != n->values.size()) {
          return raise(&exc_ValueError, "Dict doesn't have the same number of keys as values"),
                 false;
        }
        out = std::move(n);
        return true;
      }
      case K::kSet: {
        auto n = make_expr<ast::Set>(loc);
        if (!expr_list(obj, "elts", name, n->elts)) return false;
        out = std::move(n);
        return true;
      }
      case K::kListComp:
      case K::kSetComp:
      case K::kGeneratorExp: {
        ast::ExprPtr elt;
        std::vector<ast::Comprehension> gens;
        if (!req_expr(obj, "elt", name, elt) || !comprehensions(obj, name, gens)) return false;
        if (k == K::kListComp) {
          auto n = make_expr<ast::ListComp>(loc);
          n->elt = std::move(elt);
          n->generators = std::move(gens);
          out = std::move(n);
        } else if (k == K::kSetComp) {
          auto n = make_expr<ast::SetComp>(loc);
          n->elt = std::move(elt);
          n->generators = std::move(gens);
          out = std::move(n);
        } else {
          auto n = make_expr<ast::GeneratorExp>(loc);
          n->elt = std::move(elt);
          n->generators = std::move(gens);
          out = std::move(n);
        }
        return true;
      }
      case K::kDictComp: {
        auto n = make_expr<ast::DictComp>(loc);
        if (!req_expr(obj, "key", name, n->key) || !req_expr(obj, "value", name, n->value) ||
            !comprehensions(obj, name, n->generators)) {
          return false;
        }
        out = std::move(n);
        return true;
      }
      case K::kAwait: {
        auto n = make_expr<ast::Await>(loc);
        if (!req_expr(obj, "value", name, n->value)) return false;
        out = std::move(n);
        return true;
      }
      case K::kYield: {
        auto n = make_expr<ast::Yield>(loc);
        if (!opt_expr(obj, "value", name, n->value)) return false;
        out = std::move(n);
        return true;
      }
      case K::kYieldFrom: {
        auto n = make_expr<ast::YieldFrom>(loc);
        if (!req_expr(obj, "value", name, n->value)) return false;
        out = std::move(n);
        return true;
      }
      case K::kCompare: {
        auto n = make_expr<ast::Compare>(loc);
        if (!req_expr(obj, "left", name, n->left)) return false;
        if (!each_item(obj, "ops", name, [&](Value op) {
              int o = simple_kind(op, K::kEq, 10, "cmpop");
              if (o < 0) return false;
              n->ops.push_back(static_cast<ast::CmpOpKind>(o));
              return true;
            })) {
          return false;
        }
        if (!expr_list(obj, "comparators", name, n->comparators)) return false;
        if (n->comparators.empty())
          return raise(&exc_ValueError, "Compare with no comparators"), false;
        if (n->comparators.size() != n->ops.size()) {
          return raise(&exc_ValueError,
                       "Compare has a different number of comparators and operands"),
                 false;
        }
        out = std::move(n);
        return true;
      }
      case K::kCall: {
        auto n = make_expr<ast::Call>(loc);
        if (!req_expr(obj, "func", name, n->func) || !expr_list(obj, "args", name, n->args) ||
            !keywords(obj, name, n->keywords)) {
          return false;
        }
        out = std::move(n);
        return true;
      }
      case K::kFormattedValue: {
        auto n = make_expr<ast::FormattedValue>(loc);
        if (!req_expr(obj, "value", name, n->value) ||
            !integer(obj, "conversion", name, n->conversion) ||
            !opt_expr(obj, "format_spec", name, n->format_spec)) {
          return false;
        }
        if (n->conversion != -1 && n->conversion != 's' && n->conversion != 'r' &&
            n->conversion != 'a') {
          return raise_fmt(&exc_SystemError, "Unrecognized conversion character {}", n->conversion),
                 false;
        }
        if (n->format_spec && n->format_spec->kind != ast::ExprKind::JoinedStr) {
          return raise(&exc_ValueError, "minipy needs a JoinedStr as FormattedValue.format_spec"),
                 false;
        }
        out = std::move(n);
        return true;
      }
      case K::kJoinedStr: {
        auto n = make_expr<ast::JoinedStr>(loc);
        if (!expr_list(obj, "values", name, n->values)) return false;
        out = std::move(n);
        return true;
      }
      case K::kConstant: {
        auto n = make_expr<ast::Constant>(loc);
        Ref v;
        if (!field(obj, "value", name, v) || !constant(v.get(), *n) ||
            !string_field(obj, "kind", n->kind))
          return false;
        out = std::move(n);
        return true;
      }
      case K::kAttribute: {
        auto n = make_expr<ast::Attribute>(loc);
        if (!req_expr(obj, "value", name, n->value) ||
            !identifier(obj, "attr", name, n->attr, false) || !with_ctx(obj, *n, ctx, name)) {
          return false;
        }
        out = std::move(n);
        return true;
      }
      case K::kSubscript: {
        auto n = make_expr<ast::Subscript>(loc);
        if (!req_expr(obj, "value", name, n->value) || !req_expr(obj, "slice", name, n->slice) ||
            !with_ctx(obj, *n, ctx, name)) {
          return false;
        }
        out = std::move(n);
        return true;
      }
      case K::kStarred: {
        auto n = make_expr<ast::Starred>(loc);
        if (!req_expr(obj, "value", name, n->value, ctx) || !with_ctx(obj, *n, ctx, name))
          return false;
        out = std::move(n);
        return true;
      }
      case K::kName: {
        auto n = make_expr<ast::Name>(loc);
        if (!identifier(obj, "id", name, n->id, false) || !with_ctx(obj, *n, ctx, name))
          return false;
        if (n->id == "None" || n->id == "True" || n->id == "False") {
          return raise_fmt(&exc_ValueError, "identifier field can't represent '{}' constant",
                           n->id),
                 false;
        }
        out = std::move(n);
        return true;
      }
      case K::kList: {
        auto n = make_expr<ast::List>(loc);
        if (!expr_list(obj, "elts", name, n->elts, ctx) || !with_ctx(obj, *n, ctx, name))
          return false;
        out = std::move(n);
        return true;
      }
      case K::kTuple: {
        auto n = make_expr<ast::Tuple>(loc);
        if (!expr_list(obj, "elts", name, n->elts, ctx) || !with_ctx(obj, *n, ctx, name))
          return false;
        out = std::move(n);
        return true;
      }
      case K::kSlice: {
        auto n = make_expr<ast::Slice>(loc);
        if (!opt_expr(obj, "lower", name, n->lower) || !opt_expr(obj, "upper", name, n->upper) ||
            !opt_expr(obj, "step", name, n->step)) {
          return false;
        }
        out = std::move(n);
        return true;
      }
      default:
        break;
    }
    return raise(&exc_SystemError, "unknown expression kind"), false;
  }

  // ------------------------------------------------------------ statements

  bool stmt_list(Value obj, const char* name, const char* owner, ast::StmtList& out,
                 bool nonempty = false) {
    if (!each_item(obj, name, owner, [&](Value item) {
          if (is_none(item)) {
            raise(&exc_ValueError, "None disallowed in statement list");
            return false;
          }
          ast::StmtPtr s;
          if (!stmt(item, s)) return false;
          out.push_back(std::move(s));
          return true;
        })) {
      return false;
    }
    if (nonempty && out.empty()) {
      raise_fmt(&exc_ValueError, "empty {} on {}", name, owner);
      return false;
    }
    return true;
  }

  template <class T>
  std::unique_ptr<T> make_stmt(const ast::Loc& loc) {
    auto n = std::make_unique<T>();
    n->loc = loc;
    return n;
  }

  static int stmt_kind_of(Value obj) {
    for (int k = static_cast<int>(K::kFunctionDef); k <= static_cast<int>(K::kContinue); k++) {
      if (is(obj, static_cast<AstNode>(k))) return k;
    }
    return -1;
  }

  bool aliases(Value obj, const char* owner, std::vector<ast::Alias>& out) {
    return each_item(obj, "names", owner, [&](Value a) {
      ast::Alias al;
      if (!identifier(a, "name", "alias", al.name, false)) return false;
      Ref as;
      if (!opt_field(a, "asname", as)) return false;
      if (as && !identifier_value(as.get(), al.asname)) return false;
      if (!location(a, "alias", al.loc)) return false;
      out.push_back(std::move(al));
      return true;
    });
  }
  bool names(Value obj, const char* owner, std::vector<std::string>& out) {
    if (!each_item(obj, "names", owner, [&](Value v) {
          out.emplace_back();
          return identifier_value(v, out.back());
        })) {
      return false;
    }
    if (out.empty()) return raise_fmt(&exc_ValueError, "empty names on {}", owner), false;
    return true;
  }

  bool stmt(Value obj, ast::StmtPtr& out) {
    ast::Loc loc;
    if (!location(obj, "stmt", loc)) return false;
    int kind = stmt_kind_of(obj);
    if (kind < 0) {
      Ref r = repr(obj);
      if (r)
        raise_fmt(&exc_TypeError, "expected some sort of stmt, but got {}",
                  as_str(r.get())->view());
      return false;
    }
    auto k = static_cast<AstNode>(kind);
    const char* name = ast_node_info(k).name;
    switch (k) {
      case K::kFunctionDef:
      case K::kAsyncFunctionDef: {
        auto n = make_stmt<ast::FunctionDef>(loc);
        n->is_async = k == K::kAsyncFunctionDef;
        std::string tc;
        if (!identifier(obj, "name", name, n->name, false) || !arguments(obj, name, n->args) ||
            !stmt_list(obj, "body", name, n->body, true) ||
            !expr_list(obj, "decorator_list", name, n->decorator_list) ||
            !opt_expr(obj, "returns", name, n->returns) || !string_field(obj, "type_comment", tc)) {
          return false;
        }
        out = std::move(n);
        return true;
      }
      case K::kClassDef: {
        auto n = make_stmt<ast::ClassDef>(loc);
        if (!identifier(obj, "name", name, n->name, false) ||
            !expr_list(obj, "bases", name, n->bases) || !keywords(obj, name, n->keywords) ||
            !stmt_list(obj, "body", name, n->body, true) ||
            !expr_list(obj, "decorator_list", name, n->decorator_list)) {
          return false;
        }
        out = std::move(n);
        return true;
      }
      case K::kReturn: {
        auto n = make_stmt<ast::Return>(loc);
        if (!opt_expr(obj, "value", name, n->value)) return false;
        out = std::move(n);
        return true;
      }
      case K::kDelete: {
        auto n = make_stmt<ast::Delete>(loc);
        if (!expr_list(obj, "targets", name, n->targets, Ctx::Del)) return false;
        if (n->targets.empty()) return raise(&exc_ValueError, "empty targets on Delete"), false;
        out = std::move(n);
        return true;
      }
      case K::kAssign: {
        auto n = make_stmt<ast::Assign>(loc);
        std::string tc;
        if (!expr_list(obj, "targets", name, n->targets, Ctx::Store) ||
            !req_expr(obj, "value", name, n->value) || !string_field(obj, "type_comment", tc)) {
          return false;
        }
        if (n->targets.empty()) return raise(&exc_ValueError, "empty targets on Assign"), false;
        out = std::move(n);
        return true;
      }
      case K::kAugAssign: {
        auto n = make_stmt<ast::AugAssign>(loc);
        Ref op;
        int o;
        if (!req_expr(obj, "target", name, n->target, Ctx::Store)) return false;
        if (!field(obj, "op", name, op) || (o = simple_kind(op.get(), K::kAdd, 13, "operator")) < 0)
          return false;
        n->op = static_cast<ast::BinOpKind>(o);
        if (!req_expr(obj, "value", name, n->value)) return false;
        auto tk = n->target->kind;
        if (tk != ast::ExprKind::Name && tk != ast::ExprKind::Attribute &&
            tk != ast::ExprKind::Subscript) {
          // CPython's compiler error, numbering the kinds in the grammar's order (as ExprKind).
          return raise_fmt(&exc_SystemError, "invalid node type ({}) for augmented assignment",
                           static_cast<int>(tk) + 1),
                 false;
        }
        out = std::move(n);
        return true;
      }
      case K::kAnnAssign: {
        auto n = make_stmt<ast::AnnAssign>(loc);
        int simple = 0;
        if (!req_expr(obj, "target", name, n->target, Ctx::Store) ||
            !req_expr(obj, "annotation", name, n->annotation) ||
            !opt_expr(obj, "value", name, n->value) || !integer(obj, "simple", name, simple)) {
          return false;
        }
        n->simple = simple != 0;
        if (n->simple && n->target->kind != ast::ExprKind::Name) {
          return raise(&exc_TypeError, "AnnAssign with simple non-Name target"), false;
        }
        auto tk = n->target->kind;
        if (tk != ast::ExprKind::Name && tk != ast::ExprKind::Attribute &&
            tk != ast::ExprKind::Subscript) {
          return raise(&exc_ValueError, "minipy cannot compile this AnnAssign target"), false;
        }
        out = std::move(n);
        return true;
      }
      case K::kFor:
      case K::kAsyncFor: {
        auto n = make_stmt<ast::For>(loc);
        n->is_async = k == K::kAsyncFor;
        std::string tc;
        if (!req_expr(obj, "target", name, n->target, Ctx::Store) ||
            !req_expr(obj, "iter", name, n->iter) || !stmt_list(obj, "body", name, n->body, true) ||
            !stmt_list(obj, "orelse", name, n->orelse) || !string_field(obj, "type_comment", tc)) {
          return false;
        }
        out = std::move(n);
        return true;
      }
      case K::kWhile:
      case K::kIf: {
        ast::ExprPtr test;
        ast::StmtList body, orelse;
        if (!req_expr(obj, "test", name, test) || !stmt_list(obj, "body", name, body, true) ||
            !stmt_list(obj, "orelse", name, orelse)) {
          return false;
        }
        if (k == K::kWhile) {
          auto n = make_stmt<ast::While>(loc);
          n->test = std::move(test);
          n->body = std::move(body);
          n->orelse = std::move(orelse);
          out = std::move(n);
        } else {
          auto n = make_stmt<ast::If>(loc);
          n->test = std::move(test);
          n->body = std::move(body);
          n->orelse = std::move(orelse);
          out = std::move(n);
        }
        return true;
      }
      case K::kWith:
      case K::kAsyncWith: {
        auto n = make_stmt<ast::With>(loc);
        n->is_async = k == K::kAsyncWith;
        std::string tc;
        if (!each_item(obj, "items", name, [&](Value w) {
              ast::WithItem item;
              if (!req_expr(w, "context_expr", "withitem", item.context_expr) ||
                  !opt_expr(w, "optional_vars", "withitem", item.optional_vars, Ctx::Store)) {
                return false;
              }
              n->items.push_back(std::move(item));
              return true;
            })) {
          return false;
        }
        if (n->items.empty()) return raise_fmt(&exc_ValueError, "empty items on {}", name), false;
        if (!stmt_list(obj, "body", name, n->body, true) || !string_field(obj, "type_comment", tc))
          return false;
        out = std::move(n);
        return true;
      }
      case K::kMatch:
        return match(obj, loc, out);
      case K::kRaise: {
        auto n = make_stmt<ast::Raise>(loc);
        if (!opt_expr(obj, "exc", name, n->exc) || !opt_expr(obj, "cause", name, n->cause))
          return false;
        if (n->cause && !n->exc)
          return raise(&exc_ValueError, "Raise with cause but no exception"), false;
        out = std::move(n);
        return true;
      }
      case K::kTry:
      case K::kTryStar: {
        auto n = make_stmt<ast::Try>(loc);
        n->is_star = k == K::kTryStar;
        if (!stmt_list(obj, "body", name, n->body, true)) return false;
        if (!each_item(obj, "handlers", name, [&](Value h) {
              ast::ExceptHandler eh;
              eh.is_star = n->is_star;
              if (!location(h, "excepthandler", eh.loc)) return false;
              if (!is(h, K::kExceptHandler)) {
                Ref r = repr(h);
                if (r)
                  raise_fmt(&exc_TypeError, "expected some sort of excepthandler, but got {}",
                            as_str(r.get())->view());
                return false;
              }
              Ref nm;
              if (!opt_expr(h, "type", "ExceptHandler", eh.type) || !opt_field(h, "name", nm))
                return false;
              if (nm && !identifier_value(nm.get(), eh.name)) return false;
              if (!stmt_list(h, "body", "ExceptHandler", eh.body, true)) return false;
              eh.star_loc = eh.loc;
              n->handlers.push_back(std::move(eh));
              return true;
            })) {
          return false;
        }
        if (!stmt_list(obj, "orelse", name, n->orelse) ||
            !stmt_list(obj, "finalbody", name, n->finalbody))
          return false;
        if (n->handlers.empty() && n->finalbody.empty()) {
          return raise_fmt(&exc_ValueError, "{} has neither except handlers nor finalbody", name),
                 false;
        }
        if (n->handlers.empty() && !n->orelse.empty()) {
          return raise_fmt(&exc_ValueError, "{} has orelse but no except handlers", name), false;
        }
        out = std::move(n);
        return true;
      }
      case K::kAssert: {
        auto n = make_stmt<ast::Assert>(loc);
        if (!req_expr(obj, "test", name, n->test) || !opt_expr(obj, "msg", name, n->msg))
          return false;
        out = std::move(n);
        return true;
      }
      case K::kImport: {
        auto n = make_stmt<ast::Import>(loc);
        if (!aliases(obj, name, n->names)) return false;
        if (n->names.empty()) return raise(&exc_ValueError, "empty names on Import"), false;
        out = std::move(n);
        return true;
      }
      case K::kImportFrom: {
        auto n = make_stmt<ast::ImportFrom>(loc);
        Ref mod;
        if (!opt_field(obj, "module", mod)) return false;
        if (mod && !identifier_value(mod.get(), n->module)) return false;
        if (!aliases(obj, name, n->names) || !integer(obj, "level", name, n->level, true))
          return false;
        if (n->level < 0) return raise(&exc_ValueError, "Negative ImportFrom level"), false;
        if (n->names.empty()) return raise(&exc_ValueError, "empty names on ImportFrom"), false;
        out = std::move(n);
        return true;
      }
      case K::kGlobal: {
        auto n = make_stmt<ast::Global>(loc);
        if (!names(obj, name, n->names)) return false;
        out = std::move(n);
        return true;
      }
      case K::kNonlocal: {
        auto n = make_stmt<ast::Nonlocal>(loc);
        if (!names(obj, name, n->names)) return false;
        out = std::move(n);
        return true;
      }
      case K::kExpr: {
        auto n = make_stmt<ast::ExprStmt>(loc);
        if (!req_expr(obj, "value", name, n->value)) return false;
        out = std::move(n);
        return true;
      }
      case K::kPass:
        out = make_stmt<ast::Pass>(loc);
        return true;
      case K::kBreak:
        out = make_stmt<ast::Break>(loc);
        return true;
      case K::kContinue:
        out = make_stmt<ast::Continue>(loc);
        return true;
      default:
        break;
    }
    return raise(&exc_SystemError, "unknown statement kind"), false;
  }

  // ------------------------------------------------------------ match

  bool match(Value obj, const ast::Loc& loc, ast::StmtPtr& out) {
    auto n = make_stmt<ast::Match>(loc);
    if (!req_expr(obj, "subject", "Match", n->subject)) return false;
    if (!each_item(obj, "cases", "Match", [&](Value c) {
          ast::MatchCase mc;
          Ref p;
          if (!field(c, "pattern", "match_case", p) || !pattern(p.get(), mc.pattern)) return false;
          if (!mc.pattern) return required("pattern", "match_case");
          if (!opt_expr(c, "guard", "match_case", mc.guard) ||
              !stmt_list(c, "body", "match_case", mc.body, true)) {
            return false;
          }
          n->cases.push_back(std::move(mc));
          return true;
        })) {
      return false;
    }
    if (n->cases.empty()) return raise(&exc_ValueError, "empty cases on Match"), false;
    out = std::move(n);
    return true;
  }

  bool pattern_list(Value obj, const char* name, const char* owner, ast::PatternList& out) {
    return each_item(obj, name, owner, [&](Value item) {
      ast::PatternPtr p;
      if (!pattern(item, p)) return false;
      if (!p) return raise(&exc_ValueError, "None disallowed in pattern list"), false;
      out.push_back(std::move(p));
      return true;
    });
  }
  bool capture_name(Value obj, const char* owner, std::string& out) {
    Ref v;
    if (!opt_field(obj, "name", v)) return false;
    if (v && !identifier_value(v.get(), out)) return false;
    if (out == "_") return raise(&exc_ValueError, "can't capture name '_' in patterns"), false;
    (void)owner;
    return true;
  }

  bool pattern(Value obj, ast::PatternPtr& out) {
    if (is_none(obj)) return true;
    ast::Loc loc;
    if (!location(obj, "pattern", loc, true)) return false;
    int kind = -1;
    for (int k = static_cast<int>(K::kMatchValue); k <= static_cast<int>(K::kMatchOr); k++) {
      if (is(obj, static_cast<AstNode>(k))) {
        kind = k;
        break;
      }
    }
    if (kind < 0) {
      Ref r = repr(obj);
      if (r)
        raise_fmt(&exc_TypeError, "expected some sort of pattern, but got {}",
                  as_str(r.get())->view());
      return false;
    }
    auto k = static_cast<AstNode>(kind);
    const char* name = ast_node_info(k).name;
    if (!enter(name)) return false;
    bool ok = pattern_kind(obj, k, name, loc, out);
    leave_recursive_call();
    return ok;
  }

  bool pattern_kind(Value obj, AstNode k, const char* name, const ast::Loc& loc,
                    ast::PatternPtr& out) {
    switch (k) {
      case K::kMatchValue: {
        auto n = ast::make<ast::MatchValue>(loc);
        if (!req_expr(obj, "value", name, n->value)) return false;
        auto vk = n->value->kind;
        if (vk != ast::ExprKind::Constant && vk != ast::ExprKind::Attribute &&
            vk != ast::ExprKind::UnaryOp && vk != ast::ExprKind::BinOp) {
          return raise(&exc_ValueError, "patterns may only match literals and attribute lookups"),
                 false;
        }
        out = std::move(n);
        return true;
      }
      case K::kMatchSingleton: {
        auto n = ast::make<ast::MatchSingleton>(loc);
        Ref v;
        if (!field(obj, "value", name, v)) return false;
        if (is_none(v.get())) {
          n->value = ast::Constant::Kind::None;
        } else if (v.get() == True() || v.get() == False()) {
          n->value = v.get() == True() ? ast::Constant::Kind::True : ast::Constant::Kind::False;
        } else {
          return raise(&exc_ValueError, "MatchSingleton can only contain True, False and None"),
                 false;
        }
        out = std::move(n);
        return true;
      }
      case K::kMatchSequence: {
        auto n = ast::make<ast::MatchSequence>(loc);
        if (!pattern_list(obj, "patterns", name, n->patterns)) return false;
        out = std::move(n);
        return true;
      }
      case K::kMatchMapping: {
        auto n = ast::make<ast::MatchMapping>(loc);
        Ref rest;
        if (!expr_list(obj, "keys", name, n->keys) ||
            !pattern_list(obj, "patterns", name, n->patterns) || !opt_field(obj, "rest", rest)) {
          return false;
        }
        if (rest && !identifier_value(rest.get(), n->rest)) return false;
        if (n->keys.size() != n->patterns.size()) {
          return raise(&exc_ValueError,
                       "MatchMapping doesn't have the same number of keys as patterns"),
                 false;
        }
        out = std::move(n);
        return true;
      }
      case K::kMatchClass: {
        auto n = ast::make<ast::MatchClass>(loc);
        if (!req_expr(obj, "cls", name, n->cls) ||
            !pattern_list(obj, "patterns", name, n->patterns))
          return false;
        if (!each_item(obj, "kwd_attrs", name, [&](Value v) {
              n->kwd_attrs.emplace_back();
              return identifier_value(v, n->kwd_attrs.back());
            })) {
          return false;
        }
        if (!pattern_list(obj, "kwd_patterns", name, n->kwd_patterns)) return false;
        if (n->kwd_attrs.size() != n->kwd_patterns.size()) {
          return raise(&exc_ValueError,
                       "MatchClass doesn't have the same number of keyword attributes as patterns"),
                 false;
        }
        out = std::move(n);
        return true;
      }
      case K::kMatchStar: {
        auto n = ast::make<ast::MatchStar>(loc);
        if (!capture_name(obj, name, n->name)) return false;
        out = std::move(n);
        return true;
      }
      case K::kMatchAs: {
        auto n = ast::make<ast::MatchAs>(loc);
        Ref p;
        if (!opt_field(obj, "pattern", p)) return false;
        if (p && !pattern(p.get(), n->pattern)) return false;
        if (!capture_name(obj, name, n->name)) return false;
        if (n->pattern && n->name.empty()) {
          return raise(&exc_ValueError, "MatchAs must specify a target name if a pattern is given"),
                 false;
        }
        out = std::move(n);
        return true;
      }
      case K::kMatchOr: {
        auto n = ast::make<ast::MatchOr>(loc);
        if (!pattern_list(obj, "patterns", name, n->patterns)) return false;
        if (n->patterns.size() < 2)
          return raise(&exc_ValueError, "MatchOr requires at least 2 patterns"), false;
        out = std::move(n);
        return true;
      }
      default:
        break;
    }
    return raise(&exc_SystemError, "unknown pattern kind"), false;
  }
};

}  // namespace

std::unique_ptr<ast::Module> ast_from_object(Value tree, std::string_view mode) {
  if (!ast_types_init()) return nullptr;
  return FromObject().module(tree, mode);
}

}  // namespace minipy::vm
