// ast::dump(): renders the tree exactly as CPython's ast.dump() does (optionally with
// locations), so parser tests can compare against python3 and `minipy --ast` reads familiarly.
#include "parser/ast.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace minipy::ast {


namespace {
// Nodes waiting to be freed by the outermost delete_node on this thread.
struct DeferredDeletes {
  int active = 0;
  std::vector<Expr*> exprs;
  std::vector<Stmt*> stmts;
};
thread_local DeferredDeletes t_deferred;

template <class T>
void delete_deferred(T* node, std::vector<T*>& queue) noexcept {
  if (node == nullptr) return;
  DeferredDeletes& d = t_deferred;
  if (d.active > 0) {
    try {
      queue.push_back(node);
      return;
    } catch (...) {
      // No memory for the queue: free it now (recursing) rather than leak.
    }
  }
  d.active++;
  delete node;
  while (!d.exprs.empty() || !d.stmts.empty()) {
    if (!d.exprs.empty()) {
      Expr* e = d.exprs.back();
      d.exprs.pop_back();
      delete e;
    } else {
      Stmt* s = d.stmts.back();
      d.stmts.pop_back();
      delete s;
    }
  }
  d.active--;
}
}  // namespace

void delete_node(Expr* e) noexcept { delete_deferred(e, t_deferred.exprs); }
void delete_node(Stmt* s) noexcept { delete_deferred(s, t_deferred.stmts); }
namespace {

class Dumper {
 public:
  explicit Dumper(bool attrs) : attrs_(attrs) {}
  std::string out;

  void module(const Module& m) {
    out += "Module(body=";
    stmts(m.body);
    out += ", type_ignores=[])";
  }

