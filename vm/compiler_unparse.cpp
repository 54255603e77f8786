// Expression AST -> source text, as CPython 3.11's Python/ast_unparse.c writes it: the form
// `from __future__ import annotations` (PEP 563) stores annotations in. Parentheses follow the
// same precedence levels, so `Dict[str, int] | None` comes back exactly as CPython gives it.
#include "vm/compiler_unparse.h"

#include <cmath>

#include "vm/code_unit.h"
#include "vm/disassembler.h"

namespace minipy::vm {

namespace {

// CPython's precedence levels (ast_unparse.c), lowest first.
enum Prec : int {
  kTuple,
  kTest,
  kOr,
  kAnd,
  kNot,
  kCmp,
  kBor,
  kBxor,
  kBand,
  kShift,
  kArith,
  kTerm,
  kFactor,
  kPower,
  kAwait,
  kAtom
};

/// repr() of a str, as the disassembler writes constants (CPython's quoting and escapes).
std::string str_repr(const std::string& s) {
  Constant c;
  c.kind = Constant::Kind::Str;
  c.text = s;
  return constant_repr(c);
}

class Unparser {
 public:
  std::string out;

  void expr(const ast::Expr& e, int level) {
    using K = ast::ExprKind;
    switch (e.kind) {
      case K::BoolOp: {
        const auto& b = ast::as<ast::BoolOp>(e);
        int pr = b.op == ast::BoolOpKind::And ? kAnd : kOr;
        open(level > pr);
        for (size_t i = 0; i < b.values.size(); i++) {
          if (i) out += b.op == ast::BoolOpKind::And ? " and " : " or ";
          expr(*b.values[i], pr + 1);
        }
        close(level > pr);
        break;
      }
      case K::NamedExpr: {
        const auto& n = ast::as<ast::NamedExpr>(e);
        open(level > kTuple);
        expr(*n.target, kAtom);
        out += " := ";
        expr(*n.value, kAtom);
        close(level > kTuple);
        break;
      }
      case K::BinOp: {
        const auto& b = ast::as<ast::BinOp>(e);
        static const char* const kOps[] = {" + ",  " - ",  " * ", " @ ", " / ", " % ", " ** ",
                                           " << ", " >> ", " | ", " ^ ", " & ", " // "};
        static const int kPrec[] = {kArith, kArith, kTerm, kTerm, kTerm, kTerm, kPower,
                                    kShift, kShift, kBor,  kBxor, kBand, kTerm};
        int op = static_cast<int>(b.op);
        int pr = kPrec[op];
        bool rassoc = b.op == ast::BinOpKind::Pow;
        open(level > pr);
        expr(*b.left, pr + (rassoc ? 1 : 0));
        out += kOps[op];
        expr(*b.right, pr + (rassoc ? 0 : 1));
        close(level > pr);
        break;
      }
      case K::UnaryOp: {
        const auto& u = ast::as<ast::UnaryOp>(e);
        static const char* const kOps[] = {"~", "not ", "+", "-"};
        int pr = u.op == ast::UnaryOpKind::Not ? kNot : kFactor;
        open(level > pr);
        out += kOps[static_cast<int>(u.op)];
        expr(*u.operand, pr);
        close(level > pr);
        break;
      }
      case K::Lambda: {
        const auto& l = ast::as<ast::Lambda>(e);
        open(level > kTest);
        std::string params = arguments(l.args);
        out += params.empty() ? "lambda: " : "lambda " + params + ": ";
        expr(*l.body, kTest);
        close(level > kTest);
        break;
      }
      case K::IfExp: {
        const auto& i = ast::as<ast::IfExp>(e);
        open(level > kTest);
        expr(*i.body, kTest + 1);
        out += " if ";
        expr(*i.test, kTest + 1);
        out += " else ";
        expr(*i.orelse, kTest);
        close(level > kTest);
        break;
      }
      case K::Dict: {
        const auto& d = ast::as<ast::Dict>(e);
        out += "{";
        for (size_t i = 0; i < d.values.size(); i++) {
          if (i) out += ", ";
          if (d.keys[i]) {
            expr(*d.keys[i], kTest);
            out += ": ";
            expr(*d.values[i], kTest);
          } else {
            out += "**";
            expr(*d.values[i], kBor);
          }
        }
        out += "}";
        break;
      }
      case K::Set: {
        const auto& s = ast::as<ast::Set>(e);
        if (s.elts.empty()) {
          out += "{*()}";
          break;
        }
        out += "{";
        items(s.elts, kTest);
        out += "}";
        break;
      }
      case K::ListComp: {
        const auto& c = ast::as<ast::ListComp>(e);
        out += "[";
        expr(*c.elt, kTest);
        comprehensions(c.generators);
        out += "]";
        break;
      }
      case K::SetComp: {
        const auto& c = ast::as<ast::SetComp>(e);
        out += "{";
        expr(*c.elt, kTest);
        comprehensions(c.generators);
        out += "}";
        break;
      }
      case K::DictComp: {
        const auto& c = ast::as<ast::DictComp>(e);
        out += "{";
        expr(*c.key, kTest);
        out += ": ";
        expr(*c.value, kTest);
        comprehensions(c.generators);
        out += "}";
        break;
      }
      case K::GeneratorExp: {
        const auto& c = ast::as<ast::GeneratorExp>(e);
        out += "(";
        expr(*c.elt, kTest);
        comprehensions(c.generators);
        out += ")";
        break;
      }
      case K::Await: {
        open(level > kAwait);
        out += "await ";
        expr(*ast::as<ast::Await>(e).value, kAtom);
        close(level > kAwait);
        break;
      }
      case K::Yield: {
        const auto& y = ast::as<ast::Yield>(e);
        if (!y.value) {
          out += "(yield)";
          break;
        }
        out += "(yield ";
        expr(*y.value, kTest);
        out += ")";
        break;
      }
      case K::YieldFrom:
        out += "(yield from ";
        expr(*ast::as<ast::YieldFrom>(e).value, kTest);
        out += ")";
        break;
      case K::Compare: {
        const auto& c = ast::as<ast::Compare>(e);
        static const char* const kOps[] = {" == ", " != ", " < ",      " <= ", " > ",
                                           " >= ", " is ", " is not ", " in ", " not in "};
        open(level > kCmp);
        expr(*c.left, kCmp + 1);
        for (size_t i = 0; i < c.ops.size(); i++) {
          out += kOps[static_cast<int>(c.ops[i])];
          expr(*c.comparators[i], kCmp + 1);
        }
        close(level > kCmp);
        break;
      }
      case K::Call: {
        const auto& c = ast::as<ast::Call>(e);
        expr(*c.func, kAtom);
        if (c.args.size() == 1 && c.keywords.empty() && c.args[0]->kind == K::GeneratorExp) {
          expr(*c.args[0], kTest);  // f(x for x in y): the generator's parentheses suffice
          break;
        }
        out += "(";
        bool first = true;
        for (const auto& a : c.args) {
          if (!first) out += ", ";
          first = false;
          expr(*a, kTest);
        }
        for (const auto& k : c.keywords) {
          if (!first) out += ", ";
          first = false;
          if (k.arg.empty()) {
            out += "**";
          } else {
            out += k.arg + "=";
          }
          expr(*k.value, kTest);
        }
        out += ")";
        break;
      }
      case K::FormattedValue:
      case K::JoinedStr: {
        std::string body;
        fstring_body(e, &body);
        out += "f" + str_repr(body);
        break;
      }
      case K::Constant:
        constant(ast::as<ast::Constant>(e));
        break;
      case K::Attribute: {
        const auto& a = ast::as<ast::Attribute>(e);
        expr(*a.value, kAtom);
        // `1 .real`: an int literal needs a space before the dot.
        bool int_lit = a.value->kind == K::Constant &&
                       ast::as<ast::Constant>(*a.value).ckind == ast::Constant::Kind::Int;
        out += int_lit ? " ." : ".";
        out += a.attr;
        break;
      }
      case K::Subscript: {
        const auto& s = ast::as<ast::Subscript>(e);
        expr(*s.value, kAtom);
        out += "[";
        expr(*s.slice, kTuple);
        out += "]";
        break;
      }
      case K::Starred:
        out += "*";
        expr(*ast::as<ast::Starred>(e).value, kBor);
        break;
      case K::Name:
        out += ast::as<ast::Name>(e).id;
        break;
      case K::List:
        out += "[";
        items(ast::as<ast::List>(e).elts, kTest);
        out += "]";
        break;
      case K::Tuple: {
        const auto& t = ast::as<ast::Tuple>(e);
        if (t.elts.empty()) {
          out += "()";
          break;
        }
        open(level > kTuple);
        items(t.elts, kTest);
        if (t.elts.size() == 1) out += ",";
        close(level > kTuple);
        break;
      }
      case K::Slice: {
        const auto& s = ast::as<ast::Slice>(e);
        if (s.lower) expr(*s.lower, kTest);
        out += ":";
        if (s.upper) expr(*s.upper, kTest);
        if (s.step) {
          out += ":";
          expr(*s.step, kTest);
        }
        break;
      }
    }
  }

