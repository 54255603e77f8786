// The opcode enum and per-opcode tables, all expanded from vm/opcodes.def (the one list).
#pragma once

#include <cstdint>
#include <string_view>

namespace minipy::vm {

enum OpFlags : uint8_t { F_JUMP = 1, F_CHECK = 2, F_RAISE = 4 };
enum class OperandKind : uint8_t { NONE, CONST, NAME, LOCAL, CELL, JUMP, COUNT, OPER };

enum class Op : uint8_t {
#define OPCODE(name, operand, pops, pushes, flags) name,
#include "vm/opcodes.def"
#undef OPCODE
};

inline constexpr int kNumOpcodes = 0
#define OPCODE(name, operand, pops, pushes, flags) +1
#include "vm/opcodes.def"
#undef OPCODE
    ;

/// BINARY_OP operands. The in-place forms (`+=`) are the plain ones plus kInplace.
enum class BinaryOp : uint8_t {
  Add, Sub, Mul, MatMul, TrueDiv, FloorDiv, Mod, Pow, LShift, RShift, And, Or, Xor,
  kCount
};
inline constexpr uint32_t kInplace = 16;

/// COMPARE_OP operands.
enum class CompareOp : uint8_t { Lt, Le, Eq, Ne, Gt, Ge };

std::string_view op_name(Op op);
OperandKind operand_kind(Op op);
uint8_t op_flags(Op op);
/// Net stack effect of one instruction when it falls through (for jumps, the fall-through path;
/// for FOR_ITER, the "got a value" path).
int stack_effect(Op op, uint32_t arg);
/// Stack effect when the jump is taken (FOR_ITER exhausted: -1; SETUP_* handlers; JUMP_IF_X_OR_POP: 0).
int stack_effect_jump(Op op, uint32_t arg);
std::string_view binary_op_symbol(uint32_t arg);  // "+", "+=", ...

}  // namespace minipy::vm
