// libFuzzer target (issue 12): source bytes through the re2c lexer and the Bison parser. The
// first byte picks the mode (exec, eval, single); any input must give an AST or a SyntaxError
// record, never a crash, a sanitizer report or a hang.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "parser/driver.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using minipy::parse::Mode;
  Mode mode = Mode::Exec;
  if (size > 0 && data[0] == 0x01) mode = Mode::Eval;
  if (size > 0 && data[0] == 0x02) mode = Mode::Interactive;
  std::string_view source(reinterpret_cast<const char*>(data), size);
  minipy::parse::ParseResult r = minipy::parse::parse(source, "<fuzz>", mode);
  (void)r;
  return 0;
}
