// The assembler: the last step of the compiler (AST -> symtable -> compiler -> [assembler] ->
// CodeUnit). The compiler appends instructions and jumps to symbolic labels; finish() resolves the
// labels to absolute instruction indices, drops unreachable instructions and jumps to the next
// instruction, picks JUMP_FORWARD/JUMP_BACKWARD for plain jumps, and computes the maximum stack
// depth by walking the flow graph with stack_effect()/stack_effect_jump() from vm/opcode.h.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "vm/code_unit.h"

namespace minipy::vm {

class Assembler {
 public:
  /// A label not yet bound to a position.
  int new_label();
  /// Binds `label` to the next instruction to be emitted.
  void bind(int label);
  void emit(Op op, uint32_t arg, const Position& pos);
  /// A jump opcode (F_JUMP) whose target is `label`.
  void emit_jump(Op op, int label, const Position& pos);
  /// An unconditional jump; finish() makes it JUMP_FORWARD or JUMP_BACKWARD by direction.
  void emit_goto(int label, const Position& pos);
  /// A loop's jump back to its start: no line of its own (kNoLine).
  void emit_loop_back(int label) { emit_goto(label, kNoLine); }

  /// The position of an artificial instruction (CPython's NOLINE: a block's cleanup, a loop's
  /// jump back): the emitter replaces it by the position of the instruction before when only
  /// that one leads here, and by none (line 0) when a label is bound here, so that a trace's
  /// 'line' events never report a line that did not run.
  static constexpr Position kNoLine{-1, 0, 0, 0};

  /// True when the last emitted instruction never falls through (return, raise, jump).
  bool ends_in_terminal() const;
  size_t size() const { return instrs_.size(); }

  /// Writes code, positions and max_stack into `out`. Returns an error message when an argument
  /// does not fit 24 bits or the stack depth is inconsistent (a compiler bug).
  std::optional<std::string> finish(CodeUnit& out);

 private:
  struct Instr {
    Op op;
    uint32_t arg;
    int label;  // jump target label, -1 if none
    bool auto_jump;
    Position pos;
  };
  std::vector<Instr> instrs_;
  std::vector<int> label_pos_;  // label -> instruction index (-1 unbound)
  int last_bound_ = -1;         // the instruction index a label was last bound to
  /// `pos`, or for kNoLine the position an artificial instruction emitted now gets.
  Position resolve(const Position& pos) const;
};

/// True for instructions after which control never reaches the next one.
bool is_terminal(Op op);

}  // namespace minipy::vm
