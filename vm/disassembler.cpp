// CPython-`dis`-style listings of CodeUnits. Column layout (one instruction per line):
//   line number (when it changes), ">>" on jump targets, instruction index, opname, arg,
//   and the resolved arg in parentheses. Offsets are instruction indices (jump args are too).
#include "vm/disassembler.h"

#include <cmath>
#include <set>

#include <fmt/format.h>

namespace minipy::vm {

namespace {

std::string quote_bytes_or_str(const std::string& s, bool bytes) {
  bool has_single = s.find('\'') != std::string::npos;
  bool has_double = s.find('"') != std::string::npos;
  char q = has_single && !has_double ? '"' : '\'';
  std::string out = bytes ? "b" : "";
  out += q;
  for (unsigned char ch : s) {
    if (ch == static_cast<unsigned char>(q) || ch == '\\') {
      out += '\\';
      out += static_cast<char>(ch);
    } else if (ch == '\n') {
      out += "\\n";
    } else if (ch == '\r') {
      out += "\\r";
    } else if (ch == '\t') {
      out += "\\t";
    } else if (ch < 0x20 || ch == 0x7f || (bytes && ch >= 0x80)) {
      out += fmt::format("\\x{:02x}", ch);
    } else {
      out += static_cast<char>(ch);  // UTF-8 text is printed as is
    }
  }
  out += q;
  return out;
}

std::string float_repr(double d) {
  if (std::isnan(d)) return "nan";
  if (std::isinf(d)) return d > 0 ? "inf" : "-inf";
  std::string s = fmt::format("{}", d);
  if (s.find_first_of(".en") == std::string::npos) s += ".0";
  return s;
}

}  // namespace

std::string constant_repr(const Constant& c) {
  using K = Constant::Kind;
  switch (c.kind) {
    case K::None: return "None";
    case K::True: return "True";
    case K::False: return "False";
    case K::Ellipsis: return "Ellipsis";
    case K::Int: return std::to_string(c.int_value);
    case K::BigInt: return c.text;
    case K::Float: return float_repr(c.float_value);
    case K::Complex: {
      // complex's repr: no '.0', the real part left out when it is +0.0.
      auto part = [](double d) {
        std::string s = float_repr(d);
        return s.ends_with(".0") ? s.substr(0, s.size() - 2) : s;
      };
      if (c.float_value == 0.0 && !std::signbit(c.float_value)) return part(c.imag_value) + "j";
      std::string im = part(c.imag_value);
      return "(" + part(c.float_value) + (im[0] == '-' ? "" : "+") + im + "j)";
    }
    case K::Str: return quote_bytes_or_str(c.text, false);
    case K::Bytes: return quote_bytes_or_str(c.text, true);
    case K::Tuple: {
      std::string out = "(";
      for (size_t i = 0; i < c.items.size(); ++i) {
        if (i) out += ", ";
        out += constant_repr(c.items[i]);
      }
      if (c.items.size() == 1) out += ",";
      return out + ")";
    }
    case K::FrozenSet: {
      std::string out = "frozenset({";
      for (size_t i = 0; i < c.items.size(); ++i) {
        if (i) out += ", ";
        out += constant_repr(c.items[i]);
      }
      return out + "})";
    }
    case K::Code:
      if (!c.code) return "<code object ?>";
      return fmt::format("<code object {}, file \"{}\", line {}>", c.code->name, c.code->filename,
                         c.code->first_line);
  }
  return "?";
}

std::string arg_repr(const CodeUnit& code, size_t index) {
  const uint32_t insn = code.code[index];
  const Op op = op_of(insn);
  const uint32_t arg = arg_of(insn);
  auto from = [&](const std::vector<std::string>& v) { return arg < v.size() ? v[arg] : std::string("?"); };
  switch (operand_kind(op)) {
    case OperandKind::NONE:
    case OperandKind::COUNT:
      return "";
    case OperandKind::CONST:
      return arg < code.consts.size() ? constant_repr(code.consts[arg]) : "?";
    case OperandKind::NAME: return from(code.names);
    case OperandKind::LOCAL: return from(code.varnames);
    case OperandKind::CELL:
      if (arg < code.cellvars.size()) return code.cellvars[arg];
      if (arg - code.cellvars.size() < code.freevars.size()) return code.freevars[arg - code.cellvars.size()];
      return "?";
    case OperandKind::JUMP: return fmt::format("to {}", arg);
    case OperandKind::OPER:
      switch (op) {
        case Op::BINARY_OP: return std::string(binary_op_symbol(arg));
        case Op::COMPARE_OP: {
          static const char* const kCmp[] = {"<", "<=", "==", "!=", ">", ">="};
          return arg < 6 ? kCmp[arg] : "?";
        }
        case Op::FORMAT_VALUE: {
          static const char* const kConv[] = {"", "str", "repr", "ascii"};
          std::string s = kConv[arg & 3];
          if (arg & 4) s += s.empty() ? "with format" : ", with format";
          return s;
        }
        case Op::MAKE_FUNCTION: {
          std::string s;
          auto add = [&](const char* what) { s += s.empty() ? what : std::string(", ") + what; };
          if (arg & 1) add("defaults");
          if (arg & 2) add("kwdefaults");
          if (arg & 8) add("closure");
          return s;
        }
        default:
          return "";
      }
  }
  return "";
}

std::string disassemble(const CodeUnit& code, bool recursive) {
  std::string out;
  std::set<uint32_t> targets;
  for (uint32_t insn : code.code) {
    if (op_flags(op_of(insn)) & F_JUMP) targets.insert(arg_of(insn));
  }
  int last_line = -1;
  for (size_t i = 0; i < code.code.size(); ++i) {
    const Op op = op_of(code.code[i]);
    const int line = i < code.positions.size() ? code.positions[i].line : 0;
    std::string row;
    if (line != last_line) {
      if (i > 0) out += "\n";
      row = fmt::format("{:>4}", line);
      last_line = line;
    } else {
      row = "    ";
    }
    row += targets.count(static_cast<uint32_t>(i)) ? "  >>" : "    ";
    row += fmt::format("{:>6} {:<24}", i, op_name(op));
    if (operand_kind(op) != OperandKind::NONE) {
      row += fmt::format(" {:>5}", arg_of(code.code[i]));
      std::string r = arg_repr(code, i);
      if (!r.empty()) row += " (" + r + ")";
    }
    while (!row.empty() && row.back() == ' ') row.pop_back();
    out += row + "\n";
  }
  if (recursive) {
    for (const auto& c : code.consts) {
      if (c.kind != Constant::Kind::Code || !c.code) continue;
      out += "\nDisassembly of " + constant_repr(c) + ":\n";
      out += disassemble(*c.code, true);
    }
  }
  return out;
}

}  // namespace minipy::vm