  void expr(const Expr* e) {
    if (!e) {
      out += "None";
      return;
    }
    switch (e->kind) {
      case ExprKind::BoolOp: {
        auto& n = as<BoolOp>(*e);
        open("BoolOp");
        field("op");
        out += n.op == BoolOpKind::And ? "And()" : "Or()";
        field("values");
        exprs(n.values);
        break;
      }
      case ExprKind::NamedExpr: {
        auto& n = as<NamedExpr>(*e);
        open("NamedExpr");
        field("target"); expr(n.target.get());
        field("value"); expr(n.value.get());
        break;
      }
      case ExprKind::BinOp: {
        auto& n = as<BinOp>(*e);
        open("BinOp");
        field("left"); expr(n.left.get());
        field("op"); out += binop_name(n.op); out += "()";
        field("right"); expr(n.right.get());
        break;
      }
      case ExprKind::UnaryOp: {
        auto& n = as<UnaryOp>(*e);
        static const char* const kNames[] = {"Invert()", "Not()", "UAdd()", "USub()"};
        open("UnaryOp");
        field("op"); out += kNames[static_cast<int>(n.op)];
        field("operand"); expr(n.operand.get());
        break;
      }
      case ExprKind::Lambda: {
        auto& n = as<Lambda>(*e);
        open("Lambda");
        field("args"); arguments(n.args);
        field("body"); expr(n.body.get());
        break;
      }
      case ExprKind::IfExp: {
        auto& n = as<IfExp>(*e);
        open("IfExp");
        field("test"); expr(n.test.get());
        field("body"); expr(n.body.get());
        field("orelse"); expr(n.orelse.get());
        break;
      }
      case ExprKind::Dict: {
        auto& n = as<Dict>(*e);
        open("Dict");
        field("keys"); exprs(n.keys);
        field("values"); exprs(n.values);
        break;
      }
      case ExprKind::Set: {
        open("Set");
        field("elts"); exprs(as<Set>(*e).elts);
        break;
      }
      case ExprKind::ListComp: {
        auto& n = as<ListComp>(*e);
        open("ListComp");
        field("elt"); expr(n.elt.get());
        field("generators"); comps(n.generators);
        break;
      }
      case ExprKind::SetComp: {
        auto& n = as<SetComp>(*e);
        open("SetComp");
        field("elt"); expr(n.elt.get());
        field("generators"); comps(n.generators);
        break;
      }
      case ExprKind::DictComp: {
        auto& n = as<DictComp>(*e);
        open("DictComp");
        field("key"); expr(n.key.get());
        field("value"); expr(n.value.get());
        field("generators"); comps(n.generators);
        break;
      }
      case ExprKind::GeneratorExp: {
        auto& n = as<GeneratorExp>(*e);
        open("GeneratorExp");
        field("elt"); expr(n.elt.get());
        field("generators"); comps(n.generators);
        break;
      }
      case ExprKind::Yield: {
        open("Yield");
        opt("value", as<Yield>(*e).value.get());
        break;
      }
      case ExprKind::Await: {
        open("Await");
        field("value"); expr(as<Await>(*e).value.get());
        break;
      }
      case ExprKind::YieldFrom: {
        open("YieldFrom");
        field("value"); expr(as<YieldFrom>(*e).value.get());
        break;
      }
      case ExprKind::Compare: {
        auto& n = as<Compare>(*e);
        static const char* const kNames[] = {"Eq()", "NotEq()", "Lt()", "LtE()", "Gt()",
                                             "GtE()", "Is()", "IsNot()", "In()", "NotIn()"};
        open("Compare");
        field("left"); expr(n.left.get());
        field("ops");
        out += '[';
        for (size_t i = 0; i < n.ops.size(); ++i) {
          if (i) out += ", ";
          out += kNames[static_cast<int>(n.ops[i])];
        }
        out += ']';
        field("comparators"); exprs(n.comparators);
        break;
      }
      case ExprKind::Call: {
        auto& n = as<Call>(*e);
        open("Call");
        field("func"); expr(n.func.get());
        field("args"); exprs(n.args);
        field("keywords"); keywords(n.keywords);
        break;
      }
      case ExprKind::FormattedValue: {
        auto& n = as<FormattedValue>(*e);
        open("FormattedValue");
        field("value"); expr(n.value.get());
        field("conversion"); out += std::to_string(n.conversion);
        opt("format_spec", n.format_spec.get());
        break;
      }
      case ExprKind::JoinedStr: {
        open("JoinedStr");
        field("values"); exprs(as<JoinedStr>(*e).values);
        break;
      }
      case ExprKind::Constant: {
        open("Constant");
        field("value");
        constant(as<Constant>(*e));
        if (!as<Constant>(*e).kind.empty()) {
          field("kind");
          str_repr(as<Constant>(*e).kind);
        }
        break;
      }
      case ExprKind::Attribute: {
        auto& n = as<Attribute>(*e);
        open("Attribute");
        field("value"); expr(n.value.get());
        field("attr"); str_repr(n.attr);
        field("ctx"); ctx(n.ctx);
        break;
      }
      case ExprKind::Subscript: {
        auto& n = as<Subscript>(*e);
        open("Subscript");
        field("value"); expr(n.value.get());
        field("slice"); expr(n.slice.get());
        field("ctx"); ctx(n.ctx);
        break;
      }
      case ExprKind::Starred: {
        auto& n = as<Starred>(*e);
        open("Starred");
        field("value"); expr(n.value.get());
        field("ctx"); ctx(n.ctx);
        break;
      }
      case ExprKind::Name: {
        auto& n = as<Name>(*e);
        open("Name");
        field("id"); str_repr(n.id);
        field("ctx"); ctx(n.ctx);
        break;
      }
      case ExprKind::List: {
        auto& n = as<List>(*e);
        open("List");
        field("elts"); exprs(n.elts);
        field("ctx"); ctx(n.ctx);
        break;
      }
      case ExprKind::Tuple: {
        auto& n = as<Tuple>(*e);
        open("Tuple");
        field("elts"); exprs(n.elts);
        field("ctx"); ctx(n.ctx);
        break;
      }
      case ExprKind::Slice: {
        auto& n = as<Slice>(*e);
        open("Slice");
        opt("lower", n.lower.get());
        opt("upper", n.upper.get());
        opt("step", n.step.get());
        break;
      }
    }
    close(e->loc);
  }

