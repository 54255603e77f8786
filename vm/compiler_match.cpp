// Pass 2 of the compiler, the match statement (PEP 634): patterns -> bytecode, following
// CPython 3.11's compile.c so that evaluation order, error messages and their locations agree.
//
// While a pattern is tested the stack holds, bottom to top: the values captured so far (one per
// name in PatternContext::stores, the first capture nearest the top), `on_top` items still needed
// by enclosing patterns, then the value being tested. A failing test jumps to fail_pop[n], where
// n counts the captures and on_top items to drop: fail_pop[n] pops one and falls into
// fail_pop[n - 1], down to fail_pop[0], which is "this case did not match". When the whole
// pattern matched, the captures are stored to their names in order.
// Runtime halves of the MATCH_* opcodes: vm/match.cpp.
#include <fmt/format.h>

#include <algorithm>

#include "vm/compiler_internal.h"
#include "vm/compiler_unparse.h"

namespace minipy::vm {

namespace {
bool is_wildcard(const ast::Pattern& p) {
  return p.kind == ast::PatternKind::MatchAs && !ast::as<ast::MatchAs>(p).pattern &&
         ast::as<ast::MatchAs>(p).name.empty();
}
bool is_star_wildcard(const ast::Pattern& p) {
  return p.kind == ast::PatternKind::MatchStar && ast::as<ast::MatchStar>(p).name.empty();
}

// Equal numbers share a key (1 == 1.0): integral floats are keyed as ints.
std::string number_key(double v) {
  if (v > -9e18 && v < 9e18 && v == static_cast<double>(static_cast<int64_t>(v))) {
    return "n:" + std::to_string(static_cast<int64_t>(v));
  }
  return fmt::format("f:{}", v);
}

// A key identifying equal constant mapping keys at compile time (1 == 1.0 == True == 1+0j).
std::optional<std::string> constant_key(const Constant& c) {
  switch (c.kind) {
    case Constant::Kind::None:
      return "None";
    case Constant::Kind::True:
      return "n:1";
    case Constant::Kind::False:
      return "n:0";
    case Constant::Kind::Int:
      return "n:" + std::to_string(c.int_value);
    case Constant::Kind::BigInt:
      return "n:" + c.text;
    case Constant::Kind::Float:
      return number_key(c.float_value);
    case Constant::Kind::Complex:  // 0j == 0: a complex with no imaginary part is its real part
      if (c.imag_value == 0) return number_key(c.float_value);
      return fmt::format("c:{}:{}", c.float_value, c.imag_value);
    case Constant::Kind::Str:
      return "s:" + c.text;
    case Constant::Kind::Bytes:
      return "b:" + c.text;
    default:
      return std::nullopt;
  }
}
}  // namespace

void Compiler::set_pattern_pos(const ast::Pattern& p) {
  // As CPython's SET_LOC: the position stays with the last pattern entered (errors found after
  // a sub-pattern, such as differing alternatives, point there).
  pos_ = Position{p.loc.line, p.loc.col, p.loc.end_line, p.loc.end_col};
  pattern_loc_ = p.loc;
}

void Compiler::ensure_fail_pop(PatternContext& pc, size_t n) {
  while (pc.fail_pop.size() < n + 1) pc.fail_pop.push_back(new_label());
}

void Compiler::jump_to_fail_pop(PatternContext& pc, Op op) {
  size_t pops = static_cast<size_t>(pc.on_top) + pc.stores.size();
  ensure_fail_pop(pc, pops);
  if (op == Op::JUMP_FORWARD)
    emit_goto(pc.fail_pop[pops]);
  else
    emit_jump(op, pc.fail_pop[pops]);
}

void Compiler::emit_and_reset_fail_pop(PatternContext& pc) {
  if (pc.fail_pop.empty()) return;
  for (size_t n = pc.fail_pop.size() - 1; n > 0; --n) {
    bind(pc.fail_pop[n]);
    emit(Op::POP_TOP);
  }
  bind(pc.fail_pop[0]);
  pc.fail_pop.clear();
}

// Moves TOS down under count - 1 items (CPython's pattern_helper_rotate).
void Compiler::pattern_rotate(size_t count) {
  while (count > 1) emit(Op::SWAP, static_cast<uint32_t>(count--));
}

void Compiler::pattern_store_name(const std::string& name, PatternContext& pc) {
  if (name.empty()) {
    emit(Op::POP_TOP);
    return;
  }
  if (name == "__debug__") fail("cannot assign to __debug__", pattern_loc_);
  if (std::find(pc.stores.begin(), pc.stores.end(), name) != pc.stores.end()) {
    fail(fmt::format("multiple assignments to name '{}' in pattern", name), pattern_loc_);
  }
  // Under the items that enclosing patterns still need, and under earlier captures.
  pattern_rotate(static_cast<size_t>(pc.on_top) + pc.stores.size() + 1);
  pc.stores.push_back(name);
}

void Compiler::compile_subpattern(const ast::Pattern& p, PatternContext& pc) {
  bool allow = pc.allow_irrefutable;
  pc.allow_irrefutable = true;
  compile_pattern(p, pc);
  pc.allow_irrefutable = allow;
}

void Compiler::compile_pattern(const ast::Pattern& p, PatternContext& pc) {
  set_pattern_pos(p);
  using K = ast::PatternKind;
  switch (p.kind) {
    case K::MatchValue:
      visit_expr(*ast::as<ast::MatchValue>(p).value);
      emit(Op::COMPARE_OP, static_cast<uint32_t>(CompareOp::Eq));
      jump_to_fail_pop(pc, Op::POP_JUMP_IF_FALSE);
      break;
    case K::MatchSingleton:
      switch (ast::as<ast::MatchSingleton>(p).value) {
        case ast::Constant::Kind::True:
          load_const(make_kind(Constant::Kind::True));
          break;
        case ast::Constant::Kind::False:
          load_const(make_kind(Constant::Kind::False));
          break;
        default:
          load_none();
          break;
      }
      emit(Op::IS_OP, 0);
      jump_to_fail_pop(pc, Op::POP_JUMP_IF_FALSE);
      break;
    case K::MatchSequence:
      compile_pattern_sequence(ast::as<ast::MatchSequence>(p), pc);
      break;
    case K::MatchMapping:
      compile_pattern_mapping(ast::as<ast::MatchMapping>(p), pc);
      break;
    case K::MatchClass:
      compile_pattern_class(ast::as<ast::MatchClass>(p), pc);
      break;
    case K::MatchStar:
      pattern_store_name(ast::as<ast::MatchStar>(p).name, pc);
      break;
    case K::MatchAs: {
      const auto& a = ast::as<ast::MatchAs>(p);
      if (!a.pattern) {
        if (!pc.allow_irrefutable) {
          if (!a.name.empty()) {
            fail(fmt::format("name capture '{}' makes remaining patterns unreachable", a.name),
                 p.loc);
          }
          fail("wildcard makes remaining patterns unreachable", p.loc);
        }
        pattern_store_name(a.name, pc);
        break;
      }
      // Keep a copy of the subject to store once the inner pattern matched.
      pc.on_top++;
      emit(Op::COPY, 1);
      compile_pattern(*a.pattern, pc);
      pc.on_top--;
      pattern_store_name(a.name, pc);
      break;
    }
    case K::MatchOr:
      compile_pattern_or(ast::as<ast::MatchOr>(p), pc);
      break;
  }
}

void Compiler::compile_pattern_sequence(const ast::MatchSequence& p, PatternContext& pc) {
  const auto& patterns = p.patterns;
  size_t size = patterns.size();
  std::optional<size_t> star;
  bool only_wildcard = true, star_wildcard = false;
  for (size_t i = 0; i < size; i++) {
    if (patterns[i]->kind == ast::PatternKind::MatchStar) {
      if (star) fail("multiple starred names in sequence pattern", p.loc);
      star_wildcard = is_star_wildcard(*patterns[i]);
      only_wildcard = only_wildcard && star_wildcard;
      star = i;
      continue;
    }
    only_wildcard = only_wildcard && is_wildcard(*patterns[i]);
  }
  // The subject stays on top during the sequence and length checks.
  pc.on_top++;
  emit(Op::MATCH_SEQUENCE);
  jump_to_fail_pop(pc, Op::POP_JUMP_IF_FALSE);
  if (!star) {
    emit(Op::GET_LEN);
    load_const(make_int(static_cast<int64_t>(size)));
    emit(Op::COMPARE_OP, static_cast<uint32_t>(CompareOp::Eq));
    jump_to_fail_pop(pc, Op::POP_JUMP_IF_FALSE);
  } else if (size > 1) {
    emit(Op::GET_LEN);
    load_const(make_int(static_cast<int64_t>(size - 1)));
    emit(Op::COMPARE_OP, static_cast<uint32_t>(CompareOp::Ge));
    jump_to_fail_pop(pc, Op::POP_JUMP_IF_FALSE);
  }
  pc.on_top--;
  if (only_wildcard) {
    emit(Op::POP_TOP);  // [] / [_, _] / [*_] / [_, *_]: nothing to extract
  } else if (star_wildcard) {
    // Index the items around `*_` instead of unpacking (the middle may be long).
    pc.on_top++;
    for (size_t i = 0; i < size; i++) {
      const auto& sub = *patterns[i];
      if (is_wildcard(sub) || i == *star) continue;
      emit(Op::COPY, 1);
      if (i < *star) {
        load_const(make_int(static_cast<int64_t>(i)));
      } else {
        // The subject may not support negative indexing: compute len - (size - i).
        emit(Op::GET_LEN);
        load_const(make_int(static_cast<int64_t>(size - i)));
        emit(Op::BINARY_OP, static_cast<uint32_t>(BinaryOp::Sub));
      }
      emit(Op::BINARY_SUBSCR);
      compile_subpattern(sub, pc);
    }
    pc.on_top--;
    emit(Op::POP_TOP);
  } else {
    if (star) {
      emit(Op::UNPACK_EX, static_cast<uint32_t>(*star | ((size - 1 - *star) << 8)));
    } else {
      emit(Op::UNPACK_SEQUENCE, static_cast<uint32_t>(size));
    }
    pc.on_top += static_cast<int>(size);
    for (size_t i = 0; i < size; i++) {
      pc.on_top--;
      compile_subpattern(*patterns[i], pc);
    }
  }
}

void Compiler::compile_pattern_mapping(const ast::MatchMapping& p, PatternContext& pc) {
  size_t size = p.keys.size();
  pc.on_top++;
  emit(Op::MATCH_MAPPING);
  jump_to_fail_pop(pc, Op::POP_JUMP_IF_FALSE);
  if (size == 0 && p.rest.empty()) {
    pc.on_top--;
    emit(Op::POP_TOP);  // `{}` matches any mapping
    return;
  }
  if (size > 0) {
    emit(Op::GET_LEN);
    load_const(make_int(static_cast<int64_t>(size)));
    emit(Op::COMPARE_OP, static_cast<uint32_t>(CompareOp::Ge));
    jump_to_fail_pop(pc, Op::POP_JUMP_IF_FALSE);
  }
  // Keys are literals or dotted names; equal literal keys are a compile-time error.
  std::vector<std::string> seen;
  for (const auto& key : p.keys) {
    std::optional<Constant> c = fold_const(*key);
    if (c) {
      if (auto k = constant_key(*c)) {
        if (std::find(seen.begin(), seen.end(), *k) != seen.end()) {
          fail(fmt::format("mapping pattern checks duplicate key ({})", unparse_annotation(*key)),
               pattern_loc_);
        }
        seen.push_back(*k);
      }
    } else if (key->kind != ast::ExprKind::Attribute && key->kind != ast::ExprKind::BinOp) {
      fail("mapping pattern keys may only match literals and attribute lookups", pattern_loc_);
    }
    visit_expr(*key);
  }
  emit(Op::BUILD_TUPLE, static_cast<uint32_t>(size));
  emit(Op::MATCH_KEYS);
  // A tuple of keys and a tuple of values (or None) now sit on the subject.
  pc.on_top += 2;
  emit(Op::COPY, 1);
  load_none();
  emit(Op::IS_OP, 1);
  jump_to_fail_pop(pc, Op::POP_JUMP_IF_FALSE);
  emit(Op::UNPACK_SEQUENCE, static_cast<uint32_t>(size));
  pc.on_top += static_cast<int>(size) - 1;  // the values tuple became its items
  for (size_t i = 0; i < size; i++) {
    pc.on_top--;
    compile_subpattern(*p.patterns[i], pc);
  }
  // A match: what follows consumes the keys and the subject.
  pc.on_top -= 2;
  if (!p.rest.empty()) {
    // rest = dict(subject); del rest[key] for each key: [subject keys] -> [rest]
    emit(Op::BUILD_MAP, 0);                                  // [subject keys {}]
    emit(Op::SWAP, 3);                                       // [{} keys subject]
    emit(Op::DICT_UPDATE, 2);                                // [rest keys]
    emit(Op::UNPACK_SEQUENCE, static_cast<uint32_t>(size));  // [rest k_n .. k_1]
    for (size_t left = size; left > 0; left--) {
      emit(Op::COPY, static_cast<uint32_t>(1 + left));  // [rest keys.. rest]
      emit(Op::SWAP, 2);                                // [rest keys.. rest key]
      emit(Op::DELETE_SUBSCR);
    }
    pattern_store_name(p.rest, pc);
  } else {
    emit(Op::POP_TOP);  // the keys
    emit(Op::POP_TOP);  // the subject
  }
}

void Compiler::compile_pattern_class(const ast::MatchClass& p, PatternContext& pc) {
  size_t nargs = p.patterns.size(), nattrs = p.kwd_attrs.size();
  for (size_t i = 0; i < nattrs; i++) {
    const std::string& attr = p.kwd_attrs[i];
    if (attr == "__debug__") {
      set_pattern_pos(*p.kwd_patterns[i]);
      fail("cannot assign to __debug__", pattern_loc_);
    }
    for (size_t j = i + 1; j < nattrs; j++) {
      if (p.kwd_attrs[j] == attr) {
        set_pattern_pos(*p.kwd_patterns[j]);
        fail(fmt::format("attribute name repeated in class pattern: {}", attr), pattern_loc_);
      }
    }
  }
  visit_expr(*p.cls);
  Constant names;
  names.kind = Constant::Kind::Tuple;
  for (const auto& a : p.kwd_attrs) names.items.push_back(make_str(a));
  load_const(std::move(names));
  emit(Op::MATCH_CLASS, static_cast<uint32_t>(nargs));
  emit(Op::COPY, 1);
  load_none();
  emit(Op::IS_OP, 1);
  // TOS is a tuple of nargs + nattrs attributes, or None.
  pc.on_top++;
  jump_to_fail_pop(pc, Op::POP_JUMP_IF_FALSE);
  emit(Op::UNPACK_SEQUENCE, static_cast<uint32_t>(nargs + nattrs));
  pc.on_top += static_cast<int>(nargs + nattrs) - 1;
  for (size_t i = 0; i < nargs + nattrs; i++) {
    pc.on_top--;
    const ast::Pattern& sub = i < nargs ? *p.patterns[i] : *p.kwd_patterns[i - nargs];
    if (is_wildcard(sub)) {
      emit(Op::POP_TOP);
      continue;
    }
    compile_subpattern(sub, pc);
  }
}

void Compiler::compile_pattern_or(const ast::MatchOr& p, PatternContext& pc) {
  int end = new_label();
  size_t size = p.patterns.size();
  PatternContext old = pc;  // the enclosing state, fail_pop labels included, comes back below
  std::vector<std::string> control;
  for (size_t i = 0; i < size; i++) {
    const ast::Pattern& alt = *p.patterns[i];
    set_pattern_pos(alt);
    pc.stores.clear();
    // An irrefutable alternative must come last, if it is allowed at all.
    pc.allow_irrefutable = i == size - 1 && old.allow_irrefutable;
    pc.fail_pop.clear();
    pc.on_top = 0;
    emit(Op::COPY, 1);
    compile_pattern(alt, pc);
    size_t nstores = pc.stores.size();
    if (i == 0) {
      control = pc.stores;
    } else if (nstores != control.size()) {
      fail("alternative patterns bind different names", pattern_loc_);
    } else if (nstores > 0) {
      // Same names, maybe another order: rotate the captured values into control's order.
      for (size_t icontrol = nstores; icontrol-- > 0;) {
        const std::string& name = control[icontrol];
        auto it = std::find(pc.stores.begin(), pc.stores.end(), name);
        if (it == pc.stores.end()) fail("alternative patterns bind different names", pattern_loc_);
        size_t istores = static_cast<size_t>(it - pc.stores.begin());
        if (icontrol != istores) {
          size_t rotations = istores + 1;
          std::vector<std::string> rotated(pc.stores.begin(),
                                           pc.stores.begin() + static_cast<long>(rotations));
          pc.stores.erase(pc.stores.begin(), pc.stores.begin() + static_cast<long>(rotations));
          pc.stores.insert(pc.stores.begin() + static_cast<long>(icontrol - istores),
                           rotated.begin(), rotated.end());
          while (rotations--) pattern_rotate(icontrol + 1);
        }
      }
    }
    emit_goto(end);
    emit_and_reset_fail_pop(pc);
  }
  pc = std::move(old);
  // No alternative matched: drop the remaining copy of the subject and fail.
  emit(Op::POP_TOP);
  jump_to_fail_pop(pc, Op::JUMP_FORWARD);
  bind(end);
  // Between the new captures and where they belong: the other new captures, the copy of the
  // subject, anything enclosing patterns keep on top, and the earlier captures.
  size_t nrots = control.size() + 1 + static_cast<size_t>(pc.on_top) + pc.stores.size();
  for (const auto& name : control) {
    pattern_rotate(nrots);
    if (std::find(pc.stores.begin(), pc.stores.end(), name) != pc.stores.end()) {
      fail(fmt::format("multiple assignments to name '{}' in pattern", name), pattern_loc_);
    }
    pc.stores.push_back(name);
  }
  emit(Op::POP_TOP);  // the copy of the subject
}

void Compiler::compile_match(const ast::Match& m) {
  PosGuard guard(*this, m.loc);
  visit_expr(*m.subject);
  int end = new_label();
  size_t cases = m.cases.size();
  bool has_default = cases > 1 && is_wildcard(*m.cases.back().pattern);
  size_t tested = cases - (has_default ? 1 : 0);
  for (size_t i = 0; i < tested; i++) {
    const ast::MatchCase& c = m.cases[i];
    // Copy the subject for every case but the last one tested.
    if (i != tested - 1) emit(Op::COPY, 1);
    PatternContext pc;
    pc.allow_irrefutable = c.guard != nullptr || i == cases - 1;
    compile_pattern(*c.pattern, pc);
    // A match: store the captured names (their values are on the stack, the first on top).
    for (const auto& name : pc.stores) name_op(name, NameCtx::Store);
    if (c.guard) {
      ensure_fail_pop(pc, 0);
      compile_jump_if(*c.guard, pc.fail_pop[0], false);
    }
    if (i != tested - 1) emit(Op::POP_TOP);  // the subject
    visit_stmts(c.body);
    emit_goto(end);
    set_pattern_pos(*c.pattern);  // the failure path belongs to the pattern's line
    emit_and_reset_fail_pop(pc);
  }
  if (has_default) {
    const ast::MatchCase& c = m.cases.back();
    set_pattern_pos(*c.pattern);
    emit(Op::NOP);
    if (c.guard) compile_jump_if(*c.guard, end, false);
    visit_stmts(c.body);
  }
  bind(end);
}

}  // namespace minipy::vm
