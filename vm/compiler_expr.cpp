// Pass 2 of the compiler, part 3: expressions. Value context (visit_expr) and jump context
// (compile_jump_if, which turns `not`, `and`, `or`, chained comparisons and conditional
// expressions into branches without materialising booleans), calls (plain, keyword, method and
// star/double-star forms), displays, f-strings, subscripts and assignment targets.
#include <cstring>
#include <unordered_set>

#include <fmt/format.h>

#include "vm/compiler_internal.h"

namespace minipy::vm {

uint32_t binary_op_arg(ast::BinOpKind op) {
  using A = ast::BinOpKind;
  using B = BinaryOp;
  B b = B::Add;
  switch (op) {
    case A::Add: b = B::Add; break;
    case A::Sub: b = B::Sub; break;
    case A::Mult: b = B::Mul; break;
    case A::MatMult: b = B::MatMul; break;
    case A::Div: b = B::TrueDiv; break;
    case A::Mod: b = B::Mod; break;
    case A::Pow: b = B::Pow; break;
    case A::LShift: b = B::LShift; break;
    case A::RShift: b = B::RShift; break;
    case A::BitOr: b = B::Or; break;
    case A::BitXor: b = B::Xor; break;
    case A::BitAnd: b = B::And; break;
    case A::FloorDiv: b = B::FloorDiv; break;
  }
  return static_cast<uint32_t>(b);
}

bool constant_truthy(const Constant& c) {
  using K = Constant::Kind;
  switch (c.kind) {
    case K::None:
    case K::False: return false;
    case K::True:
    case K::Ellipsis:
    case K::BigInt:
    case K::Code: return true;
    case K::Int: return c.int_value != 0;
    case K::Float: return c.float_value != 0;
    case K::Complex: return c.float_value != 0 || c.imag_value != 0;
    case K::Str:
    case K::Bytes: return !c.text.empty();
    case K::Tuple:
    case K::FrozenSet: return !c.items.empty();
  }
  return true;
}

namespace {

Constant from_ast(const ast::Constant& a) {
  Constant c;
  using A = ast::Constant::Kind;
  using K = Constant::Kind;
  switch (a.ckind) {
    case A::None: c.kind = K::None; break;
    case A::True: c.kind = K::True; break;
    case A::False: c.kind = K::False; break;
    case A::Ellipsis: c.kind = K::Ellipsis; break;
    case A::Int:
      if (a.big_int.empty()) {
        c.kind = K::Int;
        c.int_value = a.int_value;
      } else {
        c.kind = K::BigInt;
        c.text = a.big_int;
      }
      break;
    case A::Float:
      c.kind = K::Float;
      c.float_value = a.float_value;
      break;
    case A::Complex:
      c.kind = K::Complex;
      c.imag_value = a.float_value;
      break;
    case A::Str:
      c.kind = K::Str;
      c.text = a.str_value;
      break;
    case A::Bytes:
      c.kind = K::Bytes;
      c.text = a.str_value;
      break;
  }
  return c;
}

Constant str_constant(const std::string& s) {
  Constant c;
  c.kind = Constant::Kind::Str;
  c.text = s;
  return c;
}

bool is_starred(const ast::ExprPtr& e) { return e && e->kind == ast::ExprKind::Starred; }

}  // namespace

std::optional<Constant> Compiler::fold_const(const ast::Expr& e) {
  switch (e.kind) {
    case ast::ExprKind::Constant: return from_ast(ast::as<ast::Constant>(e));
    case ast::ExprKind::Tuple: {
      const auto& t = ast::as<ast::Tuple>(e);
      if (t.ctx != ast::ExprContext::Load) return std::nullopt;
      Constant c;
      c.kind = Constant::Kind::Tuple;
      for (const auto& elt : t.elts) {
        auto item = fold_const(*elt);
        if (!item) return std::nullopt;
        c.items.push_back(std::move(*item));
      }
      return c;
    }
    case ast::ExprKind::UnaryOp: {
      const auto& un = ast::as<ast::UnaryOp>(e);
      if (un.op != ast::UnaryOpKind::USub || un.operand->kind != ast::ExprKind::Constant) return std::nullopt;
      Constant c = from_ast(ast::as<ast::Constant>(*un.operand));
      switch (c.kind) {
        case Constant::Kind::Int:
          if (c.int_value == INT64_MIN) return std::nullopt;
          c.int_value = -c.int_value;
          return c;
        case Constant::Kind::BigInt:
          if (c.text == "9223372036854775808") {
            c.kind = Constant::Kind::Int;
            c.int_value = INT64_MIN;
            c.text.clear();
          } else {
            c.text = "-" + c.text;
          }
          return c;
        case Constant::Kind::Float:
          c.float_value = -c.float_value;
          return c;
        case Constant::Kind::Complex:  // -2j is (-0.0-2j), as CPython folds it
          c.float_value = -c.float_value;
          c.imag_value = -c.imag_value;
          return c;
        default:
          return std::nullopt;
      }
    }
    default:
      return std::nullopt;
  }
}

void Compiler::visit_expr(const ast::Expr& e) {
  PosGuard g(*this, e.loc);
  visit_expr_inner(e);
}

void Compiler::visit_expr_inner(const ast::Expr& e) {
  using K = ast::ExprKind;
  switch (e.kind) {
    case K::BoolOp: compile_boolop(ast::as<ast::BoolOp>(e)); break;
    case K::NamedExpr: compile_named_expr(ast::as<ast::NamedExpr>(e)); break;
    case K::BinOp: {
      const auto& b = ast::as<ast::BinOp>(e);
      visit_expr(*b.left);
      visit_expr(*b.right);
      emit(Op::BINARY_OP, binary_op_arg(b.op));
      break;
    }
    case K::UnaryOp: {
      if (auto c = fold_const(e)) {
        load_const(std::move(*c));
        break;
      }
      const auto& un = ast::as<ast::UnaryOp>(e);
      visit_expr(*un.operand);
      static constexpr Op ops[] = {Op::UNARY_INVERT, Op::UNARY_NOT, Op::UNARY_POSITIVE, Op::UNARY_NEGATIVE};
      emit(ops[static_cast<int>(un.op)]);
      break;
    }
    case K::Lambda: compile_lambda(ast::as<ast::Lambda>(e)); break;
    case K::IfExp: {
      const auto& i = ast::as<ast::IfExp>(e);
      int orelse = new_label(), end = new_label();
      compile_jump_if(*i.test, orelse, false);
      visit_expr(*i.body);
      emit_goto(end);
      bind(orelse);
      visit_expr(*i.orelse);
      bind(end);
      break;
    }
    case K::Dict: compile_dict(ast::as<ast::Dict>(e)); break;
    case K::Set:
      compile_starunpack(ast::as<ast::Set>(e).elts, 0, Op::BUILD_SET, Op::SET_ADD, Op::SET_UPDATE, false);
      break;
    case K::ListComp:
    case K::SetComp:
    case K::DictComp:
    case K::GeneratorExp:
      compile_comprehension(e);
      break;
    case K::Yield:
    case K::YieldFrom:
      compile_yield(e);
      break;
    case K::Await:
      visit_expr(*ast::as<ast::Await>(e).value);
      emit_await();
      break;
    case K::Compare: compile_compare(ast::as<ast::Compare>(e)); break;
    case K::Call: compile_call(ast::as<ast::Call>(e)); break;
    case K::FormattedValue: compile_formatted_value(ast::as<ast::FormattedValue>(e)); break;
    case K::JoinedStr: compile_joined_str(ast::as<ast::JoinedStr>(e)); break;
    case K::Constant: load_const(from_ast(ast::as<ast::Constant>(e))); break;
    case K::Attribute: {
      const auto& a = ast::as<ast::Attribute>(e);
      if (a.ctx != ast::ExprContext::Load) {
        compile_store(e);
        break;
      }
      compile_attribute(a);
      break;
    }
    case K::Subscript: compile_subscript(ast::as<ast::Subscript>(e)); break;
    case K::Starred:
      fail("can't use starred expression here", e.loc);
    case K::Name: {
      const auto& n = ast::as<ast::Name>(e);
      name_op(n.id, n.ctx == ast::ExprContext::Load ? NameCtx::Load
                    : n.ctx == ast::ExprContext::Store ? NameCtx::Store : NameCtx::Del);
      break;
    }
    case K::List:
      compile_starunpack(ast::as<ast::List>(e).elts, 0, Op::BUILD_LIST, Op::LIST_APPEND, Op::LIST_EXTEND, false);
      break;
    case K::Tuple: {
      if (auto c = fold_const(e)) {
        load_const(std::move(*c));
        break;
      }
      compile_starunpack(ast::as<ast::Tuple>(e).elts, 0, Op::BUILD_LIST, Op::LIST_APPEND, Op::LIST_EXTEND, true);
      break;
    }
    case K::Slice: compile_slice(ast::as<ast::Slice>(e)); break;
  }
}

ast::Loc match_attr_start(ast::Loc loc, const ast::Attribute& attr) {
  if (attr.loc.end_line == loc.line) return loc;
  // The name's length in code points, as CPython's PyUnicode_GET_LENGTH (columns are bytes).
  int len = 0;
  for (unsigned char ch : attr.attr) len += (ch & 0xC0) != 0x80;
  loc.line = attr.loc.end_line;
  if (len <= attr.loc.end_col) {
    loc.col = attr.loc.end_col - len;
  } else {
    loc.col = loc.end_col = -1;  // a hand-made AST: drop the columns, as CPython does
  }
  loc.end_line = std::max(loc.line, loc.end_line);
  if (loc.line == loc.end_line) loc.end_col = std::max(loc.col, loc.end_col);
  return loc;
}

void Compiler::compile_attribute(const ast::Attribute& a) {
  visit_expr(*a.value);
  PosGuard g(*this, match_attr_start(a.loc, a));
  emit(Op::LOAD_ATTR, add_name(mangled(a.attr)));
}

void Compiler::compile_subscript(const ast::Subscript& s) {
  visit_expr(*s.value);
  visit_expr(*s.slice);
  emit(s.ctx == ast::ExprContext::Del ? Op::DELETE_SUBSCR : Op::BINARY_SUBSCR);
}

void Compiler::compile_slice(const ast::Slice& s) {
  if (s.lower) visit_expr(*s.lower);
  else load_none();
  if (s.upper) visit_expr(*s.upper);
  else load_none();
  if (s.step) {
    visit_expr(*s.step);
    emit(Op::BUILD_SLICE, 3);
  } else {
    emit(Op::BUILD_SLICE, 2);
  }
}

void Compiler::compile_named_expr(const ast::NamedExpr& n) {
  visit_expr(*n.value);
  emit(Op::DUP_TOP);
  compile_store(*n.target);
}

void Compiler::compile_yield(const ast::Expr& e) {
  if (!in_function()) fail("'yield' outside function", e.loc);
  if (e.kind == ast::ExprKind::Yield) {
    const auto& y = ast::as<ast::Yield>(e);
    if (y.value) visit_expr(*y.value);
    else load_none();
    emit(Op::YIELD_VALUE);
  } else {
    visit_expr(*ast::as<ast::YieldFrom>(e).value);
    emit(Op::GET_YIELD_FROM_ITER);
    load_none();
    emit(Op::YIELD_FROM);
  }
}

// ------------------------------------------------------------------ comparisons and branches

void Compiler::compile_compare_op(ast::CmpOpKind op) {
  using C = ast::CmpOpKind;
  switch (op) {
    case C::Eq: emit(Op::COMPARE_OP, static_cast<uint32_t>(CompareOp::Eq)); break;
    case C::NotEq: emit(Op::COMPARE_OP, static_cast<uint32_t>(CompareOp::Ne)); break;
    case C::Lt: emit(Op::COMPARE_OP, static_cast<uint32_t>(CompareOp::Lt)); break;
    case C::LtE: emit(Op::COMPARE_OP, static_cast<uint32_t>(CompareOp::Le)); break;
    case C::Gt: emit(Op::COMPARE_OP, static_cast<uint32_t>(CompareOp::Gt)); break;
    case C::GtE: emit(Op::COMPARE_OP, static_cast<uint32_t>(CompareOp::Ge)); break;
    case C::Is: emit(Op::IS_OP, 0); break;
    case C::IsNot: emit(Op::IS_OP, 1); break;
    case C::In: emit(Op::CONTAINS_OP, 0); break;
    case C::NotIn: emit(Op::CONTAINS_OP, 1); break;
  }
}

void Compiler::compile_compare(const ast::Compare& c) {
  visit_expr(*c.left);
  const size_t n = c.ops.size();
  if (n == 1) {
    visit_expr(*c.comparators[0]);
    compile_compare_op(c.ops[0]);
    return;
  }
  int cleanup = new_label(), end = new_label();
  for (size_t i = 0; i + 1 < n; ++i) {
    visit_expr(*c.comparators[i]);
    emit(Op::DUP_TOP);
    emit(Op::ROT_THREE);
    compile_compare_op(c.ops[i]);
    emit_jump(Op::JUMP_IF_FALSE_OR_POP, cleanup);
  }
  visit_expr(*c.comparators[n - 1]);
  compile_compare_op(c.ops[n - 1]);
  emit_goto(end);
  bind(cleanup);
  emit(Op::ROT_TWO);
  emit(Op::POP_TOP);
  bind(end);
}

void Compiler::compile_boolop(const ast::BoolOp& b) {
  Op jump = b.op == ast::BoolOpKind::And ? Op::JUMP_IF_FALSE_OR_POP : Op::JUMP_IF_TRUE_OR_POP;
  int end = new_label();
  for (size_t i = 0; i + 1 < b.values.size(); ++i) {
    visit_expr(*b.values[i]);
    emit_jump(jump, end);
  }
  visit_expr(*b.values.back());
  bind(end);
}

void Compiler::compile_jump_if(const ast::Expr& e, int label, bool cond) {
  PosGuard g(*this, e.loc);
  if (e.kind == ast::ExprKind::Constant || e.kind == ast::ExprKind::Tuple) {
    if (auto c = fold_const(e)) {
      if (constant_truthy(*c) == cond) emit_goto(label);
      return;
    }
  }
  switch (e.kind) {
    case ast::ExprKind::UnaryOp: {
      const auto& un = ast::as<ast::UnaryOp>(e);
      if (un.op == ast::UnaryOpKind::Not) {
        compile_jump_if(*un.operand, label, !cond);
        return;
      }
      break;
    }
    case ast::ExprKind::BoolOp: {
      const auto& b = ast::as<ast::BoolOp>(e);
      const bool cond2 = b.op == ast::BoolOpKind::Or;
      int next2 = cond2 != cond ? new_label() : label;
      for (size_t i = 0; i + 1 < b.values.size(); ++i) compile_jump_if(*b.values[i], next2, cond2);
      compile_jump_if(*b.values.back(), label, cond);
      if (next2 != label) bind(next2);
      return;
    }
    case ast::ExprKind::IfExp: {
      const auto& i = ast::as<ast::IfExp>(e);
      int end = new_label(), next2 = new_label();
      compile_jump_if(*i.test, next2, false);
      compile_jump_if(*i.body, label, cond);
      emit_goto(end);
      bind(next2);
      compile_jump_if(*i.orelse, label, cond);
      bind(end);
      return;
    }
    case ast::ExprKind::Compare: {
      const auto& c = ast::as<ast::Compare>(e);
      const size_t n = c.ops.size();
      if (n < 2) break;
      int cleanup = new_label(), end = new_label();
      visit_expr(*c.left);
      for (size_t i = 0; i + 1 < n; ++i) {
        visit_expr(*c.comparators[i]);
        emit(Op::DUP_TOP);
        emit(Op::ROT_THREE);
        compile_compare_op(c.ops[i]);
        emit_jump(Op::POP_JUMP_IF_FALSE, cleanup);
      }
      visit_expr(*c.comparators[n - 1]);
      compile_compare_op(c.ops[n - 1]);
      emit_jump(cond ? Op::POP_JUMP_IF_TRUE : Op::POP_JUMP_IF_FALSE, label);
      emit_goto(end);
      bind(cleanup);
      emit(Op::POP_TOP);
      if (!cond) emit_goto(label);
      bind(end);
      return;
    }
    default:
      break;
  }
  visit_expr_inner(e);
  emit_jump(cond ? Op::POP_JUMP_IF_TRUE : Op::POP_JUMP_IF_FALSE, label);
}

// ------------------------------------------------------------------ calls and displays

void Compiler::compile_starunpack(const ast::ExprList& elts, int pushed, Op build, Op add, Op extend,
                                  bool tuple) {
  // Three or more constants: one constant and an extend, as CPython 3.11's starunpack_helper.
  // For a set display the constant is a frozenset merged into the new set, which gives the
  // result CPython's table layout (and so its iteration order) rather than that of adding the
  // items one by one. Tuples are folded whole by the caller.
  if (!tuple && elts.size() > 2 && pushed == 0) {
    Constant folded;
    folded.kind = build == Op::BUILD_SET ? Constant::Kind::FrozenSet : Constant::Kind::Tuple;
    for (const auto& e : elts) {
      auto c = fold_const(*e);
      if (!c) break;
      folded.items.push_back(std::move(*c));
    }
    if (folded.items.size() == elts.size()) {
      emit(build, 0);
      load_const(std::move(folded));
      emit(extend, 1);
      return;
    }
  }
  bool has_star = false;
  for (const auto& e : elts) has_star |= is_starred(e);
  if (!has_star) {
    for (const auto& e : elts) visit_expr(*e);
    emit(tuple ? Op::BUILD_TUPLE : build, static_cast<uint32_t>(elts.size() + pushed));
    return;
  }
  bool built = false;
  for (size_t i = 0; i < elts.size(); ++i) {
    const ast::Expr& e = *elts[i];
    if (e.kind == ast::ExprKind::Starred) {
      if (!built) {
        emit(build, static_cast<uint32_t>(i + pushed));
        built = true;
      }
      PosGuard g(*this, e.loc);
      visit_expr(*ast::as<ast::Starred>(e).value);
      emit(extend, 1);
    } else {
      visit_expr(e);
      if (built) emit(add, 1);
    }
  }
  if (tuple) emit(Op::LIST_TO_TUPLE);
}

void Compiler::compile_subdict(const ast::Dict& d, size_t begin, size_t end) {
  const size_t n = end - begin;
  if (n > 1) {
    Constant keys;
    keys.kind = Constant::Kind::Tuple;
    bool all_const = true;
    for (size_t i = begin; i < end && all_const; ++i) {
      auto k = fold_const(*d.keys[i]);
      if (k) keys.items.push_back(std::move(*k));
      else all_const = false;
    }
    if (all_const) {
      for (size_t i = begin; i < end; ++i) visit_expr(*d.values[i]);
      load_const(std::move(keys));
      emit(Op::BUILD_CONST_KEY_MAP, static_cast<uint32_t>(n));
      return;
    }
  }
  for (size_t i = begin; i < end; ++i) {
    visit_expr(*d.keys[i]);
    visit_expr(*d.values[i]);
  }
  emit(Op::BUILD_MAP, static_cast<uint32_t>(n));
}

void Compiler::compile_dict(const ast::Dict& d) {
  bool have_dict = false;
  size_t elements = 0;
  const size_t n = d.values.size();
  for (size_t i = 0; i < n; ++i) {
    if (!d.keys[i]) {  // **mapping
      if (elements) {
        compile_subdict(d, i - elements, i);
        if (have_dict) emit(Op::DICT_UPDATE, 1);
        have_dict = true;
        elements = 0;
      }
      if (!have_dict) {
        emit(Op::BUILD_MAP, 0);
        have_dict = true;
      }
      visit_expr(*d.values[i]);
      emit(Op::DICT_UPDATE, 1);
    } else {
      ++elements;
    }
  }
  if (elements) {
    compile_subdict(d, n - elements, n);
    if (have_dict) emit(Op::DICT_UPDATE, 1);
    have_dict = true;
  }
  if (!have_dict) emit(Op::BUILD_MAP, 0);
}

void Compiler::compile_keywords_dict(const std::vector<ast::Keyword>& keywords, size_t begin, size_t end) {
  const size_t n = end - begin;
  if (n > 1) {
    Constant names;
    names.kind = Constant::Kind::Tuple;
    for (size_t i = begin; i < end; ++i) {
      visit_expr(*keywords[i].value);
      names.items.push_back(str_constant(keywords[i].arg));
    }
    load_const(std::move(names));
    emit(Op::BUILD_CONST_KEY_MAP, static_cast<uint32_t>(n));
    return;
  }
  for (size_t i = begin; i < end; ++i) {
    load_const(str_constant(keywords[i].arg));
    visit_expr(*keywords[i].value);
  }
  emit(Op::BUILD_MAP, static_cast<uint32_t>(n));
}

void Compiler::compile_call_helper(int pushed, const ast::ExprList& args, const std::vector<ast::Keyword>& keywords) {
  bool has_star = false, has_dstar = false;
  for (const auto& a : args) has_star |= is_starred(a);
  std::unordered_set<std::string> seen;
  for (const auto& k : keywords) {
    if (k.arg.empty()) {
      has_dstar = true;
    } else if (!seen.insert(k.arg).second) {
      fail("keyword argument repeated: " + k.arg, k.loc);
    }
  }
  if (!has_star && !has_dstar) {
    for (const auto& a : args) visit_expr(*a);
    if (keywords.empty()) {
      emit(Op::CALL_FUNCTION, static_cast<uint32_t>(pushed + args.size()));
      return;
    }
    Constant names;
    names.kind = Constant::Kind::Tuple;
    for (const auto& k : keywords) {
      visit_expr(*k.value);
      names.items.push_back(str_constant(k.arg));
    }
    load_const(std::move(names));
    emit(Op::CALL_FUNCTION_KW, static_cast<uint32_t>(pushed + args.size() + keywords.size()));
    return;
  }
  compile_starunpack(args, pushed, Op::BUILD_LIST, Op::LIST_APPEND, Op::LIST_EXTEND, true);
  if (!keywords.empty()) {
    bool have_dict = false;
    size_t nseen = 0;
    for (size_t i = 0; i < keywords.size(); ++i) {
      if (!keywords[i].arg.empty()) {
        ++nseen;
        continue;
      }
      if (nseen) {
        compile_keywords_dict(keywords, i - nseen, i);
        if (have_dict) emit(Op::DICT_MERGE, 1);
        have_dict = true;
        nseen = 0;
      }
      if (!have_dict) {
        emit(Op::BUILD_MAP, 0);
        have_dict = true;
      }
      visit_expr(*keywords[i].value);
      emit(Op::DICT_MERGE, 1);
    }
    if (nseen) {
      compile_keywords_dict(keywords, keywords.size() - nseen, keywords.size());
      if (have_dict) emit(Op::DICT_MERGE, 1);
    }
  }
  emit(Op::CALL_FUNCTION_EX, keywords.empty() ? 0 : 1);
}

void Compiler::compile_call(const ast::Call& c) {
  bool simple = c.func->kind == ast::ExprKind::Attribute;
  for (const auto& a : c.args) simple = simple && !is_starred(a);
  for (const auto& k : c.keywords) simple = simple && !k.arg.empty();
  if (!simple) {
    visit_expr(*c.func);
    compile_call_helper(0, c.args, c.keywords);
    return;
  }
  // o.m(args): LOAD_METHOD avoids creating a bound method object.
  const auto& attr = ast::as<ast::Attribute>(*c.func);
  visit_expr(*attr.value);
  {
    PosGuard g(*this, match_attr_start(attr.loc, attr));
    emit(Op::LOAD_METHOD, add_name(mangled(attr.attr)));
  }
  for (const auto& a : c.args) visit_expr(*a);
  PosGuard call_pos(*this, match_attr_start(c.loc, attr));
  if (c.keywords.empty()) {
    emit(Op::CALL_METHOD, static_cast<uint32_t>(c.args.size()));
    return;
  }
  Constant names;
  names.kind = Constant::Kind::Tuple;
  std::unordered_set<std::string> seen;
  for (const auto& k : c.keywords) {
    if (!seen.insert(k.arg).second) fail("keyword argument repeated: " + k.arg, k.loc);
    visit_expr(*k.value);
    names.items.push_back(str_constant(k.arg));
  }
  load_const(std::move(names));
  emit(Op::CALL_METHOD_KW, static_cast<uint32_t>(c.args.size() + c.keywords.size()));
}

// ------------------------------------------------------------------ f-strings

void Compiler::compile_formatted_value(const ast::FormattedValue& f) {
  visit_expr(*f.value);
  uint32_t flags = 0;
  switch (f.conversion) {
    case 's': flags = 1; break;
    case 'r': flags = 2; break;
    case 'a': flags = 3; break;
    default: flags = 0; break;
  }
  if (f.format_spec) {
    visit_expr(*f.format_spec);
    flags |= 4;
  }
  emit(Op::FORMAT_VALUE, flags);
}

void Compiler::compile_joined_str(const ast::JoinedStr& j) {
  if (j.values.empty()) {
    load_const(str_constant(""));
    return;
  }
  for (const auto& v : j.values) visit_expr(*v);
  if (j.values.size() > 1) emit(Op::BUILD_STRING, static_cast<uint32_t>(j.values.size()));
}

// ------------------------------------------------------------------ assignment targets

void Compiler::compile_store(const ast::Expr& t) {
  PosGuard g(*this, t.loc);
  switch (t.kind) {
    case ast::ExprKind::Name: name_op(ast::as<ast::Name>(t).id, NameCtx::Store); break;
    case ast::ExprKind::Attribute: {
      const auto& a = ast::as<ast::Attribute>(t);
      visit_expr(*a.value);
      PosGuard attr_pos(*this, match_attr_start(a.loc, a));
      emit(Op::STORE_ATTR, add_name(mangled(a.attr)));
      break;
    }
    case ast::ExprKind::Subscript: {
      const auto& s = ast::as<ast::Subscript>(t);
      visit_expr(*s.value);
      visit_expr(*s.slice);
      emit(Op::STORE_SUBSCR);
      break;
    }
    case ast::ExprKind::Tuple: compile_unpack_target(ast::as<ast::Tuple>(t).elts, t); break;
    case ast::ExprKind::List: compile_unpack_target(ast::as<ast::List>(t).elts, t); break;
    case ast::ExprKind::Starred: fail("starred assignment target must be in a list or tuple", t.loc);
    default: fail("cannot assign to expression", t.loc);
  }
}

void Compiler::compile_unpack_target(const ast::ExprList& elts, const ast::Expr& node) {
  size_t star = elts.size();
  for (size_t i = 0; i < elts.size(); ++i) {
    if (elts[i]->kind != ast::ExprKind::Starred) continue;
    if (star != elts.size()) fail("multiple starred expressions in assignment", elts[i]->loc);
    star = i;
  }
  if (star == elts.size()) {
    emit(Op::UNPACK_SEQUENCE, static_cast<uint32_t>(elts.size()));
  } else {
    size_t before = star, after = elts.size() - star - 1;
    if (before >= 256 || after >= (1u << 16)) fail("too many expressions in star-unpacking assignment", node.loc);
    emit(Op::UNPACK_EX, static_cast<uint32_t>(before | (after << 8)));
  }
  for (const auto& e : elts) {
    if (e->kind == ast::ExprKind::Starred) compile_store(*ast::as<ast::Starred>(*e).value);
    else compile_store(*e);
  }
}

}  // namespace minipy::vm