 private:
  void open(bool yes) {
    if (yes) out += "(";
  }
  void close(bool yes) {
    if (yes) out += ")";
  }

  void items(const ast::ExprList& elts, int level) {
    for (size_t i = 0; i < elts.size(); i++) {
      if (i) out += ", ";
      expr(*elts[i], level);
    }
  }

  void comprehensions(const std::vector<ast::Comprehension>& gens) {
    for (const auto& g : gens) {
      out += g.is_async ? " async for " : " for ";
      expr(*g.target, kTuple);
      out += " in ";
      expr(*g.iter, kTest + 1);
      for (const auto& c : g.ifs) {
        out += " if ";
        expr(*c, kTest + 1);
      }
    }
  }

  void constant(const ast::Constant& c) {
    using CK = ast::Constant::Kind;
    switch (c.ckind) {
      case CK::None:
        out += "None";
        break;
      case CK::True:
        out += "True";
        break;
      case CK::False:
        out += "False";
        break;
      case CK::Ellipsis:
        out += "...";
        break;
      case CK::Int:
        out += c.big_int.empty() ? std::to_string(c.int_value) : c.big_int;
        break;
      case CK::Float: {
        // An infinite literal (1e999) is written so that it reads back as one.
        Constant f;
        f.kind = Constant::Kind::Float;
        f.float_value = c.float_value;
        out += std::isinf(c.float_value) ? "1e309" : constant_repr(f);
        break;
      }
      case CK::Complex: {
        Constant f;
        f.kind = Constant::Kind::Complex;
        f.imag_value = c.float_value;
        out += std::isinf(c.float_value) ? "1e309j" : constant_repr(f);
        break;
      }
      case CK::Str:
        if (c.kind == "u") out += "u";
        out += str_repr(c.str_value);
        break;
      case CK::Bytes: {
        Constant b;
        b.kind = Constant::Kind::Bytes;
        b.text = c.str_value;
        out += constant_repr(b);
        break;
      }
    }
  }

