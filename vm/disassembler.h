// The disassembler: CodeUnit -> CPython `dis`-like text (line number, jump-target marker, offset,
// opname, arg and the resolved arg in parentheses). Used by `minipy --dis`, `-m dis` and the
// compiler's golden tests. Reads only the opcode tables (vm/opcode.h) and the CodeUnit.
#pragma once

#include <string>

#include "vm/code_unit.h"

namespace minipy::vm {

/// Disassembles `code`; with `recursive`, nested code objects follow, each under a
/// "Disassembly of <code object NAME, file "F", line N>:" header.
std::string disassemble(const CodeUnit& code, bool recursive = true);

/// Python repr() of a compile-time constant: 'abc', b'x', (1, 2), 1.0, <code object f, ...>.
std::string constant_repr(const Constant& c);

/// The resolved operand of one instruction as dis prints it in parentheses ("" when none).
std::string arg_repr(const CodeUnit& code, size_t index);

}  // namespace minipy::vm