  void stmt(const Stmt& s) {
    switch (s.kind) {
      case StmtKind::FunctionDef: {
        auto& n = as<FunctionDef>(s);
        open(n.is_async ? "AsyncFunctionDef" : "FunctionDef");
        field("name"); str_repr(n.name);
        field("args"); arguments(n.args);
        field("body"); stmts(n.body);
        field("decorator_list"); exprs(n.decorator_list);
        opt("returns", n.returns.get());
        break;
      }
      case StmtKind::ClassDef: {
        auto& n = as<ClassDef>(s);
        open("ClassDef");
        field("name"); str_repr(n.name);
        field("bases"); exprs(n.bases);
        field("keywords"); keywords(n.keywords);
        field("body"); stmts(n.body);
        field("decorator_list"); exprs(n.decorator_list);
        break;
      }
      case StmtKind::Return:
        open("Return");
        opt("value", as<Return>(s).value.get());
        break;
      case StmtKind::Delete:
        open("Delete");
        field("targets"); exprs(as<Delete>(s).targets);
        break;
      case StmtKind::Assign: {
        auto& n = as<Assign>(s);
        open("Assign");
        field("targets"); exprs(n.targets);
        field("value"); expr(n.value.get());
        break;
      }
      case StmtKind::AugAssign: {
        auto& n = as<AugAssign>(s);
        open("AugAssign");
        field("target"); expr(n.target.get());
        field("op"); out += binop_name(n.op); out += "()";
        field("value"); expr(n.value.get());
        break;
      }
      case StmtKind::AnnAssign: {
        auto& n = as<AnnAssign>(s);
        open("AnnAssign");
        field("target"); expr(n.target.get());
        field("annotation"); expr(n.annotation.get());
        opt("value", n.value.get());
        field("simple"); out += n.simple ? "1" : "0";
        break;
      }
      case StmtKind::For: {
        auto& n = as<For>(s);
        open(n.is_async ? "AsyncFor" : "For");
        field("target"); expr(n.target.get());
        field("iter"); expr(n.iter.get());
        field("body"); stmts(n.body);
        field("orelse"); stmts(n.orelse);
        break;
      }
      case StmtKind::While: {
        auto& n = as<While>(s);
        open("While");
        field("test"); expr(n.test.get());
        field("body"); stmts(n.body);
        field("orelse"); stmts(n.orelse);
        break;
      }
      case StmtKind::If: {
        auto& n = as<If>(s);
        open("If");
        field("test"); expr(n.test.get());
        field("body"); stmts(n.body);
        field("orelse"); stmts(n.orelse);
        break;
      }
      case StmtKind::With: {
        auto& n = as<With>(s);
        open(n.is_async ? "AsyncWith" : "With");
        field("items");
        out += '[';
        for (size_t i = 0; i < n.items.size(); ++i) {
          if (i) out += ", ";
          open("withitem");
          field("context_expr"); expr(n.items[i].context_expr.get());
          opt("optional_vars", n.items[i].optional_vars.get());
          out += ')';
          first_.pop_back();
        }
        out += ']';
        field("body"); stmts(n.body);
        break;
      }
      case StmtKind::Raise: {
        auto& n = as<Raise>(s);
        open("Raise");
        opt("exc", n.exc.get());
        opt("cause", n.cause.get());
        break;
      }
      case StmtKind::Try: {
        auto& n = as<Try>(s);
        open(n.is_star ? "TryStar" : "Try");
        field("body"); stmts(n.body);
        field("handlers");
        out += '[';
        for (size_t i = 0; i < n.handlers.size(); ++i) {
          if (i) out += ", ";
          auto& h = n.handlers[i];
          open("ExceptHandler");
          opt("type", h.type.get());
          if (!h.name.empty()) {
            field("name");
            str_repr(h.name);
          }
          field("body"); stmts(h.body);
          close(h.loc);
        }
        out += ']';
        field("orelse"); stmts(n.orelse);
        field("finalbody"); stmts(n.finalbody);
        break;
      }
      case StmtKind::Assert: {
        auto& n = as<Assert>(s);
        open("Assert");
        field("test"); expr(n.test.get());
        opt("msg", n.msg.get());
        break;
      }
      case StmtKind::Import:
        open("Import");
        field("names"); aliases(as<Import>(s).names);
        break;
      case StmtKind::ImportFrom: {
        auto& n = as<ImportFrom>(s);
        open("ImportFrom");
        if (!n.module.empty()) {
          field("module");
          str_repr(n.module);
        }
        field("names"); aliases(n.names);
        field("level"); out += std::to_string(n.level);
        break;
      }
      case StmtKind::Global:
        open("Global");
        field("names"); names(as<Global>(s).names);
        break;
      case StmtKind::Nonlocal:
        open("Nonlocal");
        field("names"); names(as<Nonlocal>(s).names);
        break;
      case StmtKind::Expr:
        open("Expr");
        field("value"); expr(as<ExprStmt>(s).value.get());
        break;
      case StmtKind::Match: {
        auto& n = as<Match>(s);
        open("Match");
        field("subject"); expr(n.subject.get());
        field("cases");
        out += '[';
        for (size_t i = 0; i < n.cases.size(); ++i) {
          if (i) out += ", ";
          open("match_case");
          field("pattern"); pattern(*n.cases[i].pattern);
          opt("guard", n.cases[i].guard.get());
          field("body"); stmts(n.cases[i].body);
          out += ')';
          first_.pop_back();
        }
        out += ']';
        break;
      }
      case StmtKind::Pass: open("Pass"); break;
      case StmtKind::Break: open("Break"); break;
      case StmtKind::Continue: open("Continue"); break;
    }
    close(s.loc);
  }

