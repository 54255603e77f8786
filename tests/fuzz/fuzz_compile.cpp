// libFuzzer target (issue 12): source bytes parsed and, when they parse, compiled to bytecode
// (symbol tables, scopes, the assembler's stack-depth check). Any input must give a code unit,
// a SyntaxError record or RecursionError's record, never a crash or a sanitizer report.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "parser/driver.h"
#include "vm/compiler.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view source(reinterpret_cast<const char*>(data), size);
  minipy::parse::ParseResult r = minipy::parse::parse(source, "<fuzz>", minipy::parse::Mode::Exec);
  if (r.module) {
    minipy::vm::CompileResult c = minipy::vm::compile(*r.module, "<fuzz>", minipy::vm::CompileMode::Exec);
    (void)c;
  }
  return 0;
}
