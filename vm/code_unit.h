// What the compiler produces for one function, lambda, comprehension, class body or module:
// bytecode (32-bit words, see opcodes.def), compile-time constants, name tables and a position
// table for tracebacks. It holds plain C++ values only, so the compiler needs no runtime; the VM
// turns a CodeUnit into a runtime code object (constants become Values) when it loads it.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "vm/opcode.h"

namespace minipy::vm {

struct CodeUnit;

/// A compile-time constant (LOAD_CONST operand, default values are computed at run time).
struct Constant {
  enum class Kind : uint8_t { None, True, False, Ellipsis, Int, BigInt, Float, Complex, Str, Bytes, Tuple, FrozenSet, Code };
  Kind kind = Kind::None;
  int64_t int_value = 0;           // Int
  std::string text;                // BigInt: decimal digits, optional leading '-'; Str (UTF-8); Bytes
  double float_value = 0;          // Float; Complex: the real part
  double imag_value = 0;           // Complex: the imaginary part
  std::vector<Constant> items;     // Tuple; FrozenSet (in source order: built by adding them in turn)
  std::shared_ptr<CodeUnit> code;  // Code

  bool operator==(const Constant& o) const;  // used to de-duplicate the consts table
};

/// Code flags (CPython's CO_* where they exist).
enum CodeFlags : uint32_t {
  kCoOptimized = 0x1,    // locals live in fast slots (functions); otherwise a locals dict (module, class body)
  kCoNewLocals = 0x2,
  kCoVarargs = 0x4,      // has *args (it is varnames[argcount + kwonlyargcount])
  kCoVarkeywords = 0x8,  // has **kwargs (next varname after *args)
  kCoNested = 0x10,
  kCoGenerator = 0x20,   // calling creates a generator object
  kCoCoroutine = 0x80,   // async def: calling creates a coroutine object
  kCoIterableCoroutine = 0x100,  // a generator that `await` accepts (types.coroutine)
  kCoAsyncGenerator = 0x200,     // async def with yield: calling creates an async generator
  kCoClassBody = 0x1000, // a class body: returns the __class__ cell or None
  kCoHasDocstring = 0x4000000,  // consts[0] is the function's docstring (CPython 3.14's CO_HAS_DOCSTRING)
};

/// Source position of one instruction (same meaning as ast::Loc).
struct Position {
  int line = 0;
  int col = 0;
  int end_line = 0;
  int end_col = 0;
};

struct CodeUnit {
  std::string name;      // "f", "<module>", "<lambda>", "<listcomp>", "<genexpr>", class name
  std::string qualname;  // "C.method.<locals>.inner"
  std::string filename;
  int first_line = 0;

  int argcount = 0;         // positional parameters, including positional-only
  int posonlyargcount = 0;
  int kwonlyargcount = 0;
  uint32_t flags = 0;

  std::vector<uint32_t> code;       // instructions: op | arg << 8
  std::vector<Position> positions;  // one per instruction
  std::vector<Constant> consts;
  std::vector<std::string> names;     // globals, attributes, imported names
  std::vector<std::string> varnames;  // fast locals: parameters first, in order
  std::vector<std::string> cellvars;  // locals captured by inner scopes (a parameter may be one too)
  std::vector<std::string> freevars;  // variables captured from enclosing scopes
  /// For each cellvar that is also a parameter: the varnames index to copy it from at entry, else -1.
  std::vector<int> cell2arg;
  int max_stack = 0;  // computed by the assembler from the stack effects

  /// The source line of instruction `insn` (the first line when it has no position).
  int line_of(int insn) const {
    return insn >= 0 && insn < static_cast<int>(positions.size()) ? positions[insn].line : first_line;
  }
};

inline Op op_of(uint32_t insn) { return static_cast<Op>(insn & 0xff); }
inline uint32_t arg_of(uint32_t insn) { return insn >> 8; }
inline uint32_t make_insn(Op op, uint32_t arg = 0) { return static_cast<uint32_t>(op) | (arg << 8); }

}  // namespace minipy::vm