 private:
  bool attrs_;
  std::vector<bool> first_;  // per open node: no field written yet

  void open(const char* name) {
    out += name;
    out += '(';
    first_.push_back(true);
  }
  void field(const char* name) {
    if (!first_.back()) out += ", ";
    first_.back() = false;
    out += name;
    out += '=';
  }
  void opt(const char* name, const Expr* e) {
    if (!e) return;
    field(name);
    expr(e);
  }
  void close(const Loc& l) {
    if (attrs_) {
      field("lineno"); out += std::to_string(l.line);
      field("col_offset"); out += std::to_string(l.col);
      field("end_lineno"); out += std::to_string(l.end_line);
      field("end_col_offset"); out += std::to_string(l.end_col);
    }
    out += ')';
    first_.pop_back();
  }
  void exprs(const ExprList& l) {
    out += '[';
    for (size_t i = 0; i < l.size(); ++i) {
      if (i) out += ", ";
      expr(l[i].get());
    }
    out += ']';
  }
  void pattern(const Pattern& p) {
    switch (p.kind) {
      case PatternKind::MatchValue:
        open("MatchValue");
        field("value"); expr(as<MatchValue>(p).value.get());
        break;
      case PatternKind::MatchSingleton: {
        open("MatchSingleton");
        field("value");
        auto k = as<MatchSingleton>(p).value;
        out += k == Constant::Kind::None ? "None" : k == Constant::Kind::True ? "True" : "False";
        break;
      }
      case PatternKind::MatchSequence:
        open("MatchSequence");
        field("patterns"); patterns(as<MatchSequence>(p).patterns);
        break;
      case PatternKind::MatchMapping: {
        auto& n = as<MatchMapping>(p);
        open("MatchMapping");
        field("keys"); exprs(n.keys);
        field("patterns"); patterns(n.patterns);
        if (!n.rest.empty()) { field("rest"); str_repr(n.rest); }
        break;
      }
      case PatternKind::MatchClass: {
        auto& n = as<MatchClass>(p);
        open("MatchClass");
        field("cls"); expr(n.cls.get());
        field("patterns"); patterns(n.patterns);
        field("kwd_attrs"); names(n.kwd_attrs);
        field("kwd_patterns"); patterns(n.kwd_patterns);
        break;
      }
      case PatternKind::MatchStar:
        open("MatchStar");
        if (!as<MatchStar>(p).name.empty()) { field("name"); str_repr(as<MatchStar>(p).name); }
        break;
      case PatternKind::MatchAs: {
        auto& n = as<MatchAs>(p);
        open("MatchAs");
        if (n.pattern) { field("pattern"); pattern(*n.pattern); }
        if (!n.name.empty()) { field("name"); str_repr(n.name); }
        break;
      }
      case PatternKind::MatchOr:
        open("MatchOr");
        field("patterns"); patterns(as<MatchOr>(p).patterns);
        break;
    }
    close(p.loc);
  }
  void patterns(const PatternList& l) {
    out += '[';
    for (size_t i = 0; i < l.size(); ++i) {
      if (i) out += ", ";
      pattern(*l[i]);
    }
    out += ']';
  }
  void stmts(const StmtList& l) {
    out += '[';
    for (size_t i = 0; i < l.size(); ++i) {
      if (i) out += ", ";
      stmt(*l[i]);
    }
    out += ']';
  }
  void names(const std::vector<std::string>& l) {
    out += '[';
    for (size_t i = 0; i < l.size(); ++i) {
      if (i) out += ", ";
      str_repr(l[i]);
    }
    out += ']';
  }
  void aliases(const std::vector<Alias>& l) {
    out += '[';
    for (size_t i = 0; i < l.size(); ++i) {
      if (i) out += ", ";
      open("alias");
      field("name"); str_repr(l[i].name);
      if (!l[i].asname.empty()) {
        field("asname");
        str_repr(l[i].asname);
      }
      close(l[i].loc);
    }
    out += ']';
  }
  void keywords(const std::vector<Keyword>& l) {
    out += '[';
    for (size_t i = 0; i < l.size(); ++i) {
      if (i) out += ", ";
      open("keyword");
      if (!l[i].arg.empty()) {
        field("arg");
        str_repr(l[i].arg);
      }
      field("value"); expr(l[i].value.get());
      close(l[i].loc);
    }
    out += ']';
  }
  void comps(const std::vector<Comprehension>& l) {
    out += '[';
    for (size_t i = 0; i < l.size(); ++i) {
      if (i) out += ", ";
      open("comprehension");
      field("target"); expr(l[i].target.get());
      field("iter"); expr(l[i].iter.get());
      field("ifs"); exprs(l[i].ifs);
      field("is_async"); out += l[i].is_async ? '1' : '0';
      out += ')';
      first_.pop_back();
    }
    out += ']';
  }
  void arg(const Arg& a) {
    open("arg");
    field("arg"); str_repr(a.name);
    opt("annotation", a.annotation.get());
    close(a.loc);
  }
  void args(const std::vector<Arg>& l) {
    out += '[';
    for (size_t i = 0; i < l.size(); ++i) {
      if (i) out += ", ";
      arg(l[i]);
    }
    out += ']';
  }
  void arguments(const Arguments& a) {
    open("arguments");
    field("posonlyargs"); args(a.posonlyargs);
    field("args"); args(a.args);
    if (a.vararg) { field("vararg"); arg(*a.vararg); }
    field("kwonlyargs"); args(a.kwonlyargs);
    field("kw_defaults"); exprs(a.kw_defaults);
    if (a.kwarg) { field("kwarg"); arg(*a.kwarg); }
    field("defaults"); exprs(a.defaults);
    out += ')';
    first_.pop_back();
  }
  void ctx(ExprContext c) {
    out += c == ExprContext::Load ? "Load()" : c == ExprContext::Store ? "Store()" : "Del()";
  }
  static const char* binop_name(BinOpKind op) {
    static const char* const kNames[] = {"Add", "Sub", "Mult", "MatMult", "Div", "Mod", "Pow",
                                         "LShift", "RShift", "BitOr", "BitXor", "BitAnd", "FloorDiv"};
    return kNames[static_cast<int>(op)];
  }
  void constant(const Constant& c) {
    switch (c.ckind) {
      case Constant::Kind::None: out += "None"; break;
      case Constant::Kind::True: out += "True"; break;
      case Constant::Kind::False: out += "False"; break;
      case Constant::Kind::Ellipsis: out += "Ellipsis"; break;
      case Constant::Kind::Int:
        out += c.big_int.empty() ? std::to_string(c.int_value) : c.big_int;
        break;
      case Constant::Kind::Float: float_repr(c.float_value); break;
      case Constant::Kind::Complex: float_repr(c.float_value); out += 'j'; break;
      case Constant::Kind::Str: str_repr(c.str_value); break;
      case Constant::Kind::Bytes: bytes_repr(c.str_value); break;
    }
  }
  // Python's float repr: the shortest digits that round-trip, exponent form outside [1e-4, 1e16).
  void float_repr(double v) {
    if (std::isinf(v)) { out += v > 0 ? "inf" : "-inf"; return; }
    if (std::isnan(v)) { out += "nan"; return; }
    char buf[64];
    int prec = 1;
    for (; prec <= 17; ++prec) {
      std::snprintf(buf, sizeof buf, "%.*e", prec - 1, v);
      if (std::strtod(buf, nullptr) == v) break;
    }
    // buf = d.ddde[+-]XX
    std::string s(buf);
    size_t epos = s.find('e');
    int exp = std::atoi(s.c_str() + epos + 1);
    std::string digits;
    bool neg = s[0] == '-';
    for (size_t i = neg ? 1 : 0; i < epos; ++i)
      if (s[i] != '.') digits += s[i];
    while (digits.size() > 1 && digits.back() == '0') digits.pop_back();
    std::string r = neg ? "-" : "";
    if (exp < -4 || exp >= 16) {
      r += digits[0];
      if (digits.size() > 1) { r += '.'; r += digits.substr(1); }
      char eb[16];
      std::snprintf(eb, sizeof eb, "e%c%02d", exp < 0 ? '-' : '+', exp < 0 ? -exp : exp);
      r += eb;
    } else if (exp < 0) {
      r += "0.";
      r += std::string(-exp - 1, '0');
      r += digits;
    } else {
      int point = exp + 1;
      if (static_cast<int>(digits.size()) <= point) {
        r += digits + std::string(point - digits.size(), '0') + ".0";
      } else {
        r += digits.substr(0, point) + "." + digits.substr(point);
      }
    }
    out += r;
  }
  void str_repr(const std::string& s) {
    char q = '\'';
    if (s.find('\'') != std::string::npos && s.find('"') == std::string::npos) q = '"';
    out += q;
    for (size_t i = 0; i < s.size(); ++i) {
      unsigned char c = static_cast<unsigned char>(s[i]);
      // U+0080..U+00A0 are not printable: Python's repr escapes them as \xNN.
      if (c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) <= 0xA0) {
        char b[8];
        std::snprintf(b, sizeof b, "\\x%02x", static_cast<unsigned char>(s[++i]));
        out += b;
        continue;
      }
      if (c == static_cast<unsigned char>(q) || c == '\\') { out += '\\'; out += static_cast<char>(c); }
      else if (c == '\n') out += "\\n";
      else if (c == '\r') out += "\\r";
      else if (c == '\t') out += "\\t";
      else if (c < 0x20 || c == 0x7f) {
        char b[8];
        std::snprintf(b, sizeof b, "\\x%02x", c);
        out += b;
      } else {
        out += static_cast<char>(c);
      }
    }
    out += q;
  }
  void bytes_repr(const std::string& s) {
    out += 'b';
    char q = '\'';
    if (s.find('\'') != std::string::npos && s.find('"') == std::string::npos) q = '"';
    out += q;
    for (unsigned char c : s) {
      if (c == static_cast<unsigned char>(q) || c == '\\') { out += '\\'; out += static_cast<char>(c); }
      else if (c == '\n') out += "\\n";
      else if (c == '\r') out += "\\r";
      else if (c == '\t') out += "\\t";
      else if (c < 0x20 || c >= 0x7f) {
        char b[8];
        std::snprintf(b, sizeof b, "\\x%02x", c);
        out += b;
      } else {
        out += static_cast<char>(c);
      }
    }
    out += q;
  }
};

}  // namespace

std::string dump(const Module& m) { return dump(m, false); }
std::string dump(const Expr& e) { return dump(e, false); }

std::string dump(const Module& m, bool include_attributes) {
  Dumper d(include_attributes);
  d.module(m);
  return std::move(d.out);
}

std::string dump(const Expr& e, bool include_attributes) {
  Dumper d(include_attributes);
  d.expr(&e);
  return std::move(d.out);
}

}  // namespace minipy::ast
