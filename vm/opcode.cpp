// Per-opcode tables expanded from vm/opcodes.def, plus the argument-dependent stack effects.
#include "vm/opcode.h"

#include <array>

namespace minipy::vm {

namespace {
struct OpInfo {
  std::string_view name;
  OperandKind operand;
  int pops;
  int pushes;
  uint8_t flags;
};
constexpr std::array<OpInfo, kNumOpcodes> kOpInfo = {{
#define OPCODE(name, operand, pops, pushes, flags) {#name, OperandKind::operand, pops, pushes, flags},
#include "vm/opcodes.def"
#undef OPCODE
}};
}  // namespace

std::string_view op_name(Op op) { return kOpInfo[static_cast<int>(op)].name; }
OperandKind operand_kind(Op op) { return kOpInfo[static_cast<int>(op)].operand; }
uint8_t op_flags(Op op) { return kOpInfo[static_cast<int>(op)].flags; }

int stack_effect(Op op, uint32_t arg) {
  const OpInfo& info = kOpInfo[static_cast<int>(op)];
  const int n = static_cast<int>(arg);
  switch (op) {
    case Op::BUILD_TUPLE:
    case Op::BUILD_LIST:
    case Op::BUILD_SET:
    case Op::BUILD_STRING:
    case Op::BUILD_SLICE:
      return 1 - n;
    case Op::BUILD_MAP:
      return 1 - 2 * n;
    case Op::BUILD_CONST_KEY_MAP:
      return 1 - (n + 1);
    case Op::FORMAT_VALUE:
      return (arg & 4) ? -1 : 0;
    case Op::UNPACK_SEQUENCE:
      return n - 1;
    case Op::UNPACK_EX:
      return static_cast<int>((arg & 0xff) + (arg >> 8) + 1) - 1;
    case Op::CALL_FUNCTION:
      return -n;  // pops f + n args, pushes result
    case Op::CALL_FUNCTION_KW:
      return -n - 1;
    case Op::CALL_FUNCTION_EX:
      return (arg & 1) ? -2 : -1;
    case Op::CALL_METHOD:
      return -n - 1;
    case Op::CALL_METHOD_KW:
      return -n - 2;
    case Op::MAKE_FUNCTION:
      return -(((arg & 1) ? 1 : 0) + ((arg & 2) ? 1 : 0) + ((arg & 4) ? 1 : 0) + ((arg & 8) ? 1 : 0));
    case Op::RAISE_VARARGS:
      return -n;
    default:
      return info.pushes - info.pops;
  }
}

int stack_effect_jump(Op op, uint32_t arg) {
  switch (op) {
    case Op::FOR_ITER:
      return -1;
    case Op::JUMP_IF_FALSE_OR_POP:
    case Op::JUMP_IF_TRUE_OR_POP:
      return 0;
    case Op::SETUP_FINALLY:
      return 1;  // the handler starts with the exception pushed
    case Op::SETUP_WITH:
      return 1;  // [mgr] -> handler sees [exit exc]
    case Op::SETUP_ASYNC_WITH:
      return 0;  // [exit res] -> handler sees [exit exc]
    case Op::JUMP_IF_NOT_EXC_MATCH:
      return -2;
    default:
      return stack_effect(op, arg);
  }
}

std::string_view binary_op_symbol(uint32_t arg) {
  static constexpr std::array<std::string_view, 13> kPlain = {
      "+", "-", "*", "@", "/", "//", "%", "**", "<<", ">>", "&", "|", "^"};
  static constexpr std::array<std::string_view, 13> kInplaceSyms = {
      "+=", "-=", "*=", "@=", "/=", "//=", "%=", "**=", "<<=", ">>=", "&=", "|=", "^="};
  if (arg & kInplace) return kInplaceSyms[(arg & ~kInplace) % 13];
  return kPlain[arg % 13];
}

}  // namespace minipy::vm
