// Labels -> absolute instruction indices, dead-code removal and the max-stack-depth walk.
// Instructions are fixed-size (op | arg << 8, no EXTENDED_ARG), so jump targets never need
// relaxation: one pass resolves them once the instruction list is final.
#include "vm/assembler.h"

#include <cassert>

#include <fmt/format.h>

namespace minipy::vm {

namespace {
constexpr uint32_t kMaxArg = 0xFFFFFF;

bool is_unconditional_jump(Op op) {
  return op == Op::JUMP_FORWARD || op == Op::JUMP_BACKWARD || op == Op::JUMP_BACKWARD_NO_INTERRUPT;
}
}  // namespace

bool is_terminal(Op op) {
  return is_unconditional_jump(op) || op == Op::RETURN_VALUE || op == Op::RAISE_VARARGS || op == Op::RERAISE;
}

int Assembler::new_label() {
  label_pos_.push_back(-1);
  return static_cast<int>(label_pos_.size()) - 1;
}

void Assembler::bind(int label) {
  label_pos_[label] = static_cast<int>(instrs_.size());
  last_bound_ = label_pos_[label];
}

Position Assembler::resolve(const Position& pos) const {
  if (pos.line != kNoLine.line) return pos;
  bool joined = instrs_.empty() || last_bound_ == static_cast<int>(instrs_.size());
  return joined ? Position{} : instrs_.back().pos;
}

void Assembler::emit(Op op, uint32_t arg, const Position& pos) {
  instrs_.push_back({op, arg, -1, false, resolve(pos)});
}

void Assembler::emit_jump(Op op, int label, const Position& pos) {
  instrs_.push_back({op, 0, label, false, resolve(pos)});
}

void Assembler::emit_goto(int label, const Position& pos) {
  instrs_.push_back({Op::JUMP_FORWARD, 0, label, true, resolve(pos)});
}

bool Assembler::ends_in_terminal() const { return !instrs_.empty() && is_terminal(instrs_.back().op); }

std::optional<std::string> Assembler::finish(CodeUnit& out) {
  const int n = static_cast<int>(instrs_.size());
  // 1. Resolve labels. A label bound past the end would be a compiler bug (code objects end in
  //    RETURN_VALUE), but tolerate it by clamping below.
  std::vector<int> target(n, -1);
  for (int i = 0; i < n; ++i) {
    if (instrs_[i].label >= 0) {
      int t = label_pos_[instrs_[i].label];
      assert(t >= 0 && "jump to an unbound label");
      target[i] = t;
    }
  }
  // 2. Unconditional jumps to the next kept instruction are no-ops: they get a "removed" mark
  //    (iterating, since removing one may expose another) after the reachability walk below.
  std::vector<bool> removed(n, false);
  // 3. Reachability over the flow graph (computed once: dropping a jump to the next kept
  //    instruction does not change which instructions are reachable).
  std::vector<bool> reachable(n, false);
  {
    std::vector<int> work;
    if (n > 0) work.push_back(0);
    while (!work.empty()) {
      int i = work.back();
      work.pop_back();
      while (i < n && !reachable[i]) {
        reachable[i] = true;
        if (target[i] >= 0) work.push_back(target[i]);
        if (is_terminal(instrs_[i].op)) break;
        ++i;
      }
    }
  }
  auto next_kept = [&](int i) {
    while (i < n && (removed[i] || !reachable[i])) ++i;
    return i;
  };
  // A NOP (a `pass`) stays only where it is the sole instruction of its line, so that a trace
  // reports the line (CPython's remove_redundant_nops).
  auto line_at = [&](int i) { return i < n ? instrs_[i].pos.line : -1; };
  for (bool changed = true; changed;) {
    changed = false;
    for (int i = n - 1; i >= 0; --i) {
      if (removed[i] || !reachable[i]) continue;
      Op op = instrs_[i].op;
      bool drop = is_unconditional_jump(op) && next_kept(target[i]) == next_kept(i + 1);
      if (op == Op::NOP) {
        int line = instrs_[i].pos.line;
        int prev = i - 1;
        while (prev >= 0 && (removed[prev] || !reachable[prev])) --prev;
        drop = line <= 0 || line_at(next_kept(i + 1)) == line ||
               (prev >= 0 && instrs_[prev].pos.line == line);
      }
      if (drop) {
        removed[i] = true;
        changed = true;
      }
    }
  }
  // 4. Renumber.
  std::vector<int> new_index(n + 1, -1);
  int m = 0;
  for (int i = 0; i < n; ++i) {
    if (!removed[i] && reachable[i]) new_index[i] = m++;
  }
  std::vector<Instr> live;
  std::vector<int> live_target;
  live.reserve(m);
  for (int i = 0; i < n; ++i) {
    if (new_index[i] < 0) continue;
    Instr ins = instrs_[i];
    int t = -1;
    if (target[i] >= 0) {
      int ti = next_kept(target[i]);
      if (ti >= n) return fmt::format("internal compiler error: jump past the end at {}", i);
      t = new_index[ti];
      if (t < 0) return fmt::format("internal compiler error: jump to dead code at {}", i);
      if (ins.auto_jump) ins.op = t <= new_index[i] ? Op::JUMP_BACKWARD : Op::JUMP_FORWARD;
      ins.arg = static_cast<uint32_t>(t);
    }
    live.push_back(ins);
    live_target.push_back(t);
  }
  // 5. Max stack depth: walk the flow graph, checking depths agree where paths merge.
  std::vector<int> depth_at(m, -1);
  int max_depth = 0;
  std::vector<int> work;
  auto reach = [&](int idx, int depth, int from) -> std::optional<std::string> {
    if (depth < 0)
      return fmt::format("internal compiler error: negative stack depth after instruction {} ({})", from,
                         op_name(live[from].op));
    if (idx >= m) return fmt::format("internal compiler error: control falls off the end after {}", from);
    if (depth_at[idx] < 0) {
      depth_at[idx] = depth;
      work.push_back(idx);
    } else if (depth_at[idx] != depth) {
      return fmt::format("internal compiler error: stack depth {} != {} at instruction {}", depth_at[idx],
                         depth, idx);
    }
    return std::nullopt;
  };
  if (m > 0) {
    depth_at[0] = 0;
    work.push_back(0);
  }
  while (!work.empty()) {
    int i = work.back();
    work.pop_back();
    const Instr& ins = live[i];
    int depth = depth_at[i];
    if (live_target[i] >= 0) {
      int d = depth + stack_effect_jump(ins.op, ins.arg);
      max_depth = std::max(max_depth, d);
      if (auto err = reach(live_target[i], d, i)) return err;
    }
    if (!is_terminal(ins.op)) {
      int d = depth + stack_effect(ins.op, ins.arg);
      max_depth = std::max(max_depth, d);
      if (auto err = reach(i + 1, d, i)) return err;
    } else if (ins.op == Op::RETURN_VALUE || ins.op == Op::RERAISE || ins.op == Op::RAISE_VARARGS) {
      if (depth + stack_effect(ins.op, ins.arg) < 0)
        return fmt::format("internal compiler error: negative stack depth at {}", i);
    }
  }
  // 6. Emit.
  out.code.clear();
  out.positions.clear();
  out.code.reserve(m);
  out.positions.reserve(m);
  for (const Instr& ins : live) {
    if (ins.arg > kMaxArg)
      return fmt::format("too many {} in one code object (argument {} exceeds 24 bits)",
                         ins.op == Op::LOAD_CONST ? "constants" : "operands", ins.arg);
    out.code.push_back(make_insn(ins.op, ins.arg));
    out.positions.push_back(ins.pos);
  }
  out.max_stack = max_depth;
  return std::nullopt;
}

}  // namespace minipy::vm