  /// The text inside an f-string's quotes: literal parts with braces doubled, replacement fields.
  void fstring_body(const ast::Expr& e, std::string* body) {
    if (e.kind == ast::ExprKind::Constant) {
      for (char ch : ast::as<ast::Constant>(e).str_value) {
        *body += ch;
        if (ch == '{' || ch == '}') *body += ch;
      }
      return;
    }
    if (e.kind == ast::ExprKind::JoinedStr) {
      for (const auto& v : ast::as<ast::JoinedStr>(e).values) fstring_body(*v, body);
      return;
    }
    const auto& f = ast::as<ast::FormattedValue>(e);
    Unparser inner;
    inner.expr(*f.value, kTest + 1);
    *body += "{";
    if (!inner.out.empty() && inner.out[0] == '{')
      *body += " ";  // {{ would read as a literal brace
    *body += inner.out;
    if (f.conversion > 0) {
      *body += "!";
      *body += static_cast<char>(f.conversion);
    }
    if (f.format_spec) {
      *body += ":";
      fstring_body(*f.format_spec, body);
    }
    *body += "}";
  }

  std::string arguments(const ast::Arguments& a) {
    std::string s;
    auto sep = [&] {
      if (!s.empty()) s += ", ";
    };
    size_t npos = a.posonlyargs.size() + a.args.size();
    size_t first_default = npos - a.defaults.size();
    size_t i = 0;
    for (const auto* list : {&a.posonlyargs, &a.args}) {
      for (const auto& arg : *list) {
        sep();
        s += arg.name;
        if (i >= first_default) {
          Unparser d;
          d.expr(*a.defaults[i - first_default], kTest);
          s += "=" + d.out;
        }
        i++;
        if (list == &a.posonlyargs && i == a.posonlyargs.size()) s += ", /";
      }
    }
    if (a.vararg || !a.kwonlyargs.empty()) {
      sep();
      s += "*";
      if (a.vararg) s += a.vararg->name;
    }
    for (size_t k = 0; k < a.kwonlyargs.size(); k++) {
      sep();
      s += a.kwonlyargs[k].name;
      if (k < a.kw_defaults.size() && a.kw_defaults[k]) {
        Unparser d;
        d.expr(*a.kw_defaults[k], kTest);
        s += "=" + d.out;
      }
    }
    if (a.kwarg) {
      sep();
      s += "**" + a.kwarg->name;
    }
    return s;
  }
};

}  // namespace

std::string unparse_annotation(const ast::Expr& e) {
  Unparser u;
  u.expr(e, kTest);
  return u.out;
}

}  // namespace minipy::vm
