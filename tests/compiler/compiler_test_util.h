// Helpers shared by the compiler tests: parse + compile a snippet, render instruction streams in a
// compact one-instruction-per-line form ("LOAD_CONST 1", "STORE_NAME x", "JUMP_FORWARD 7").
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "parser/driver.h"
#include "vm/compiler.h"
#include "vm/disassembler.h"

namespace minipy::vm::testing {

inline parse::Mode parse_mode(CompileMode m) {
  switch (m) {
    case CompileMode::Exec: return parse::Mode::Exec;
    case CompileMode::Interactive: return parse::Mode::Interactive;
    case CompileMode::Eval: return parse::Mode::Eval;
  }
  return parse::Mode::Exec;
}

/// Parses and compiles; returns the result (the parse must succeed).
inline CompileResult compile_source(const std::string& src, CompileMode mode = CompileMode::Exec) {
  auto parsed = parse::parse(src, "<test>", parse_mode(mode));
  if (parsed.error) {
    ADD_FAILURE() << "parse error: " << parsed.error->msg << " at line " << parsed.error->lineno;
    return {};
  }
  return compile(*parsed.module, "<test>", mode);
}

inline std::shared_ptr<CodeUnit> compile_ok(const std::string& src, CompileMode mode = CompileMode::Exec) {
  auto r = compile_source(src, mode);
  if (r.error) {
    ADD_FAILURE() << "compile error: " << r.error->msg << " at " << r.error->lineno << ":" << r.error->offset;
    return std::make_shared<CodeUnit>();
  }
  return r.code ? r.code : std::make_shared<CodeUnit>();
}

/// The error a snippet must produce.
inline parse::SyntaxError compile_err(const std::string& src) {
  auto r = compile_source(src);
  if (!r.error) {
    ADD_FAILURE() << "expected a compile error for:\n" << src;
    return {};
  }
  return *r.error;
}

/// Compact listing: "OPNAME" or "OPNAME resolved-arg", one per line.
inline std::string listing(const CodeUnit& code) {
  std::string out;
  for (size_t i = 0; i < code.code.size(); ++i) {
    Op op = op_of(code.code[i]);
    out += std::string(op_name(op));
    if (operand_kind(op) != OperandKind::NONE) {
      std::string r = arg_repr(code, i);
      if (operand_kind(op) == OperandKind::JUMP || r.empty()) r = std::to_string(arg_of(code.code[i]));
      out += " " + r;
    }
    out += "\n";
  }
  return out;
}

/// The nested code object called `name` (depth-first search through the constants).
inline std::shared_ptr<CodeUnit> find_code(const std::shared_ptr<CodeUnit>& code, const std::string& name) {
  for (const auto& c : code->consts) {
    if (c.kind != Constant::Kind::Code) continue;
    if (c.code->name == name) return c.code;
    if (auto inner = find_code(c.code, name)) return inner;
  }
  return nullptr;
}

/// Listing of a nested code object (fails the test when absent).
inline std::string listing_of(const std::shared_ptr<CodeUnit>& code, const std::string& name) {
  auto c = find_code(code, name);
  if (!c) {
    ADD_FAILURE() << "no code object named " << name;
    return "";
  }
  return listing(*c);
}

}  // namespace minipy::vm::testing
