// AST-building helpers for grammar actions (see builders.h).
#include "parser/builders.h"

#include "lexer/lexer.h"

namespace minipy::parse {
using namespace ast;

void split_parenthesized_with_items(std::vector<WithItem>& items, const Loc& items_loc) {
  if (items.size() != 1 || items[0].optional_vars || items[0].context_expr->kind != ExprKind::Tuple) return;
  auto& t = as<Tuple>(*items[0].context_expr);
  // `with ((a, b)):` keeps its tuple: the tuple must start at the first parenthesis.
  if (t.elts.empty() || t.loc.line != items_loc.line || t.loc.col != items_loc.col) return;
  for (const ExprPtr& e : t.elts) {
    if (e->kind == ExprKind::Starred || e->kind == ExprKind::NamedExpr) return;
  }
  ExprList elts = std::move(t.elts);
  items.clear();
  for (ExprPtr& e : elts) {
    WithItem w;
    w.context_expr = std::move(e);
    items.push_back(std::move(w));
  }
}

// A chain `a or b or c` arrives as ((a or b) or c); the inner node is merged when it starts
// where the whole expression starts (a parenthesised one starts after its '(').
static bool starts_at(const Expr& e, const Loc& loc) {
  return e.loc.line == loc.line && e.loc.col == loc.col;
}

ExprPtr bool_op(BoolOpKind op, ExprPtr l, ExprPtr r, Loc loc) {
  if (l->kind == ExprKind::BoolOp && as<BoolOp>(*l).op == op && starts_at(*l, loc)) {
    auto& b = as<BoolOp>(*l);
    b.values.push_back(std::move(r));
    b.loc = loc;
    return l;
  }
  auto e = make<BoolOp>(loc);
  e->op = op;
  e->values.push_back(std::move(l));
  e->values.push_back(std::move(r));
  return e;
}

ExprPtr compare(ExprPtr l, CmpOpKind op, ExprPtr r, Loc loc) {
  if (l->kind == ExprKind::Compare && starts_at(*l, loc)) {
    auto& c = as<Compare>(*l);
    c.ops.push_back(op);
    c.comparators.push_back(std::move(r));
    c.loc = loc;
    return l;
  }
  auto e = make<Compare>(loc);
  e->left = std::move(l);
  e->ops.push_back(op);
  e->comparators.push_back(std::move(r));
  return e;
}

ExprPtr bin_op(ExprPtr l, BinOpKind op, ExprPtr r, Loc loc) {
  auto e = make<BinOp>(loc);
  e->left = std::move(l);
  e->op = op;
  e->right = std::move(r);
  return e;
}

ExprPtr unary_op(UnaryOpKind op, ExprPtr operand, Loc loc) {
  auto e = make<UnaryOp>(loc);
  e->op = op;
  e->operand = std::move(operand);
  return e;
}

ExprPtr make_number(const std::string& text, Loc loc) {
  auto c = make<Constant>(loc);
  if (lex::is_imaginary_literal(text)) {
    c->ckind = Constant::Kind::Complex;  // the imaginary part; the real part is 0.0
    c->float_value = lex::decode_float(std::string_view(text).substr(0, text.size() - 1));
  } else if (lex::is_float_literal(text)) {
    c->ckind = Constant::Kind::Float;
    c->float_value = lex::decode_float(text);
  } else {
    c->ckind = Constant::Kind::Int;
    lex::decode_int(text, c->int_value, c->big_int);
  }
  return c;
}

PatternPtr literal_pattern(ExprPtr value, Loc loc) {
  if (value->kind == ExprKind::Constant) {
    auto k = as<Constant>(*value).ckind;
    if (k == Constant::Kind::None || k == Constant::Kind::True || k == Constant::Kind::False) {
      auto p = std::make_unique<MatchSingleton>();
      p->loc = loc;
      p->value = k;
      return p;
    }
  }
  auto p = std::make_unique<MatchValue>();
  p->loc = loc;
  p->value = std::move(value);
  return p;
}

ExprPtr make_const(Constant::Kind k, Loc loc) {
  auto c = make<Constant>(loc);
  c->ckind = k;
  return c;
}

const char* expr_description(const Expr& e) {
  switch (e.kind) {
    case ExprKind::Attribute: return "attribute";
    case ExprKind::Subscript: return "subscript";
    case ExprKind::Starred: return "starred";
    case ExprKind::Name: return "name";
    case ExprKind::List: return "list";
    case ExprKind::Tuple: return "tuple";
    case ExprKind::Lambda: return "lambda";
    case ExprKind::Call: return "function call";
    case ExprKind::BoolOp:
    case ExprKind::BinOp:
    case ExprKind::UnaryOp: return "expression";
    case ExprKind::GeneratorExp: return "generator expression";
    case ExprKind::Yield:
    case ExprKind::YieldFrom: return "yield expression";
    case ExprKind::Await: return "await expression";
    case ExprKind::ListComp: return "list comprehension";
    case ExprKind::SetComp: return "set comprehension";
    case ExprKind::DictComp: return "dict comprehension";
    case ExprKind::Dict: return "dict literal";
    case ExprKind::Set: return "set display";
    case ExprKind::JoinedStr:
    case ExprKind::FormattedValue: return "f-string expression";
    case ExprKind::Compare: return "comparison";
    case ExprKind::IfExp: return "conditional expression";
    case ExprKind::NamedExpr: return "named expression";
    case ExprKind::Slice: return "slice";
    case ExprKind::Constant:
      switch (as<Constant>(e).ckind) {
        case Constant::Kind::None: return "None";
        case Constant::Kind::True: return "True";
        case Constant::Kind::False: return "False";
        case Constant::Kind::Ellipsis: return "ellipsis";
        default: return "literal";
      }
  }
  return "expression";
}

}  // namespace minipy::parse
